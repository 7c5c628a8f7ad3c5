/**
 * The viewer's transport: first / previous round / back / play / forward / next round /
 * last, a scrubber over every position (bookmarks marked on it) and one button per round.
 */
import type { Bookmark } from './record.ts';
import { STEP_GROUPS, type Timeline } from './timeline.ts';

/** Transport icons as SVG paths (a 16×16 box), so they do not depend on the fonts installed. */
const ICON = {
  first: 'M2 3h2v10H2z M9 3v10L4 8z M15 3v10L10 8z',
  prevRound: 'M8 3v10L2 8z M15 3v10L9 8z',
  back: 'M3 3h2v10H3z M13 3v10L6 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M4 3h3v10H4z M9 3h3v10H9z',
  forward: 'M3 3v10l7-5z M11 3h2v10h-2z',
  nextRound: 'M1 3v10l6-5z M8 3v10l6-5z',
  last: 'M1 3v10l5-5z M7 3v10l5-5z M12 3h2v10h-2z',
} as const;

const Icon = ({ name }: { readonly name: keyof typeof ICON }) => (
  <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d={ICON[name]} fill="currentColor" />
  </svg>
);

interface Props {
  readonly timeline: Timeline;
  readonly index: number;
  readonly playing: boolean;
  readonly bookmarkIndices: readonly { readonly index: number; readonly bookmark: Bookmark }[];
  readonly onIndex: (i: number) => void;
  readonly onPlay: (playing: boolean) => void;
  /** What the board shows at this position, e.g. "the start of round 2". */
  readonly boardLabel: string;
}

export function Controls({ timeline, index, playing, bookmarkIndices, onIndex, onPlay, boardLabel }: Props) {
  const { positions } = timeline;
  const last = positions.length - 1;
  const p = positions[index];
  if (!p) return null;
  const roundStart = (round: number) => positions.findIndex((q) => q.round === round);
  const prevRound = p.group > 0 ? roundStart(p.round) : Math.max(0, roundStart(p.round - 1));
  const nextRoundIdx = roundStart(p.round + 1);
  const nextRound = nextRoundIdx < 0 ? last : nextRoundIdx;
  const rounds = timeline.rounds.map((f) => f.round);
  const inRound = positions.filter((q) => q.round === p.round);
  const stepNo = inRound.findIndex((q) => q.group === p.group) + 1;
  const marked = new Set(bookmarkIndices.map((b) => positions[b.index]?.round));
  return (
    <section className="replay-controls" aria-label="Replay controls">
      <div className="transport">
        <button
          type="button"
          onClick={() => onIndex(0)}
          disabled={index === 0}
          aria-label="First"
          title="First (Home)"
          data-testid="first"
        >
          <Icon name="first" />
        </button>
        <button
          type="button"
          onClick={() => onIndex(prevRound)}
          disabled={index === 0}
          aria-label="Previous round"
          title="Previous round (Shift+←)"
          data-testid="prev-round"
        >
          <Icon name="prevRound" />
        </button>
        <button
          type="button"
          onClick={() => onIndex(index - 1)}
          disabled={index === 0}
          aria-label="Back one step"
          title="Back one step (←)"
          data-testid="back"
        >
          <Icon name="back" />
        </button>
        <button
          type="button"
          className={playing ? 'primary' : ''}
          onClick={() => onPlay(!playing)}
          disabled={!playing && index === last}
          aria-label={playing ? 'Pause' : 'Play'}
          title="Play / pause (Space)"
          data-testid="play"
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button
          type="button"
          onClick={() => onIndex(index + 1)}
          disabled={index === last}
          aria-label="Forward one step"
          title="Forward one step (→)"
          data-testid="forward"
        >
          <Icon name="forward" />
        </button>
        <button
          type="button"
          onClick={() => onIndex(nextRound)}
          disabled={index === last}
          aria-label="Next round"
          title="Next round (Shift+→)"
          data-testid="next-round"
        >
          <Icon name="nextRound" />
        </button>
        <button
          type="button"
          onClick={() => onIndex(last)}
          disabled={index === last}
          aria-label="Last"
          title="Last (End)"
          data-testid="last"
        >
          <Icon name="last" />
        </button>
      </div>
      <div className="where">
        <strong data-testid="replay-round">
          Round {p.round}/{timeline.scenario.rounds}
        </strong>{' '}
        <span className="muted">
          · step {stepNo}/{inRound.length}:{' '}
        </span>
        <span data-testid="replay-step">{STEP_GROUPS[p.group]?.label}</span>
        <div className="small muted" data-testid="board-label">
          Board: {boardLabel}
        </div>
      </div>
      <div className="scrub">
        <input
          type="range"
          min={0}
          max={last}
          value={index}
          onChange={(e) => onIndex(Number(e.target.value))}
          list="replay-bookmarks"
          aria-label="Scrubber"
          aria-valuetext={`Round ${p.round}, ${STEP_GROUPS[p.group]?.label ?? ''}`}
          data-testid="scrubber"
        />
        <datalist id="replay-bookmarks">
          {bookmarkIndices.map((b) => (
            <option key={`${b.index}-${b.bookmark.note}`} value={b.index} label={b.bookmark.note} />
          ))}
        </datalist>
        <fieldset className="round-ticks">
          <legend className="sr-only">Jump to round</legend>
          {rounds.map((r) => (
            <button
              key={r}
              type="button"
              className={r === p.round ? 'tick current' : 'tick'}
              onClick={() => onIndex(roundStart(r))}
              title={marked.has(r) ? `Round ${r} (bookmarked)` : `Round ${r}`}
            >
              {r}
              {marked.has(r) ? (
                <span className="mark" title="bookmarked">
                  •<span className="sr-only"> (bookmarked)</span>
                </span>
              ) : null}
            </button>
          ))}
        </fieldset>
      </div>
    </section>
  );
}
