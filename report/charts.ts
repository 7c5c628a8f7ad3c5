/**
 * The after-action report's charts as static inline SVG, drawn when the report is written
 * (issue 10, "Static reports"): axes with ticks and titles, a legend, a `<title>` and `<desc>`
 * for screen readers, a `<title>` on every point (the browser's own tooltip, no script) and a
 * data table beside each chart. Nothing here needs a DOM or a script to be seen, so the page
 * reads the same in a mail client, with scripts off, and on paper.
 *
 * The scales and ticks are the few lines of arithmetic they need (d3's tick rule: steps of
 * 1, 2 or 5 × 10ⁿ) rather than d3 itself, which ships no type declarations here.
 */

/** One value per round, or null where the series has no value that round. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  /** `line` joins the points; `step` holds each value until the next round; `bars` draws a bar per round. */
  readonly kind: 'line' | 'step' | 'bars';
  /** Shade the area under a line down to zero. */
  readonly area?: boolean;
  /** The legend's label when it is not `name` (bars with `negative`: what positive values mean). */
  readonly legend?: string;
  /** Bars only: the colour of negative values and its legend label. */
  readonly negative?: { readonly name: string; readonly color: string };
  /** Words on each round's value, in its tooltip and in a column of the data table headed `label`. */
  readonly notes?: { readonly label: string; readonly values: readonly (string | null)[] };
}

export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** The rounds on the x axis, in order (1..n). */
  readonly rounds: readonly number[];
  readonly series: readonly Series[];
  readonly y: {
    readonly label: string;
    /** Fixed domain; otherwise from the data, always including zero. */
    readonly domain?: readonly [number, number];
    /** Fixed ticks; otherwise nice ticks of the domain. */
    readonly ticks?: readonly number[];
    readonly format?: (v: number) => string;
    /** Width of the tick labels, for long ones (rung names). */
    readonly margin?: number;
  };
  /** Horizontal reference lines (zero, 100 % of the start). */
  readonly rules?: readonly { readonly y: number; readonly label?: string }[];
  /** Shown over the plot, and in the description, when the chart has nothing to draw. */
  readonly empty?: string;
}

const W = 560;
const H = 250;
const BOTTOM = 38;
/** Colours of the chart's furniture (presentation attributes: mail clients drop `<style>`). */
const INK = '#1d2329';
const MUTED = '#66707a';
const GRID = '#e3e7eb';
const FONT = 12;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Coordinates to one decimal: exact enough on screen and paper, and stable text. */
const c = (n: number): string => String(Math.round(n * 10) / 10);
/** A number for people: at most two decimals, no trailing zeros. */
export const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/** d3's tick step for about `count` ticks over [lo, hi]: 1, 2 or 5 times a power of ten. */
function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const e = raw / power;
  return power * (e >= 7.07 ? 10 : e >= 3.16 ? 5 : e >= 1.41 ? 2 : 1);
}

/** The domain widened to whole tick steps, and its ticks. */
export function niceTicks(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  if (hi <= lo) hi = lo + 1;
  const step = tickStep(lo, hi, count);
  // Whole multiples of the step, without the float error of adding it up (0.1 + 0.2).
  const at = (k: number): number => Number((k * step).toPrecision(12));
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => at(first + i));
  return { domain: [at(first), at(last)], ticks };
}

const linear =
  (d0: number, d1: number, r0: number, r1: number) =>
  (v: number): number =>
    r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);

/** Runs of consecutive rounds with a value, so a gap breaks the line. */
function runs(values: readonly (number | null)[]): { i: number; v: number }[][] {
  const out: { i: number; v: number }[][] = [];
  let cur: { i: number; v: number }[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (cur.length > 0) out.push(cur);
      cur = [];
    } else cur.push({ i, v });
  });
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Rough width of a label in the chart's font, for laying out the legend. */
const textWidth = (s: string): number => s.length * FONT * 0.58;

/** The legend as rows of swatches over the plot, and the height it takes. */
function legend(spec: ChartSpec, left: number, right: number): { svg: string; height: number } {
  const items = spec.series.flatMap((s) => [
    { name: s.legend ?? s.name, color: s.color, bar: s.kind === 'bars' },
    ...(s.negative ? [{ name: s.negative.name, color: s.negative.color, bar: true }] : []),
  ]);
  if (items.length < 2 && !items.some((i) => i.bar)) return { svg: '', height: 0 };
  let x = left;
  let y = 12;
  const out: string[] = [];
  for (const it of items) {
    const w = 16 + textWidth(it.name) + 14;
    if (x + w > right && x > left) {
      x = left;
      y += 14;
    }
    const swatch = it.bar
      ? `<rect x="${c(x)}" y="${y - 8}" width="10" height="10" fill="${it.color}"/>`
      : `<line x1="${c(x)}" x2="${c(x + 12)}" y1="${y - 3}" y2="${y - 3}" stroke="${it.color}" stroke-width="2.5"/>`;
    out.push(`${swatch}<text x="${c(x + 16)}" y="${y}">${esc(it.name)}</text>`);
    x += w;
  }
  return { svg: `<g class="legend" aria-hidden="true">${out.join('')}</g>`, height: y + 6 };
}

/** One sentence per series for the chart's `<desc>`: where it started, where it ended, its range. */
function describe(spec: ChartSpec, format: (v: number) => string): string {
  if (spec.empty) return spec.empty;
  const parts = spec.series.map((s) => {
    const pts = s.values.flatMap((v, i) => (v === null ? [] : [{ v, round: spec.rounds[i] ?? i + 1 }]));
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (!first || !last) return `${s.name}: no values.`;
    const vs = pts.map((p) => p.v);
    return `${s.name}: ${format(first.v)} in round ${first.round}, ${format(last.v)} in round ${last.round} (lowest ${format(Math.min(...vs))}, highest ${format(Math.max(...vs))}).`;
  });
  return `${spec.caption} Rounds ${spec.rounds[0] ?? 1}–${spec.rounds[spec.rounds.length - 1] ?? 1}. ${parts.join(' ')}`;
}

/** The chart as an `<svg>` element string. */
export function chartSvg(spec: ChartSpec): string {
  const format = spec.y.format ?? fmt;
  const n = Math.max(1, spec.rounds.length);
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const lo = Math.min(0, ...all, ...(spec.rules ?? []).map((r) => r.y));
  const hi = Math.max(1, ...all, ...(spec.rules ?? []).map((r) => r.y));
  // All zero (no losses at all): one step up, not tenths of a unit nobody lost.
  const nice = all.every((v) => v === 0) && lo === 0 && hi === 1 ? niceTicks(0, 1, 1) : niceTicks(lo, hi);
  const domain = spec.y.domain ?? nice.domain;
  const ticks = spec.y.ticks ?? (spec.y.domain ? niceTicks(domain[0], domain[1]).ticks : nice.ticks);
  const left = spec.y.margin ?? 48;
  // Room on the right for the labels of reference lines, drawn past the plot's end.
  const right = W - ((spec.rules ?? []).some((r) => r.label) ? 44 : 16);
  const key = legend(spec, left, right);
  const top = key.height + 26;
  const x = linear(0.5, n + 0.5, left, right);
  const y = linear(domain[0], domain[1], H - BOTTOM, top);
  const band = (right - left) / n;
  const round = (i: number): number => spec.rounds[i] ?? i + 1;
  const tid = `${spec.id}-title`;
  const did = `${spec.id}-desc`;

  const grid = ticks
    .map(
      (t) =>
        `<line class="grid" stroke="${GRID}" x1="${left}" x2="${right}" y1="${c(y(t))}" y2="${c(y(t))}"/>` +
        `<text class="tick" fill="${MUTED}" x="${left - 6}" y="${c(y(t) + 4)}" text-anchor="end">${esc(format(t))}</text>`,
    )
    .join('');
  const xticks = spec.rounds
    .map((r, i) => {
      const cx = x(i + 1);
      return `<line class="tick-mark" stroke="${MUTED}" x1="${c(cx)}" x2="${c(cx)}" y1="${H - BOTTOM}" y2="${H - BOTTOM + 4}"/><text class="tick" fill="${MUTED}" x="${c(cx)}" y="${H - BOTTOM + 16}" text-anchor="middle">${r}</text>`;
    })
    .join('');
  const rules = (spec.rules ?? [])
    .map(
      (r) =>
        `<line class="rule" stroke="#9aa3ab" stroke-dasharray="4 3" x1="${left}" x2="${right}" y1="${c(y(r.y))}" y2="${c(y(r.y))}"/>${
          r.label
            ? `<text class="rule-label" fill="${MUTED}" x="${right + 4}" y="${c(y(r.y) + 4)}" text-anchor="start">${esc(r.label)}</text>`
            : ''
        }`,
    )
    .join('');

  const marks = spec.series
    .map((s) => {
      const tip = (i: number, v: number): string =>
        `<title>Round ${round(i)} · ${esc(s.name)}: ${esc(format(v))}${s.notes?.values[i] ? ` (${esc(s.notes.values[i] ?? '')})` : ''}</title>`;
      if (s.kind === 'bars') {
        const y0 = y(Math.max(domain[0], Math.min(domain[1], 0)));
        return s.values
          .map((v, i) => {
            if (v === null) return '';
            const top = Math.min(y(v), y0);
            const fill = v < 0 && s.negative ? s.negative.color : s.color;
            return `<rect class="bar" x="${c(x(i + 1) - band * 0.3)}" y="${c(top)}" width="${c(band * 0.6)}" height="${c(Math.max(0.5, Math.abs(y(v) - y0)))}" fill="${fill}">${tip(i, v)}</rect>`;
          })
          .join('');
      }
      const paths = runs(s.values).map((run) => {
        const pts = run.flatMap((p, k) => {
          const here = `${c(x(p.i + 1))},${c(y(p.v))}`;
          const prev = run[k - 1];
          return s.kind === 'step' && prev ? [`${c(x(p.i + 1))},${c(y(prev.v))}`, here] : [here];
        });
        const line = `<path class="line" d="M${pts.join('L')}" fill="none" stroke="${s.color}" stroke-width="2"/>`;
        const first = run[0];
        const last = run[run.length - 1];
        const area =
          s.area && first && last
            ? `<path class="area" d="M${c(x(first.i + 1))},${c(y(0))}L${pts.join('L')}L${c(x(last.i + 1))},${c(y(0))}Z" fill="${s.color}" fill-opacity="0.25" stroke="none"/>`
            : '';
        return area + line;
      });
      const dots = s.values
        .map((v, i) =>
          v === null
            ? ''
            : `<circle class="dot" cx="${c(x(i + 1))}" cy="${c(y(v))}" r="3.5" fill="${s.color}" stroke="#fff" stroke-width="1">${tip(i, v)}</circle>`,
        )
        .join('');
      return `<g class="series">${paths.join('')}${dots}</g>`;
    })
    .join('');

  const empty = spec.empty
    ? `<text class="empty" fill="${MUTED}" font-style="italic" x="${c((left + right) / 2)}" y="${c((top + H - BOTTOM) / 2)}" text-anchor="middle">${esc(spec.empty)}</text>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" id="svg-${spec.id}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${tid} ${did}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT}" fill="${INK}">
<title id="${tid}">${esc(spec.title)}</title>
<desc id="${did}">${esc(describe(spec, format))}</desc>
${key.svg}
<g class="y-axis">${grid}<text class="axis-label" x="${left}" y="${top - 10}" text-anchor="start" font-weight="600">↑ ${esc(spec.y.label)}</text></g>
<g class="x-axis"><line class="axis" stroke="${MUTED}" x1="${left}" x2="${right}" y1="${H - BOTTOM}" y2="${H - BOTTOM}"/>${xticks}<text class="axis-label" x="${c((left + right) / 2)}" y="${H - 6}" text-anchor="middle" font-weight="600">Round →</text></g>
${rules}
<g class="marks">${marks}</g>
${empty}
</svg>`;
}

/** The chart's values as a table, the text alternative beside the picture. */
export function chartTable(spec: ChartSpec): string {
  const format = spec.y.format ?? fmt;
  const cols = spec.series.filter((s) => s.values.some((v) => v !== null));
  if (cols.length === 0) return '';
  const head = cols
    .map(
      (s) =>
        `<th scope="col" class="num">${esc(s.name)}</th>${s.notes ? `<th scope="col">${esc(s.notes.label)}</th>` : ''}`,
    )
    .join('');
  const rows = spec.rounds.map(
    (r, i) =>
      `<tr><th scope="row">${r}</th>${cols
        .map((s) => {
          const v = s.values[i];
          const value = `<td class="num">${v === null || v === undefined ? '—' : esc(format(v))}</td>`;
          return s.notes ? `${value}<td>${esc(s.notes.values[i] ?? '—')}</td>` : value;
        })
        .join('')}</tr>`,
  );
  return `<details class="chart-data"><summary>Data</summary><table><caption>${esc(spec.title)}: ${esc(spec.y.label)} by round</caption><thead><tr><th scope="col">Round</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}
