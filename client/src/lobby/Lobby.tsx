/**
 * The lobby (route `/`, DESIGN.md section 3): the scenarios with their descriptions; create
 * a match (scenario, optional seed, bot seats with their policy, a White Cell seat or not);
 * then one join link per human seat — carrying the seat's key, so it takes the seat from any
 * browser — and an observer link. Open matches are listed with who sits where and who has
 * committed this round. "Seminar: several tables" opens N tables of one scenario at once.
 */
import { useEffect, useState } from 'react';
import { PLAYER_OF_SEAT } from '../../../game/bgio.ts';
import { FACTIONS, type Seat } from '../../../game/index.ts';
import { getScenario, SCENARIO_IDS } from '../../../scenarios/index.ts';
import { RUNG_LABEL, SEAT_LABEL } from '../theme.ts';
import {
  type BotSeats,
  type CreatedSeminar,
  createMatch,
  createSeminar,
  getSeats,
  listMatches,
  type MatchMeta,
  type MatchSeats,
  type SeatKeys,
  saveSeminar,
  seatLink,
  seminarLink,
} from './api.ts';
import { CopyButton } from './CopyButton.tsx';
import { SeatPlayers } from './SeatPlayers.tsx';

interface Created {
  readonly matchID: string;
  readonly seats: readonly Seat[];
  readonly keys: SeatKeys;
}

function Links({ created }: { readonly created: Created }) {
  return (
    <section className="created" aria-label="Join links" data-testid="join-links">
      <h2>Match {created.matchID} created</h2>
      <p>
        Send each player their own link. A link opens a page that asks for a display name and takes the seat —
        from any browser, even one where someone else holds it: the link is the seat's key, so send it to that
        player alone. The White Cell can re-issue a lost or leaked link from its console.
      </p>
      <ul className="links">
        {created.seats.map((s) => {
          const href = seatLink(created.matchID, s, created.keys[PLAYER_OF_SEAT[s]]);
          return (
            <li key={s}>
              <strong>{SEAT_LABEL[s]}</strong>{' '}
              <a href={href} data-seat-link={s}>
                {href}
              </a>{' '}
              <CopyButton text={href} label={`the ${SEAT_LABEL[s]} link`} />
            </li>
          );
        })}
        <li>
          <strong>Observers</strong>{' '}
          <a href={seatLink(created.matchID)} data-seat-link="observer">
            {seatLink(created.matchID)}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** How often the open matches' seats (who has committed) are read again. */
const SEATS_REFRESH_MS = 10_000;

/** One open match: each seat's player (or a join link when free) and whether it has committed. */
function OpenMatch({ match, seats }: { readonly match: MatchMeta; readonly seats: MatchSeats | undefined }) {
  const bySeat = new Map((seats?.seats ?? []).map((x) => [x.playerID, x]));
  return (
    <li data-match={match.matchID}>
      <code>{match.matchID}</code> {match.setupData?.scenarioId ?? ''}
      {seats ? ` · round ${seats.round}` : ''} · <a href={seatLink(match.matchID)}>watch</a>
      <ul className="open-seats">
        {match.players.map((p) => {
          const s = Object.entries(PLAYER_OF_SEAT).find(([, id]) => id === String(p.id))?.[0] as Seat;
          const status = bySeat.get(String(p.id));
          const committed = status?.committed;
          return (
            <li key={s} data-seat={s} data-committed={committed === null ? undefined : String(committed)}>
              {SEAT_LABEL[s]}:{' '}
              {p.name ? (
                <span>{p.name}</span>
              ) : (
                <a href={seatLink(match.matchID, s)}>join as {SEAT_LABEL[s]}</a>
              )}
              {committed === true && <span className="good"> · committed</span>}
              {committed === false && <span className="muted"> · planning</span>}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

function OpenMatches() {
  const [matches, setMatches] = useState<readonly MatchMeta[] | null>(null);
  const [seats, setSeats] = useState<ReadonlyMap<string, MatchSeats>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listMatches().then(setMatches, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(() => {
    if (!matches || matches.length === 0) return;
    let live = true;
    const load = () =>
      Promise.all(
        matches.slice(0, 20).map((m) =>
          getSeats(m.matchID).then(
            (x) => [m.matchID, x] as const,
            () => null,
          ),
        ),
      ).then((rows) => {
        if (live) setSeats(new Map(rows.filter((r) => r !== null)));
      });
    void load();
    const t = window.setInterval(load, SEATS_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, [matches]);
  if (error) return <p className="muted small">Open matches unavailable: {error}</p>;
  if (!matches || matches.length === 0) return <p className="muted">No open matches.</p>;
  return (
    <ul className="open-matches" data-testid="open-matches">
      {matches.slice(0, 20).map((m) => (
        <OpenMatch key={m.matchID} match={m} seats={seats.get(m.matchID)} />
      ))}
    </ul>
  );
}

/** Tables a seminar may open (server/seminar.ts). */
const SEMINAR_TABLES = [2, 3, 4, 5, 6, 7, 8] as const;

/**
 * "Seminar: N tables": the same scenario, seed and bot seats as the match form, opened as N
 * tables at once, each with a White Cell seat; the seminar page's link carries its key.
 */
function SeminarForm({
  scenarioId,
  seed,
  bots,
}: {
  readonly scenarioId: string;
  readonly seed: string;
  readonly bots: BotSeats;
}) {
  const [tables, setTables] = useState(2);
  const [seeding, setSeeding] = useState<'same' | 'each'>('same');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedSeminar | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await createSeminar({ scenarioId, tables, bots, seeding, seed: seed.trim() || undefined });
      saveSeminar(s);
      setCreated(s);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Open a seminar" className="seminar-form" style={{ marginTop: '2em' }}>
      <h2>Seminar: several tables</h2>
      <p className="small muted">
        The scenario, seed and bot seats above, opened as several tables at once, each with a White Cell seat.
        Watch them side by side and compare them afterwards.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <label className="field">
          <span>Tables</span>
          <select
            value={tables}
            onChange={(e) => setTables(Number(e.target.value))}
            data-testid="seminar-tables"
          >
            {SEMINAR_TABLES.map((n) => (
              <option key={n} value={n}>
                {n} tables
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="radio"
            name="seeding"
            checked={seeding === 'same'}
            onChange={() => setSeeding('same')}
            data-testid="seeding-same"
          />{' '}
          the same seed at every table
        </label>
        <label className="check">
          <input
            type="radio"
            name="seeding"
            checked={seeding === 'each'}
            onChange={() => setSeeding('each')}
            data-testid="seeding-each"
          />{' '}
          a seed for each table
        </label>
        <button
          type="submit"
          className="primary"
          disabled={busy || !scenarioId}
          title={!scenarioId ? 'Pick a scenario above first' : undefined}
          aria-describedby={!scenarioId ? 'seminar-why' : undefined}
          data-testid="open-seminar"
        >
          Open a seminar of {tables} tables
        </button>
        {!scenarioId && (
          <p className="muted" id="seminar-why">
            Pick a scenario above first.
          </p>
        )}
        {busy && <p className="muted">Opening the tables…</p>}
        {error && <p className="reason">Could not open the seminar: {error}</p>}
      </form>
      {created && (
        <p data-testid="seminar-created">
          Seminar of {created.tables.length} tables opened:{' '}
          <a href={seminarLink(created.seminarID, created.seminarKey)} data-testid="seminar-link">
            open the seminar page
          </a>{' '}
          <CopyButton text={seminarLink(created.seminarID, created.seminarKey)} label="the seminar link" />{' '}
          (its link is its key: keep it to the facilitators; this browser keeps the tables' seat links)
        </p>
      )}
    </section>
  );
}

export function Lobby() {
  const [scenarioId, setScenarioId] = useState(SCENARIO_IDS[0] ?? '');
  const [seed, setSeed] = useState('');
  const [white, setWhite] = useState(true);
  const [bots, setBots] = useState<BotSeats>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const { matchID, seatKeys } = await createMatch({
        scenarioId,
        seed: seed.trim() || undefined,
        white,
        bots,
      });
      const humans: Seat[] = FACTIONS.filter((f) => !bots[f]);
      if (white) humans.push('white');
      setCreated({ matchID, seats: humans, keys: seatKeys });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page lobby">
      <h1>Island Chain</h1>
      <p className="lede">
        A wargame of deterrence by denial in the First Island Chain. Japan, the United States, China and
        Taiwan plan in sealed simultaneous rounds; a White Cell facilitates.
      </p>
      <nav className="small" aria-label="After the game">
        <a href="/replay">Replay viewer</a> (step through and branch finished matches) ·{' '}
        <a href="/analysis">Batch analysis</a> (charts of an <code>analyze --json</code> summary)
      </nav>
      <div className="lobby-grid">
        <section aria-label="Scenarios">
          <h2>Scenario</h2>
          <fieldset className="scenarios">
            <legend className="sr-only">Scenario</legend>
            {SCENARIO_IDS.map((id) => {
              const s = getScenario(id);
              if (!s) return null;
              return (
                <label key={id} className={id === scenarioId ? 'scenario selected' : 'scenario'}>
                  <input
                    type="radio"
                    name="scenario"
                    value={id}
                    checked={id === scenarioId}
                    onChange={() => setScenarioId(id)}
                  />
                  <span className="scenario-name">{s.name}</span>
                  <span className="muted small">
                    {' '}
                    · {id} · {s.rounds} rounds · starts at rung {s.escalation} (
                    {RUNG_LABEL[s.escalation as 0]})
                  </span>
                  <span className="scenario-desc">{s.description}</span>
                </label>
              );
            })}
          </fieldset>
        </section>
        <section aria-label="Create a match">
          <h2>Create a match</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void create();
            }}
          >
            <label className="field wide">
              <span>Seed (optional; kept secret by the server until the match ends)</span>
              <input
                value={seed}
                onChange={(e) => setSeed(e.target.value)}
                data-testid="seed"
                maxLength={200}
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={white}
                onChange={(e) => setWhite(e.target.checked)}
                data-testid="white"
              />{' '}
              White Cell seat (facilitator: injects, amendments, approvals, timer)
            </label>
            <SeatPlayers bots={bots} onChange={setBots} testIds />
            <button
              type="submit"
              className="primary"
              disabled={busy || !scenarioId}
              title={!scenarioId ? 'Pick a scenario first' : undefined}
              aria-describedby={!scenarioId ? 'create-why' : undefined}
              data-testid="create"
            >
              Create match
            </button>
            {!scenarioId && (
              <p className="muted" id="create-why">
                Pick a scenario first.
              </p>
            )}
            {busy && <p className="muted">Creating the match…</p>}
            {error && <p className="reason">Could not create the match: {error}</p>}
          </form>
          {created && <Links created={created} />}
          <SeminarForm scenarioId={scenarioId} seed={seed} bots={bots} />
          <h2>Open matches</h2>
          <OpenMatches />
        </section>
      </div>
    </main>
  );
}
