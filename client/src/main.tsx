/** Entry point: `/` is the lobby, `/match/<id>?seat=<seat>` a seat's board (or the observer's without a seat). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SEATS, type Seat } from '../../game/types.ts';
import { Lobby } from './lobby/Lobby.tsx';
import { MatchPage } from './match/MatchPage.tsx';
import './styles.css';

function route() {
  const m = /^\/match\/([^/]+)\/?$/.exec(window.location.pathname);
  if (!m?.[1]) return <Lobby />;
  const matchID = decodeURIComponent(m[1]);
  const param = new URLSearchParams(window.location.search).get('seat');
  const seat: Seat | 'observer' =
    param && (SEATS as readonly string[]).includes(param) ? (param as Seat) : 'observer';
  return <MatchPage key={`${matchID}/${seat}`} matchID={matchID} seat={seat} />;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode>{route()}</StrictMode>);
