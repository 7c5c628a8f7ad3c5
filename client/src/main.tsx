/**
 * Entry point: `/` is the lobby, `/match/<id>?seat=<seat>` a seat's board (or the observer's
 * without a seat), `/replay` the replay viewer (`?match=<id>` for a finished match on this
 * server) and `/analysis` the batch-summary charts.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { SEATS, type Seat } from '../../game/index.ts';
import { Lobby } from './lobby/Lobby.tsx';
import { MatchPage } from './match/MatchPage.tsx';
import './styles.css';

// Loaded on their routes only: the viewer and the charts (Observable Plot) are not needed in a match.
const ReplayPage = lazy(() => import('./replay/ReplayPage.tsx').then((m) => ({ default: m.ReplayPage })));
const AnalysisPage = lazy(() =>
  import('./analysis/AnalysisPage.tsx').then((m) => ({ default: m.AnalysisPage })),
);
const loading = <p className="page muted">Loading…</p>;

function route() {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path === '/replay')
    return (
      <Suspense fallback={loading}>
        <ReplayPage />
      </Suspense>
    );
  if (path === '/analysis')
    return (
      <Suspense fallback={loading}>
        <AnalysisPage />
      </Suspense>
    );
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
