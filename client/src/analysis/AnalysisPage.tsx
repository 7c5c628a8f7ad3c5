/**
 * Route /analysis (issue 4, "Analysis page"): load the summary `island-chain analyze --json`
 * writes and see, scenario by scenario side by side, the outcome distributions with their 95%
 * intervals, any series' quartile band across rounds, the medians of every scenario on one
 * axis, how often Red went past each rung, losses, and the effect of a varied parameter.
 */
import { type DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchSummary, GroupSummary } from '../../../analysis/stats.ts';
import { FACTIONS, RULES_VERSION } from '../../../game/index.ts';
import { SEAT_LABEL, titleCase } from '../theme.ts';
import {
  bandChart,
  compareChart,
  escalationChart,
  type MedianRow,
  outcomeChart,
  type PassageRow,
  PlotFigure,
} from './charts.tsx';
import { groupKey, groupTitle, noRungAbove, parseSummaryText, seriesLabel, valueDomain } from './summary.ts';
import './analysis.css';

/** The width of an element, followed as it resizes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [w, setW] = useState(1100);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setW(Math.max(320, Math.floor(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const num = (x: number): string => String(Math.round(x * 100) / 100);

/** A median and quartiles of steps at one precision: "141.3 [135.4–146.4]", or whole when all are. */
function stepsRange(median: number, q1: number, q3: number): string {
  const whole = [median, q1, q3].every(Number.isInteger);
  const f = (x: number): string => (whole ? String(x) : x.toFixed(1));
  return `${f(median)} [${f(q1)}–${f(q3)}]`;
}

function Outcomes({ s, cardWidth }: { readonly s: BatchSummary; readonly cardWidth: number }) {
  const domain = useMemo(() => {
    const seen = new Set(
      s.groups.flatMap((g) => g.outcomes.filter((o) => o.count > 0).map((o) => o.outcome)),
    );
    const order = s.groups[0]?.outcomes.map((o) => o.outcome) ?? [];
    return order.filter((o) => seen.has(o));
  }, [s]);
  return (
    <section aria-label="Outcomes">
      <h2>Outcomes</h2>
      <p className="small muted">
        Share of matches with each outcome; the whiskers are 95% Wilson intervals.
      </p>
      <div className="cards">
        {s.groups.map((g) => (
          <figure key={groupKey(g)} className="card" data-testid="outcome-chart" data-scenario={g.scenario}>
            <figcaption>
              <strong>{groupTitle(g)}</strong> <span className="muted small">· {g.games} matches</span>
            </figcaption>
            <OutcomeFigure g={g} domain={domain} width={cardWidth} />
          </figure>
        ))}
      </div>
    </section>
  );
}

function OutcomeFigure({ g, domain, width }: { g: GroupSummary; domain: readonly string[]; width: number }) {
  const options = useMemo(() => outcomeChart(g, domain, width), [g, domain, width]);
  return <PlotFigure options={options} />;
}

function Bands({ s, cardWidth, fullWidth }: { s: BatchSummary; cardWidth: number; fullWidth: number }) {
  const keys = useMemo(
    () =>
      Object.keys(s.groups[0]?.bands ?? {}).filter((k) =>
        s.groups.some((g) => (g.bands[k]?.length ?? 0) > 0),
      ),
    [s],
  );
  const [key, setKey] = useState(() =>
    keys.includes('deterrenceMargin') ? 'deterrenceMargin' : (keys[0] ?? ''),
  );
  const label = seriesLabel(key);
  const maxRound = Math.max(1, ...s.groups.flatMap((g) => (g.bands[key] ?? []).map((b) => b.round)));
  // Groups with no rung above in any round have no deterrence reading: left out of the axes.
  const read = useMemo(() => s.groups.filter((g) => !noRungAbove(g, key)), [s, key]);
  const yDomain = useMemo(
    (): [number, number] =>
      valueDomain(read.flatMap((g) => (g.bands[key] ?? []).flatMap((b) => [b.q1, b.q3, b.median]))),
    [read, key],
  );
  const compare = useMemo(() => {
    const rows: MedianRow[] = read.flatMap((g) =>
      (g.bands[key] ?? []).map((b) => ({ group: groupKey(g), round: b.round, median: b.median })),
    );
    return compareChart(rows, read.map(groupKey), label, yDomain, maxRound, fullWidth);
  }, [read, key, label, yDomain, maxRound, fullWidth]);
  const unread = s.groups.filter((g) => noRungAbove(g, key));
  const bands = useMemo(
    () => s.groups.map((g) => bandChart(g.bands[key] ?? [], label, yDomain, maxRound, cardWidth)),
    [s, key, label, yDomain, maxRound, cardWidth],
  );
  return (
    <section aria-label="Tracks across rounds">
      <div className="section-head">
        <h2>Tracks across rounds</h2>
        <label className="field inline">
          <span>Series</span>
          <select value={key} onChange={(e) => setKey(e.target.value)} data-testid="series">
            {keys.map((k) => (
              <option key={k} value={k}>
                {seriesLabel(k)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="small muted">
        The band runs from the first to the third quartile, the line is the median, over the matches still
        running in that round. Every chart has the same axes.
      </p>
      <figure className="card wide" data-testid="compare-chart">
        <figcaption>
          <strong>{label}</strong> <span className="muted small">· medians, scenarios side by side</span>
          {unread.length > 0 && (
            <span className="muted small" data-testid="no-rung-above">
              {' '}
              · left out: {unread.map(groupKey).join(', ')} (at invasion throughout: no rung above, so no
              deterrence reading)
            </span>
          )}
        </figcaption>
        <PlotFigure options={compare} />
      </figure>
      <div className="cards">
        {s.groups.map((g, i) => (
          <figure key={groupKey(g)} className="card" data-testid="band-chart">
            <figcaption>
              <strong>{groupTitle(g)}</strong>
            </figcaption>
            {noRungAbove(g, key) ? (
              <p className="muted small" data-testid="band-no-rung-above">
                No rung above: China is at invasion in every round, so deterrence has already failed and there
                is no margin to read.
              </p>
            ) : (g.bands[key]?.length ?? 0) === 0 ? (
              <p className="muted small">No rounds in this series.</p>
            ) : (
              <PlotFigure options={bands[i]!} />
            )}
          </figure>
        ))}
      </div>
    </section>
  );
}

function Escalation({ s, width }: { s: BatchSummary; width: number }) {
  const groups = s.groups.map(groupKey);
  const rows: PassageRow[] = s.groups.flatMap((g) =>
    (g.escalation ?? []).map((r) => ({ ...r, group: groupKey(g) })),
  );
  const options = useMemo(() => escalationChart(rows, groups, width), [rows, groups, width]);
  if (rows.every((r) => r.atStart)) return null;
  return (
    <section aria-label="Escalation">
      <h2>How often Red went past each rung</h2>
      <p className="small muted">
        Rungs a scenario starts above are left out for it.{' '}
        {s.groups
          .map((g) => {
            const rounds = (g.escalation ?? [])
              .filter((r) => !r.atStart && r.medianRound !== null)
              .map((r) => `${r.name} in round ${num(r.medianRound!)}`);
            return rounds.length > 0 ? `${groupKey(g)}: median first passage ${rounds.join(', ')}.` : '';
          })
          .join(' ')}
      </p>
      <figure className="card wide" data-testid="escalation-chart">
        <PlotFigure options={options} />
      </figure>
    </section>
  );
}

function Losses({ s }: { s: BatchSummary }) {
  return (
    <section aria-label="Losses">
      <h2>Losses (steps per match: median [q1–q3])</h2>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">Side</th>
            {s.groups.map((g) => (
              <th key={groupKey(g)} scope="col">
                {groupKey(g)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FACTIONS.map((f) => (
            <tr key={f}>
              <th scope="row">{SEAT_LABEL[f]}</th>
              {s.groups.map((g) => {
                const l = g.losses?.[f];
                return <td key={groupKey(g)}>{l ? stepsRange(l.median, l.q1, l.q3) : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Effects({ s }: { s: BatchSummary }) {
  if (!s.effects || s.effects.length === 0) return null;
  return (
    <section aria-label="Effects">
      <h2>Effect of {s.vary?.key ?? 'the varied parameter'}</h2>
      <p className="small muted">
        Difference in outcome shares against the first value, with 95% Newcombe intervals.
      </p>
      {s.effects.map((e) => (
        <table key={`${e.scenario}/${e.variant}`} className="compact">
          <caption>
            {e.scenario}: {e.variant} against {e.baseline}
          </caption>
          <tbody>
            {e.outcomes
              .filter((o) => o.diff !== 0 || o.low !== 0 || o.high !== 0)
              .map((o) => (
                <tr key={o.outcome}>
                  <th scope="row">{titleCase(o.outcome)}</th>
                  <td>
                    {o.diff > 0 ? '+' : ''}
                    {pct(o.diff)} [{pct(o.low)} to {pct(o.high)}]
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function Summary({ s, name }: { readonly s: BatchSummary; readonly name: string }) {
  const [ref, width] = useWidth();
  const cols = width > 1100 ? 3 : width > 700 ? 2 : 1;
  const cardWidth = Math.floor((width - (cols - 1) * 16) / cols) - 24;
  return (
    <div ref={ref} className="analysis-body" data-testid="analysis">
      <dl className="meta">
        <dt>File</dt>
        <dd>{name}</dd>
        <dt>Matches</dt>
        <dd>
          {s.gamesPerGroup} per {s.vary ? `scenario and value of ${s.vary.key}` : 'scenario'} ·{' '}
          {s.groups.length} group{s.groups.length === 1 ? '' : 's'}
        </dd>
        <dt>Seed</dt>
        <dd>
          <code>{s.seed}</code> (match i plays seed "{s.seed}-i")
        </dd>
        {s.seats && (
          <>
            <dt>Seats</dt>
            <dd>{FACTIONS.map((f) => `${SEAT_LABEL[f]} ${s.seats[f] ?? '?'}`).join(' · ')}</dd>
          </>
        )}
        <dt>Rules</dt>
        <dd>
          {s.rulesVersion}
          {s.rulesVersion !== RULES_VERSION && (
            <span className="reason">
              {' '}
              (this client runs rules {RULES_VERSION}; the batch was made under other rules)
            </span>
          )}
        </dd>
      </dl>
      <Outcomes s={s} cardWidth={cardWidth} />
      <Bands s={s} cardWidth={cardWidth} fullWidth={width - 24} />
      <Escalation s={s} width={width - 24} />
      <Losses s={s} />
      <Effects s={s} />
    </div>
  );
}

export function AnalysisPage() {
  const [loaded, setLoaded] = useState<{ summary: BatchSummary; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const open = async (file: File | undefined) => {
    if (!file) return;
    const r = parseSummaryText(await file.text());
    if (!r.ok) {
      setError(`"${file.name}" is not a batch summary: ${r.error}.`);
      return;
    }
    setError(null);
    setLoaded({ summary: r.value, name: file.name });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };
  return (
    <main
      className={dragging ? 'page analysis dragging' : 'page analysis'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="analysis-head">
        <h1>Island Chain · batch analysis</h1>
        <p>
          <a href="/">Lobby</a> · <a href="/replay">Replay viewer</a>
        </p>
      </header>
      <p className="lede">
        Load the summary that{' '}
        <code>island-chain analyze --scenario … --games N --seed S --json summary.json</code> writes (or drop
        it on the page).
      </p>
      <input
        type="file"
        accept=".json,application/json"
        onChange={(e) => void open(e.target.files?.[0])}
        data-testid="summary-file"
      />
      {error && (
        <p className="reason" role="alert" data-testid="summary-error">
          {error}
        </p>
      )}
      {loaded && <Summary key={loaded.name} s={loaded.summary} name={loaded.name} />}
    </main>
  );
}
