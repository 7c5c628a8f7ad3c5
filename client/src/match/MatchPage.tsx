/**
 * Route /match/<id>?seat=<seat>: the join form when this browser holds no credentials for
 * the seat, otherwise the board — map, dashboards and the seat's panels. Without a seat
 * the page is the observer's public view.
 */

import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Seat } from '../../../game/index.ts';
import { type Highlights, MapView } from '../board/MapView.tsx';
import { SelectionCard } from '../board/SelectionCard.tsx';
import { Tabs } from '../board/Tabs.tsx';
import {
  type CaptureAuth,
  forgetSeat,
  getMatch,
  loadSeat,
  type MatchMeta,
  type StoredSeat,
} from '../lobby/api.ts';
import { JoinForm } from '../lobby/JoinForm.tsx';
import { SeatNotice } from '../lobby/SeatNotice.tsx';
import { AlliancePanel } from '../panels/AlliancePanel.tsx';
import { CaptureQuestionnaires } from '../panels/CaptureQuestionnaire.tsx';
import { Dashboards } from '../panels/Dashboards.tsx';
import { OrdersPanel } from '../panels/OrdersPanel.tsx';
import { LogPanel, ReviewPanel } from '../panels/ReviewPanel.tsx';
import { StatusPanel } from '../panels/StatusPanel.tsx';
import { SEAT_LABEL, titleCase } from '../theme.ts';
import type { UnitVM } from './model.ts';
import { PlanningClock } from './PlanningClock.tsx';
import { type MatchConnection, useMatch } from './useMatch.ts';

// The White Cell's own panels are loaded only for the White Cell seat (issue 10: code splitting).
const WhiteConsole = lazy(() =>
  import('../panels/WhiteConsole.tsx').then((m) => ({ default: m.WhiteConsole })),
);
const CaptureWhite = lazy(() =>
  import('../panels/CaptureWhite.tsx').then((m) => ({ default: m.CaptureWhite })),
);

type Tab = 'orders' | 'alliance' | 'console' | 'capture' | 'status' | 'review' | 'log';
const TAB_LABEL: Readonly<Record<Tab, string>> = {
  orders: 'Orders',
  alliance: 'Alliance',
  console: 'White Cell',
  capture: 'Data capture',
  status: 'Status',
  review: 'Review',
  log: 'Log',
};

function useMeta(matchID: string): { meta: MatchMeta | null; error: string | null } {
  const [meta, setMeta] = useState<MatchMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      getMatch(matchID).then(
        (m) => {
          if (!live) return;
          setMeta(m);
          setError(null);
        },
        (e: unknown) => live && setError(String(e instanceof Error ? e.message : e)),
      );
    void load();
    const t = window.setInterval(load, 4000);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, [matchID]);
  return { meta, error };
}

export function MatchPage({ matchID, seat }: { readonly matchID: string; readonly seat: Seat | 'observer' }) {
  const [stored, setStored] = useState<StoredSeat | null>(() =>
    seat === 'observer' ? null : loadSeat(matchID, seat),
  );
  const { meta, error } = useMeta(matchID);
  if (seat !== 'observer' && !stored)
    return <JoinForm matchID={matchID} seat={seat} meta={meta} metaError={error} onJoined={setStored} />;
  const conn: MatchConnection = stored
    ? { matchID, playerID: stored.playerID, credentials: stored.credentials }
    : { matchID };
  return (
    <Board
      conn={conn}
      seat={seat}
      name={stored?.name ?? null}
      meta={meta}
      onLeave={
        seat === 'observer'
          ? null
          : () => {
              forgetSeat(matchID, seat);
              setStored(null);
            }
      }
    />
  );
}

/** Below this width the board is a phone layout: the map read-only, the panels in a drawer. */
const NARROW = '(max-width: 760px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const mq = window.matchMedia(NARROW);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}

const FOCUSABLE =
  'button:not([disabled]), select:not([disabled]), input:not([disabled]), textarea:not([disabled]), a[href], [tabindex="0"]';

/**
 * Keeps keyboard focus on screen: a focused control outside the viewport is scrolled into
 * view. The map's own zones are left to the map, which pans to them.
 */
function useFocusOnScreen(): void {
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const el = e.target;
      if (!(el instanceof HTMLElement) || el.closest('.map-area')) return;
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth)
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
}

function tabsFor(seat: Seat | 'observer'): Tab[] {
  if (seat === 'white') return ['console', 'capture', 'alliance', 'status', 'review', 'log'];
  if (seat === 'observer') return ['status', 'review', 'log'];
  return ['orders', 'alliance', 'status', 'review', 'log'];
}

function Board(props: {
  readonly conn: MatchConnection;
  readonly seat: Seat | 'observer';
  readonly name: string | null;
  readonly meta: MatchMeta | null;
  readonly onLeave: (() => void) | null;
}) {
  const { conn, seat, name, meta, onLeave } = props;
  const ctl = useMatch(conn);
  const model = ctl.model;
  // The seat's credentials for the data capture routes (server/capture.ts); none for an observer.
  const { matchID, playerID, credentials } = conn;
  const capture = useMemo<CaptureAuth | null>(
    () => (playerID && credentials ? { matchID, playerID, credentials } : null),
    [matchID, playerID, credentials],
  );
  const tabs = tabsFor(seat);
  const [tab, setTab] = useState<Tab>(tabs[0]!);
  const [unit, setUnit] = useState<string | null>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const narrow = useNarrow();
  const [drawer, setDrawer] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [focusPanel, setFocusPanel] = useState(0);
  useFocusOnScreen();
  // After the skip link or the drawer opened: focus the panel's first control.
  useEffect(() => {
    if (focusPanel === 0) return;
    const panel = document.getElementById('tab-panel');
    const first = panel?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel)?.focus();
  }, [focusPanel]);
  const openDrawer = useCallback((t?: Tab) => {
    if (t) setTab(t);
    setDrawer(true);
    setFocusPanel((n) => n + 1);
  }, []);
  const closeDrawer = useCallback(() => {
    setDrawer(false);
    toggleRef.current?.focus();
  }, []);
  // A round adjudicated or the match ended since the last update: show the review.
  const [seen, setSeen] = useState<string | null>(null);
  const progress = model ? `${model.view.history.length}/${model.view.stage}` : null;
  if (progress !== null && progress !== seen) {
    if (seen !== null) setTab('review');
    setSeen(progress);
  }

  if (!model)
    return (
      <main className="page">
        <h1>Island Chain</h1>
        <p>{ctl.error ?? `Connecting to match ${conn.matchID}…`}</p>
        {onLeave && (
          <button type="button" className="link" onClick={onLeave}>
            Forget my seat on this browser
          </button>
        )}
      </main>
    );

  const selected = unit ? model.unitById.get(unit) : undefined;
  const legal = selected?.own ? model.legal.byUnit[selected.id] : undefined;
  const highlights: Highlights = {
    moves: new Set(legal?.moves ?? []),
    strikes: new Set((legal?.strikes ?? []).map((s) => s.target)),
  };
  const onZone = (z: string | null) => {
    // On a phone the map is read-only: a tap shows the zone; orders are made in the drawer.
    if (z && !narrow && (highlights.moves.has(z) || highlights.strikes.has(z))) {
      setPicked(z);
      return;
    }
    setZone(z);
    setUnit(null);
    setPicked(null);
  };
  const onUnits = (units: readonly UnitVM[]) => {
    const first = units[0];
    if (!first) return;
    const idx = units.findIndex((u) => u.id === unit);
    const next = idx >= 0 ? units[(idx + 1) % units.length]! : first;
    setUnit(next.id);
    setZone(next.zone);
    setPicked(null);
    if (next.own && tabs.includes('orders') && !narrow) setTab('orders');
  };
  const selectUnit = (id: string | null) => {
    setUnit(id);
    setZone(id ? (model.unitById.get(id)?.zone ?? null) : null);
    setPicked(null);
  };
  const v = model.view;
  const first = tabs[0]!;
  const panelsName = first === 'orders' ? 'orders' : first === 'console' ? 'White Cell console' : 'panels';
  const drawerOpen = drawer || !narrow;
  const incoming = model.proposals.some((p) => p.incoming && p.status === 'open');
  return (
    <div className="board" data-seat={seat}>
      {/* A button, not a link to #tab-panel: the page's fragment carries the seat's key. */}
      <button type="button" className="skip" data-testid="skip-link" onClick={() => openDrawer(first)}>
        Skip to the {panelsName}
      </button>
      <header className="topbar">
        <div className="brand">
          <a href="/">Island Chain</a>
          <span className="muted"> · {model.scenario.name}</span>
        </div>
        <div className="round" data-testid="round">
          Round {v.round}/{v.maxRounds}
          {v.stage === 'ended' ? ` · ended${v.outcome ? `: ${titleCase(v.outcome.category)}` : ''}` : ''}
        </div>
        <div className="seat-badge" data-testid="seat">
          {SEAT_LABEL[seat]}
          {name ? ` · ${name}` : ''}
        </div>
        {v.stage === 'planning' && (
          <PlanningClock
            key={`${v.round}/${v.white.timerSeconds}/${v.white.paused}`}
            matchID={conn.matchID}
            seconds={v.white.timerSeconds}
          />
        )}
        <div className={ctl.connected ? 'conn good' : 'conn bad'}>
          {ctl.connected ? 'connected' : 'offline'}
        </div>
        {onLeave && (
          <button type="button" className="link small leave" onClick={onLeave}>
            Leave seat
          </button>
        )}
        <button
          ref={toggleRef}
          type="button"
          className="primary drawer-toggle"
          aria-controls="drawer"
          aria-expanded={drawer}
          data-testid="drawer-toggle"
          onClick={() => (drawer ? closeDrawer() : openDrawer())}
        >
          {drawer ? 'Show the map' : first === 'orders' ? 'Orders & panels' : 'Panels'}
          {!drawer && incoming && (
            <>
              <span aria-hidden="true"> •</span>
              <span className="sr-only"> (a proposal awaits your answer)</span>
            </>
          )}
        </button>
      </header>
      <Dashboards model={model} />
      <SeatNotice events={ctl.seatEvents} />
      {ctl.refusal && (
        <div className="refusal" role="alert" data-testid="refusal">
          The server refused your last action: {ctl.refusal}
          <button type="button" className="link small" onClick={ctl.dismissRefusal}>
            Dismiss
          </button>
        </div>
      )}
      <div className="main">
        <aside
          className="sidebar"
          id="drawer"
          aria-label={first === 'orders' ? 'Orders and panels' : 'Panels'}
          hidden={!drawerOpen}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && narrow && drawer) closeDrawer();
          }}
        >
          <div className="drawer-head">
            <strong>{TAB_LABEL[tab]}</strong>
            <button type="button" className="secondary" onClick={closeDrawer} data-testid="drawer-close">
              Close
            </button>
          </div>
          {capture && seat !== 'white' && seat !== 'observer' && (
            <CaptureQuestionnaires auth={capture} round={v.round} stage={v.stage} />
          )}
          <Tabs
            tabs={tabs}
            current={tab}
            onChange={setTab}
            label={(t) => TAB_LABEL[t] + (t === 'alliance' && incoming ? ' •' : '')}
          >
            {tab === 'orders' && (
              <OrdersPanel
                model={model}
                send={ctl.send}
                selectedUnit={unit}
                onSelectUnit={selectUnit}
                pickedZone={picked}
                capture={capture}
              />
            )}
            {tab === 'alliance' && <AlliancePanel model={model} send={ctl.send} />}
            {tab === 'console' && (
              <Suspense fallback={<p className="muted">Loading the White Cell console…</p>}>
                <WhiteConsole model={model} send={ctl.send} />
              </Suspense>
            )}
            {tab === 'capture' && capture && (
              <Suspense fallback={<p className="muted">Loading the data capture…</p>}>
                <CaptureWhite auth={capture} round={v.round} ended={v.stage === 'ended'} />
              </Suspense>
            )}
            {tab === 'status' && <StatusPanel model={model} meta={meta} />}
            {tab === 'review' && <ReviewPanel model={model} matchID={conn.matchID} />}
            {tab === 'log' && <LogPanel model={model} />}
          </Tabs>
        </aside>
        {/* With the drawer open on a phone the map behind it is inert: Tab stays in the drawer and the top bar. */}
        <div className="map-area" inert={narrow && drawer ? true : undefined}>
          <MapView
            model={model}
            selectedUnit={unit}
            selectedZone={zone}
            highlights={highlights}
            onZone={onZone}
            onUnits={onUnits}
          />
          <SelectionCard
            model={model}
            zone={zone}
            unit={unit}
            onUnit={selectUnit}
            onClose={() => {
              setZone(null);
              setUnit(null);
            }}
          />
        </div>
      </div>
    </div>
  );
}
