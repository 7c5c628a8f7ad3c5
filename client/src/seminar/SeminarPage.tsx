/**
 * Route /seminar/<id>#key=<key> (issue 10, "Several tables, one seminar"): the facilitator's
 * view of the seminar's tables side by side — each table's round, escalation rung, who has
 * committed and its outcome once it ends, with links to its seats — and afterwards the tables
 * compared: outcomes and key tracks side by side, and each table's outcome placed in the
 * distribution of a bot batch of the same scenario.
 *
 * Only public data: the seminar route gives each table's observer view (server/seminar.ts) and
 * `GET .../seats` who sits where. The seat links come from this browser's own copy of the
 * seminar (kept when it was created); the server keeps only the keys' digests.
 */
import { useCallback, useEffect, useState } from 'react';
import { PLAYER_OF_SEAT } from '../../../game/bgio.ts';
import { FACTIONS, type Seat } from '../../../game/index.ts';
import { getScenario } from '../../../scenarios/index.ts';
import {
  type CreatedSeminar,
  compareSeminar,
  getSeats,
  getSeminar,
  keyInLocation,
  loadSeminar,
  type MatchSeats,
  reportLink,
  type SeminarComparison,
  type SeminarStatus,
  seatLink,
  seminarLink,
  type TableStatus,
} from '../lobby/api.ts';
import { CopyButton } from '../lobby/CopyButton.tsx';
import { RUNG_LABEL, SEAT_LABEL, titleCase } from '../theme.ts';
import './seminar.css';

/** How often the tables are read again. */
const REFRESH_MS = 3000;
/** How often a running bot batch is asked how far it is. */
const BATCH_POLL_MS = 1000;

/** The public end-of-match tracks compared side by side (keys of the engine's score vector). */
const TRACKS: readonly (readonly [string, string])[] = [
  ['escalation', 'Escalation rung'],
  ['cohesion', 'Alliance cohesion'],
  ['commandLevel', 'Command level'],
  ['japanSupport', 'Japan public support'],
  ['japanSpending', 'Japan defence spending (% GDP)'],
  ['usCommitment', 'US commitment'],
  ['chinaStanding', "China's standing"],
  ['taiwanWill', 'Taiwan public will'],
  ['energyDays', 'Taiwan energy (days)'],
];

const rung = (r: number | undefined): string =>
  r === undefined ? '—' : `${r} ${RUNG_LABEL[r as 0] ?? ''}`.trim();
const fmt = (v: number | string | boolean | undefined | null): string =>
  typeof v === 'number' ? String(Math.round(v * 10) / 10) : v === undefined || v === null ? '—' : String(v);
const pct = (p: number): string => `${Math.round(p * 100)}%`;
const tableName = (i: number): string => `Table ${i + 1}`;

/** An outcome in words; a facilitator's ending with the situation it was assessed as. */
function outcomeText(t: TableStatus): string {
  if (!t.outcome) return t.stage === 'ended' ? 'ended' : 'in play';
  const o = t.outcome;
  return o.category === 'ended-by-facilitator' && o.assessment
    ? `${titleCase(o.category)} (assessed: ${titleCase(o.assessment)})`
    : titleCase(o.category);
}

function TableCard({
  index,
  table,
  seats,
  created,
}: {
  readonly index: number;
  readonly table: TableStatus;
  readonly seats: MatchSeats | undefined;
  readonly created: CreatedSeminar['tables'][number] | undefined;
}) {
  const id = table.matchID;
  if (table.missing)
    return (
      <article className="seminar-table" data-table={id}>
        <h3>{tableName(index)}</h3>
        <p className="muted">This table is gone (every player left it).</p>
      </article>
    );
  const ended = table.stage === 'ended';
  const bySeat = new Map((seats?.seats ?? []).map((s) => [s.seat, s]));
  const keyOf = (s: Seat): string | undefined => created?.seatKeys[PLAYER_OF_SEAT[s]];
  const whiteKey = keyOf('white');
  return (
    <article
      className={ended ? 'seminar-table ended' : 'seminar-table'}
      data-table={id}
      data-testid="seminar-table"
    >
      <h3>
        {tableName(index)} <code className="small muted">{id}</code>
      </h3>
      <dl className="table-facts">
        <dt>Round</dt>
        <dd data-testid="table-round">
          {table.round} of {table.maxRounds}
          {ended ? ' · ended' : ''}
        </dd>
        <dt>Escalation</dt>
        <dd data-testid="table-rung">
          rung {rung(table.escalation)}
          {table.peakEscalation !== undefined && table.peakEscalation > (table.escalation ?? 0)
            ? ` (peak ${table.peakEscalation})`
            : ''}
        </dd>
        <dt>Outcome</dt>
        <dd data-testid="table-outcome" className={ended ? 'strong' : 'muted'}>
          {outcomeText(table)}
        </dd>
      </dl>
      {ended && table.outcome?.reason && <p className="small">{table.outcome.reason}</p>}
      {!ended && FACTIONS.every((f) => table.committed?.[f]) && (
        <p className="small good" data-testid="table-waiting">
          Every faction has committed: waiting for the White Cell to advance.
        </p>
      )}
      <ul className="table-seats" aria-label={`${tableName(index)} seats`}>
        {FACTIONS.map((f) => {
          const s = bySeat.get(f);
          const committed = table.committed?.[f];
          return (
            <li
              key={f}
              data-seat={f}
              data-committed={committed === undefined ? undefined : String(committed)}
            >
              <span className="seat-name">{SEAT_LABEL[f]}</span>{' '}
              <span className="muted small">{s?.bot ? `bot (${s.bot})` : (s?.name ?? 'empty')}</span>
              {!ended && (
                <span className={committed ? 'good small' : 'muted small'}>
                  {' '}
                  · {committed ? 'committed' : 'planning'}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p className="table-links small">
        {whiteKey ? (
          <a href={seatLink(id, 'white', whiteKey)} data-testid="white-link" target="_blank" rel="noreferrer">
            White Cell seat
          </a>
        ) : (
          <span className="muted" title="The seat links are kept in the browser that opened the seminar">
            White Cell link: in the browser that opened the seminar
          </span>
        )}
        {' · '}
        <a href={seatLink(id)} target="_blank" rel="noreferrer">
          watch
        </a>
        {ended && (
          <>
            {' · '}
            <a href={reportLink(id)} target="_blank" rel="noreferrer">
              report
            </a>
          </>
        )}
      </p>
      {created && FACTIONS.some((f) => keyOf(f)) && (
        <details className="small">
          <summary>Players' links</summary>
          <ul className="links">
            {FACTIONS.filter((f) => keyOf(f)).map((f) => {
              const href = seatLink(id, f, keyOf(f));
              return (
                <li key={f}>
                  {SEAT_LABEL[f]}{' '}
                  <CopyButton text={href} label={`the ${SEAT_LABEL[f]} link of ${tableName(index)}`} />
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </article>
  );
}

/** The tables' outcomes and key tracks side by side, with the bot batch's medians beside them. */
function TracksTable({
  tables,
  batch,
}: {
  readonly tables: readonly TableStatus[];
  readonly batch: Extract<SeminarComparison, { state: 'done' }> | null;
}) {
  return (
    <table className="compact seminar-compare" data-testid="seminar-compare">
      <thead>
        <tr>
          <th scope="col">Track</th>
          {tables.map((t, i) => (
            <th scope="col" key={t.matchID}>
              {tableName(i)}
            </th>
          ))}
          {batch && <th scope="col">Bot median ({batch.games} games)</th>}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Outcome</th>
          {tables.map((t) => (
            <td key={t.matchID} data-testid="compare-outcome">
              {outcomeText(t)}
            </td>
          ))}
          {batch && <td className="muted">—</td>}
        </tr>
        <tr>
          <th scope="row">Rounds adjudicated</th>
          {tables.map((t) => (
            <td key={t.matchID}>{t.escalationByRound?.length ?? '—'}</td>
          ))}
          {batch && <td>{fmt(batch.rounds?.median)}</td>}
        </tr>
        <tr>
          <th scope="row">Peak escalation</th>
          {tables.map((t) => (
            <td key={t.matchID}>{rung(t.peakEscalation)}</td>
          ))}
          {batch && <td>{fmt(batch.peakEscalation?.median)}</td>}
        </tr>
        <tr>
          <th scope="row">Rung, round by round</th>
          {tables.map((t) => (
            <td key={t.matchID} className="small">
              {t.escalationByRound?.length ? t.escalationByRound.join(' → ') : '—'}
            </td>
          ))}
          {batch && <td>—</td>}
        </tr>
        {TRACKS.map(([k, label]) => (
          <tr key={k}>
            <th scope="row">{label}</th>
            {tables.map((t) => (
              <td key={t.matchID}>{fmt(t.tracks?.[k])}</td>
            ))}
            {batch && <td>{fmt(batch.finalTracks[k]?.median)}</td>}
          </tr>
        ))}
        {FACTIONS.map((f) => (
          <tr key={f}>
            <th scope="row">{SEAT_LABEL[f]} losses (steps)</th>
            {tables.map((t) => (
              <td key={t.matchID}>{fmt(t.losses?.[f])}</td>
            ))}
            {batch && <td>—</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The bot batch's outcome shares, each table's outcome marked on them. */
function BatchShares({ batch }: { readonly batch: Extract<SeminarComparison, { state: 'done' }> }) {
  const marks = new Map<string, string[]>();
  for (const [i, t] of batch.tables.entries())
    if (t.compared) marks.set(t.compared, [...(marks.get(t.compared) ?? []), tableName(i)]);
  const shown = batch.outcomes.filter((o) => o.count > 0 || marks.has(o.outcome));
  return (
    <div className="batch">
      <ul className="placements" data-testid="placements">
        {batch.tables.map((t, i) => (
          <li key={t.matchID} data-placement={t.matchID}>
            <strong>{tableName(i)}:</strong>{' '}
            {t.compared === null || t.share === null
              ? t.stage === 'ended'
                ? 'ended without an outcome to place (no assessment of the situation)'
                : 'still in play — its outcome is placed here when it ends'
              : `${titleCase(t.compared)} — ${pct(t.share)} of ${batch.games} bot games (${t.count} of ${batch.games})`}
          </li>
        ))}
      </ul>
      <table className="compact shares" data-testid="batch-shares">
        <caption className="small muted">
          {batch.games} bot games of the scenario (default bot seats, seed "{batch.seed}", {batch.seconds} s);
          95% intervals
        </caption>
        <tbody>
          {shown.map((o) => (
            <tr key={o.outcome} className={marks.has(o.outcome) ? 'marked' : ''}>
              <th scope="row">{titleCase(o.outcome)}</th>
              <td className="bar-cell">
                <span className="bar" style={{ width: `${Math.max(0.5, o.p * 100)}%` }} />
              </td>
              <td>
                {pct(o.p)}{' '}
                <span className="muted small">
                  ({pct(o.low)}–{pct(o.high)})
                </span>
              </td>
              <td className="small">{marks.get(o.outcome)?.join(', ') ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Comparison({
  seminarID,
  seminarKey,
  tables,
}: {
  readonly seminarID: string;
  readonly seminarKey: string;
  readonly tables: readonly TableStatus[];
}) {
  const [games, setGames] = useState(200);
  /** The batch asked for (its size when the button was pressed); `n` counts the asks. */
  const [request, setRequest] = useState<{ readonly games: number; readonly n: number } | null>(null);
  const [result, setResult] = useState<SeminarComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ended = tables.filter((t) => t.stage === 'ended').length;
  // Asks for the batch, and again while it plays.
  useEffect(() => {
    if (!request) return;
    let live = true;
    let timer = 0;
    const ask = () =>
      compareSeminar(seminarID, seminarKey, request.games).then(
        (r) => {
          if (!live) return;
          setError(null);
          setResult(r);
          if (r.state === 'running') timer = window.setTimeout(ask, BATCH_POLL_MS);
        },
        (e: unknown) => {
          if (!live) return;
          setError(e instanceof Error ? e.message : String(e));
          timer = window.setTimeout(ask, 5 * BATCH_POLL_MS);
        },
      );
    void ask();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [request, seminarID, seminarKey]);
  // A table that ends after the batch ran is placed at once (the batch is cached on the server).
  const stages = tables.map((t) => t.stage).join();
  useEffect(() => {
    if (stages) setRequest((r) => (r ? { ...r, n: r.n + 1 } : r));
  }, [stages]);
  const batch = result?.state === 'done' ? result : null;
  return (
    <section className="seminar-comparison" aria-label="Compare the tables">
      <h2>Compare the tables</h2>
      <p className="small muted">
        {ended} of {tables.length} tables ended. Outcomes and key tracks side by side; each ended table placed
        among bot games of the same scenario (a table the White Cell ended is placed by its assessed outcome).
      </p>
      <form
        className="batch-form"
        onSubmit={(e) => {
          e.preventDefault();
          setResult(null);
          setRequest((r) => ({ games, n: (r?.n ?? 0) + 1 }));
        }}
      >
        <label className="field">
          <span>Bot games (1–1000)</span>
          <input
            type="number"
            min={1}
            max={1000}
            value={games}
            onChange={(e) => setGames(Math.max(1, Math.min(1000, Math.floor(Number(e.target.value) || 1))))}
            data-testid="batch-games"
          />
        </label>
        <button type="submit" className="primary" data-testid="compare">
          Compare with {games} bot games
        </button>
      </form>
      {result?.state === 'running' && (
        <p data-testid="batch-progress">
          Playing bot games on the server: {result.done} of {result.total}…
        </p>
      )}
      {error && <p className="reason">The comparison is not available yet: {error}</p>}
      {batch && <BatchShares batch={batch} />}
      <h3>Outcomes and key tracks, table by table</h3>
      <TracksTable tables={tables} batch={batch} />
    </section>
  );
}

export function SeminarPage({ seminarID }: { readonly seminarID: string }) {
  const key = keyInLocation();
  const created = loadSeminar(seminarID);
  const [status, setStatus] = useState<SeminarStatus | null>(null);
  const [seats, setSeats] = useState<ReadonlyMap<string, MatchSeats>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!key) return;
    try {
      const s = await getSeminar(seminarID, key);
      setStatus(s);
      setError(null);
      const rows = await Promise.all(
        s.tables
          .filter((t) => !t.missing)
          .map((t) =>
            getSeats(t.matchID).then(
              (x) => [t.matchID, x] as const,
              () => null,
            ),
          ),
      );
      setSeats(new Map(rows.filter((r) => r !== null)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [seminarID, key]);

  useEffect(() => {
    void load();
    const t = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(t);
  }, [load]);

  if (!key)
    return (
      <main className="page seminar">
        <h1>Seminar {seminarID}</h1>
        <p className="reason">
          This address has no seminar key. Open the seminar's own link (it ends in #key=…), which the lobby
          gave when the seminar was opened.
        </p>
      </main>
    );
  const scenario = status ? getScenario(status.scenarioId) : undefined;
  return (
    <main className="page seminar">
      <header className="seminar-head">
        <h1>Seminar</h1>
        {status && (
          <p className="lede" data-testid="seminar-summary">
            <code className="small">{seminarID}</code> · {scenario?.name ?? status.scenarioId} ·{' '}
            {status.tables.length} tables ·{' '}
            {status.seeding === 'same' ? 'the same seed at every table' : 'a seed for each table'} · bots:{' '}
            {FACTIONS.filter((f) => status.bots[f])
              .map((f) => `${SEAT_LABEL[f]} (${status.bots[f]})`)
              .join(', ') || 'none'}
          </p>
        )}
        <p className="small">
          <a href="/">Lobby</a> · seminar link (it opens this page; keep it to the facilitators){' '}
          <CopyButton text={seminarLink(seminarID, key)} label="the seminar link" />
        </p>
      </header>
      {error && <p className="reason">Could not read the seminar: {error}</p>}
      {status && (
        <>
          <section
            className="seminar-tables"
            aria-label="Tables"
            style={{ '--tables': Math.min(status.tables.length, 4) } as React.CSSProperties}
          >
            {status.tables.map((t, i) => (
              <TableCard
                key={t.matchID}
                index={i}
                table={t}
                seats={seats.get(t.matchID)}
                created={created?.tables.find((c) => c.matchID === t.matchID)}
              />
            ))}
          </section>
          <Comparison seminarID={seminarID} seminarKey={key} tables={status.tables} />
        </>
      )}
    </main>
  );
}
