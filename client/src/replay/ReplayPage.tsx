/**
 * Route /replay (issue 4, "Replay viewer"): open a match record from a file, or any finished
 * match on this server (`/replay?match=<id>`), replay it in the browser and hand it to the
 * viewer. `?round=<n>` opens the viewer at a round's start.
 */
import { type DragEvent, useCallback, useEffect, useState } from 'react';
import { getScenario } from '../../../scenarios/index.ts';
import type { MatchMeta } from '../lobby/api.ts';
import { fetchRecord, listFinished } from './api.ts';
import { parseRecord, parseRecordText, type ViewerRecord } from './record.ts';
import { buildTimeline, type Timeline } from './timeline.ts';
import { type Source, Viewer } from './Viewer.tsx';
import './replay.css';

interface Loaded {
  readonly timeline: Timeline;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly record: ViewerRecord;
  readonly source: Source;
}

/** Lets the page paint "Replaying…" before the engine runs. */
const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function FinishedMatches({ onOpen }: { readonly onOpen: (matchID: string) => void }) {
  const [matches, setMatches] = useState<readonly MatchMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listFinished().then(setMatches, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) return <p className="muted small">Finished matches unavailable: {error}</p>;
  if (!matches) return <p className="muted">Loading finished matches…</p>;
  if (matches.length === 0) return <p className="muted">No finished matches on this server yet.</p>;
  return (
    <ul className="open-matches" data-testid="finished-matches">
      {matches.slice(0, 50).map((m) => (
        <li key={m.matchID}>
          <button type="button" className="link" onClick={() => onOpen(m.matchID)}>
            Open <code>{m.matchID}</code>
          </button>{' '}
          {m.setupData?.scenarioId ?? ''}
          {m.createdAt ? (
            <span className="muted small"> · {new Date(m.createdAt).toLocaleString()}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function ReplayPage() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const open = useCallback(async (json: unknown | string, source: Source) => {
    setError(null);
    const parsed = typeof json === 'string' ? parseRecordText(json) : parseRecord(json);
    if (!parsed.ok) {
      setError(
        `${source.kind === 'file' ? `"${source.name}"` : `Match ${source.matchID}`} is not a match record: ${parsed.error}.`,
      );
      return;
    }
    const { record, raw } = parsed.value;
    const scenario = getScenario(record.scenarioId);
    if (!scenario) {
      setError(`This viewer does not know scenario "${record.scenarioId}", which the record was made from.`);
      return;
    }
    setBusy(`Replaying ${record.actions.length} actions…`);
    await nextFrame();
    try {
      setLoaded({ timeline: buildTimeline(record, scenario), raw, record, source });
    } catch (e) {
      setError(`The record could not be replayed: ${e instanceof Error ? e.message : String(e)}.`);
    } finally {
      setBusy(null);
    }
  }, []);

  const openMatch = useCallback(
    async (matchID: string) => {
      setError(null);
      setBusy(`Fetching the record of match ${matchID}…`);
      try {
        const json = await fetchRecord(matchID);
        await open(json, { kind: 'server', matchID });
      } catch (e) {
        setBusy(null);
        setError(`Could not open match ${matchID}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [open],
  );

  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('match');
    if (id) void openMatch(id);
  }, [openMatch]);

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    await open(await file.text(), { kind: 'file', name: file.name });
  };

  if (loaded)
    return (
      <Viewer
        key={`${loaded.record.seed}/${loaded.record.actions.length}/${loaded.record.roundHashes.join()}`}
        timeline={loaded.timeline}
        raw={loaded.raw}
        source={loaded.source}
        initialBookmarks={loaded.record.bookmarks ?? []}
        onClose={() => {
          setLoaded(null);
          if (window.location.search) window.history.replaceState(null, '', '/replay');
        }}
      />
    );

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void openFile(e.dataTransfer.files[0]);
  };
  return (
    <main className="page replay-open">
      <h1>Island Chain · replay viewer</h1>
      <p className="lede">
        Step through a finished match round by round and step by step within adjudication, from any seat's fog
        of war or the White Cell's full view; bookmark moments with notes; branch a new live match from any
        round.
      </p>
      <section
        className={dragging ? 'drop active' : 'drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        aria-label="Open a record file"
      >
        <h2>From a file</h2>
        <p className="small muted">
          A record saved by this viewer, downloaded from a match's review, or written by{' '}
          <code>island-chain</code> (drop it here or choose it).
        </p>
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => void openFile(e.target.files?.[0])}
          data-testid="record-file"
        />
      </section>
      <section>
        <h2>From this server</h2>
        <FinishedMatches onOpen={(id) => void openMatch(id)} />
      </section>
      {busy && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      {error && (
        <p className="reason" role="alert" data-testid="record-error">
          {error}
        </p>
      )}
      <p>
        <a href="/">Lobby</a> · <a href="/analysis">Batch analysis</a>
      </p>
    </main>
  );
}
