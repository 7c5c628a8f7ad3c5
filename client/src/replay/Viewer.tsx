/**
 * The replay viewer (issue 4, "Replay viewer"): a record stepped through round by round and
 * step by step within adjudication, seen from any seat's fog of war or the White Cell's full
 * view, with bookmarks saved in the record, branching, and the after-action report. The board
 * and dashboards are the live match's own components over the engine's `viewFor`.
 */

import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ViewSeat, viewFor } from '../../../game/index.ts';
import { type Highlights, MapView } from '../board/MapView.tsx';
import { SelectionCard } from '../board/SelectionCard.tsx';
import { Tabs } from '../board/Tabs.tsx';
import { buildModel, type UnitVM } from '../match/model.ts';
import { Dashboards } from '../panels/Dashboards.tsx';
import { StatusPanel } from '../panels/StatusPanel.tsx';
import { SEAT_LABEL, titleCase } from '../theme.ts';
import { reportFor, reportLink } from './api.ts';
import { Controls } from './Controls.tsx';
import { BookmarksPanel, BranchPanel, StepLog } from './Panels.tsx';
import { type Bookmark, savedRecordText } from './record.ts';
import { branchableRounds, frameAt, groupIndex, indexOf, STEP_GROUPS, type Timeline } from './timeline.ts';

const VIEWS: readonly ViewSeat[] = ['white', 'japan', 'us', 'china', 'taiwan', 'observer'];
const VIEW_LABEL: Readonly<Record<ViewSeat, string>> = {
  ...SEAT_LABEL,
  white: 'White Cell (full view)',
  observer: 'Observer (public view)',
};
const NO_HIGHLIGHTS: Highlights = { moves: new Set(), strikes: new Set() };
const PLAY_MS = 1200;

type Tab = 'steps' | 'status' | 'bookmarks' | 'branch';
const TAB_LABEL: Readonly<Record<Tab, string>> = {
  steps: 'Log',
  status: 'Status',
  bookmarks: 'Bookmarks',
  branch: 'Branch',
};

/** Where the record came from: a finished match on this server, or a file. */
export type Source =
  | { readonly kind: 'server'; readonly matchID: string }
  | { readonly kind: 'file'; readonly name: string };

interface Props {
  readonly timeline: Timeline;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly source: Source;
  readonly initialBookmarks: readonly Bookmark[];
  readonly onClose: () => void;
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function Viewer({ timeline, raw, source, initialBookmarks, onClose }: Props) {
  const { positions, scenario, record, verdict } = timeline;
  const last = positions.length - 1;
  const [index, setIndexRaw] = useState(0);
  const [seat, setSeat] = useState<ViewSeat>('white');
  const [playing, setPlaying] = useState(false);
  const [bookmarks, setBookmarks] = useState<readonly Bookmark[]>(initialBookmarks);
  const [tab, setTab] = useState<Tab>('steps');
  const [unit, setUnit] = useState<string | null>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);
  const setIndex = useCallback((i: number) => setIndexRaw(Math.max(0, Math.min(last, i))), [last]);

  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const t = window.setTimeout(() => setIndex(index + 1), PLAY_MS);
    return () => window.clearTimeout(t);
  }, [playing, index, last, setIndex]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const p = positions[index];
      if (!p) return;
      const roundStart = (r: number) => positions.findIndex((q) => q.round === r);
      let next: number | null = null;
      if (e.key === 'ArrowRight') next = e.shiftKey ? roundStart(p.round + 1) : index + 1;
      else if (e.key === 'ArrowLeft')
        next = e.shiftKey ? (p.group > 0 ? roundStart(p.round) : roundStart(p.round - 1)) : index - 1;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = last;
      else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        setPlaying((x) => !x);
        return;
      }
      if (next === null) return;
      e.preventDefault();
      setIndex(next < 0 ? last : next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [positions, index, last, setIndex]);

  const position = positions[index];
  const frame = useMemo(
    () => (position ? frameAt(timeline, position, seat) : null),
    [timeline, position, seat],
  );
  const model = useMemo(
    () => (frame ? buildModel(viewFor(frame.board, seat), scenario) : null),
    [frame, seat, scenario],
  );
  const branchable = useMemo(() => branchableRounds(timeline), [timeline]);
  const marks = useMemo(
    () =>
      bookmarks
        .map((bookmark) => ({
          bookmark,
          index: indexOf(timeline, {
            round: bookmark.round,
            group: bookmark.step ? Math.max(0, groupIndex(bookmark.step)) : 0,
          }),
        }))
        .sort((a, b) => a.index - b.index),
    [bookmarks, timeline],
  );

  const save = () => {
    const name =
      source.kind === 'file'
        ? `${source.name.replace(/(\.record)?\.json$/i, '')}.record.json`
        : `island-chain-${source.matchID}.record.json`;
    download(name, new Blob([savedRecordText(raw, bookmarks)], { type: 'application/json' }));
  };
  const fileReport = async () => {
    setReportError(null);
    try {
      download(`island-chain-${record.scenarioId}-${record.seed}-report.html`, await reportFor(record));
    } catch (e) {
      setReportError(e instanceof Error ? e.message : String(e));
    }
  };

  const header = (
    <header className="topbar">
      <div className="brand">
        <a href="/">Island Chain</a>
        <span className="muted"> · Replay · {scenario.name}</span>
      </div>
      <div className="small muted" title={`seed ${record.seed}`}>
        {source.kind === 'server' ? `match ${source.matchID}` : source.name} · {record.actions.length} actions
        · rules {record.rulesVersion}
      </div>
      <label className="field inline">
        <span>View</span>
        <select value={seat} onChange={(e) => setSeat(e.target.value as ViewSeat)} data-testid="view-seat">
          {VIEWS.map((v) => (
            <option key={v} value={v}>
              {VIEW_LABEL[v]}
            </option>
          ))}
        </select>
      </label>
      {verdict.ended &&
        (source.kind === 'server' ? (
          <span className="aar">
            <a href={reportLink(source.matchID)} target="_blank" rel="noreferrer" data-testid="aar-open">
              After-action report
            </a>{' '}
            <a href={reportLink(source.matchID, true)} className="small" data-testid="aar-download">
              (download)
            </a>
          </span>
        ) : (
          <button type="button" className="link" onClick={() => void fileReport()} data-testid="aar-download">
            Download after-action report
          </button>
        ))}
      <button type="button" className="link small" onClick={onClose}>
        Open another record
      </button>
    </header>
  );

  const banner = verdict.messages.length > 0 && (
    <div
      className={verdict.divergence || verdict.error ? 'verdict bad' : 'verdict warn'}
      role="alert"
      data-testid="verdict"
    >
      {verdict.messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );

  if (!frame || !model || !position)
    return (
      <div className="board replay">
        {header}
        {banner}
        <main className="page">
          <p>There is nothing this viewer can show for this record.</p>
        </main>
      </div>
    );

  const v = model.view;
  const onUnits = (units: readonly UnitVM[]) => {
    const first = units[0];
    if (!first) return;
    const i = units.findIndex((u) => u.id === unit);
    const next = i >= 0 ? units[(i + 1) % units.length]! : first;
    setUnit(next.id);
    setZone(next.zone);
  };
  const stepKey = STEP_GROUPS[position.group]?.key ?? 'start';
  return (
    <div className="board replay" data-seat={seat}>
      {header}
      <div className="replay-head">
        {banner}
        {reportError && <p className="reason">Could not make the report: {reportError}</p>}
        <Controls
          timeline={timeline}
          index={index}
          playing={playing}
          bookmarkIndices={marks}
          onIndex={(i) => {
            setPlaying(false);
            setIndex(i);
          }}
          onPlay={setPlaying}
          boardLabel={`${frame.boardLabel}${v.stage === 'ended' && v.outcome ? ` · ${titleCase(v.outcome.category)}: ${v.outcome.reason}` : ''}`}
        />
      </div>
      <Dashboards model={model} />
      <div className="main">
        <div className="map-area">
          <MapView
            model={model}
            selectedUnit={unit}
            selectedZone={zone}
            highlights={NO_HIGHLIGHTS}
            onZone={(z) => {
              setZone(z);
              setUnit(null);
            }}
            onUnits={onUnits}
          />
          <SelectionCard
            model={model}
            zone={zone}
            unit={unit}
            onUnit={(id) => {
              setUnit(id);
              setZone(model.unitById.get(id)?.zone ?? null);
            }}
            onClose={() => {
              setZone(null);
              setUnit(null);
            }}
          />
        </div>
        <aside className="sidebar">
          <Tabs
            tabs={Object.keys(TAB_LABEL) as Tab[]}
            current={tab}
            onChange={setTab}
            label={(t) =>
              TAB_LABEL[t] + (t === 'bookmarks' && bookmarks.length > 0 ? ` (${bookmarks.length})` : '')
            }
          >
            {tab === 'steps' && <StepLog frame={frame} viewLabel={VIEW_LABEL[seat]} />}
            {tab === 'status' && <StatusPanel model={model} meta={null} />}
            {tab === 'bookmarks' && (
              <BookmarksPanel
                bookmarks={marks}
                here={{ round: position.round, step: stepKey }}
                onAdd={(note) =>
                  setBookmarks((bs) => [
                    ...bs,
                    { round: position.round, ...(stepKey !== 'start' ? { step: stepKey } : {}), note },
                  ])
                }
                onRemove={(b) => setBookmarks((bs) => bs.filter((x) => x !== b))}
                onJump={(i) => {
                  setPlaying(false);
                  setIndex(i);
                }}
                onSave={save}
              />
            )}
            {tab === 'branch' && (
              <BranchPanel timeline={timeline} round={position.round} branchable={branchable} />
            )}
          </Tabs>
        </aside>
      </div>
    </div>
  );
}
