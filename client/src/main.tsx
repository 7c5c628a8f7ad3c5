/**
 * Entry point: `/` is the lobby, `/match/<id>?seat=<seat>` a seat's board (or the observer's
 * without a seat), `/replay` the replay viewer (`?match=<id>` for a finished match on this
 * server), `/analysis` the batch-summary charts and `/seminar/<id>#key=…` a seminar's tables.
 *
 * Every page is loaded on its route only, so the lobby does not fetch the map (milsymbol,
 * d3-geo, the coastlines), the viewer or the charts (Observable Plot). The vendor chunks
 * are named in vite.config.ts; tests/client-chunks.test.ts holds the lobby to its budget.
 */
import { type ComponentType, type LazyExoticComponent, lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { SEATS, type Seat } from '../../game/index.ts';
import './styles.css';

/** A page component from a module that exports it by name. */
function page<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const Lobby = page(() => import('./lobby/Lobby.tsx'), 'Lobby');
const MatchPage = page(() => import('./match/MatchPage.tsx'), 'MatchPage');
const ReplayPage = page(() => import('./replay/ReplayPage.tsx'), 'ReplayPage');
const AnalysisPage = page(() => import('./analysis/AnalysisPage.tsx'), 'AnalysisPage');
const SeminarPage = page(() => import('./seminar/SeminarPage.tsx'), 'SeminarPage');

function route() {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path === '/replay') return <ReplayPage />;
  if (path === '/analysis') return <AnalysisPage />;
  const seminar = /^\/seminar\/([^/]+)$/.exec(path);
  if (seminar?.[1]) return <SeminarPage seminarID={decodeURIComponent(seminar[1])} />;
  const m = /^\/match\/([^/]+)\/?$/.exec(window.location.pathname);
  if (!m?.[1]) return <Lobby />;
  const matchID = decodeURIComponent(m[1]);
  const param = new URLSearchParams(window.location.search).get('seat');
  const seat: Seat | 'observer' =
    param && (SEATS as readonly string[]).includes(param) ? (param as Seat) : 'observer';
  return <MatchPage key={`${matchID}/${seat}`} matchID={matchID} seat={seat} />;
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={<p className="page muted">Loading…</p>}>{route()}</Suspense>
    </StrictMode>,
  );
