/**
 * The replay viewer's side panels: the round's log step by step (filtered by the chosen
 * view), bookmarks with notes, and branching a new live match from a round.
 */
import { useState } from 'react';
import { FACTIONS, type Seat } from '../../../game/index.ts';
import { type BotSeats, seatLink } from '../lobby/api.ts';
import { SeatPlayers } from '../lobby/SeatPlayers.tsx';
import { SEAT_LABEL } from '../theme.ts';
import { branchMatch } from './api.ts';
import type { Bookmark } from './record.ts';
import { type Frame, STEP_GROUPS, type Timeline } from './timeline.ts';

export function StepLog({ frame, viewLabel }: { readonly frame: Frame; readonly viewLabel: string }) {
  const current = frame.position.group;
  return (
    <div className="panel-body replay-log" data-testid="replay-log">
      <p className="small muted">
        Round {frame.position.round} as {viewLabel} sees it, up to the current step. The board shows{' '}
        {frame.boardLabel}.
      </p>
      {frame.entries.map(({ group, events }) => (
        <section key={group} className={group === current ? 'step-group current' : 'step-group'}>
          <h4>{STEP_GROUPS[group]?.label}</h4>
          {events.length === 0 ? (
            <p className="muted small">Nothing {viewLabel} can see.</p>
          ) : (
            <ul className="events">
              {events.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: log events have no id and never reorder
                <li key={i} className={`ev ev-${e.step}`}>
                  <span className="step">{e.step}</span> {e.text}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {frame.hidden > 0 && (
        <p className="muted small" data-testid="hidden-count">
          {frame.hidden} entr{frame.hidden === 1 ? 'y' : 'ies'} of this step{' '}
          {frame.hidden === 1 ? 'is' : 'are'} hidden from this view.
        </p>
      )}
    </div>
  );
}

interface BookmarksProps {
  readonly bookmarks: readonly { readonly index: number; readonly bookmark: Bookmark }[];
  readonly here: { readonly round: number; readonly step: string };
  readonly onAdd: (note: string) => void;
  readonly onRemove: (b: Bookmark) => void;
  readonly onJump: (index: number) => void;
  readonly onSave: () => void;
}

export function BookmarksPanel({ bookmarks, here, onAdd, onRemove, onJump, onSave }: BookmarksProps) {
  const [note, setNote] = useState('');
  const label = STEP_GROUPS.find((g) => g.key === here.step)?.label ?? here.step;
  return (
    <div className="panel-body bookmarks">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return;
          onAdd(note.trim());
          setNote('');
        }}
      >
        <label className="field wide">
          <span>
            Note on round {here.round} · {label}
          </span>
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={3}
            maxLength={2000}
            data-testid="bookmark-note"
          />
        </label>
        <div className="button-row">
          <button type="submit" className="primary" disabled={!note.trim()} data-testid="bookmark-add">
            Bookmark this step
          </button>
          <button type="button" onClick={onSave} data-testid="save-record">
            Save record with bookmarks
          </button>
        </div>
      </form>
      {bookmarks.length === 0 ? (
        <p className="muted">No bookmarks yet. They are saved in the record file.</p>
      ) : (
        <ul className="bookmark-list" data-testid="bookmark-list">
          {bookmarks.map(({ index, bookmark: b }) => (
            <li key={`${b.round}/${b.step ?? ''}/${b.note}`}>
              <button type="button" className="link" onClick={() => onJump(index)}>
                Round {b.round}
                {b.step ? ` · ${STEP_GROUPS.find((g) => g.key === b.step)?.label ?? b.step}` : ''}
              </button>
              <span className="bm-note">{b.note}</span>
              <button
                type="button"
                className="link small"
                onClick={() => onRemove(b)}
                aria-label={`Remove the bookmark on round ${b.round}`}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface BranchProps {
  readonly timeline: Timeline;
  readonly round: number;
  readonly branchable: readonly number[];
}

interface Branched {
  readonly matchID: string;
  readonly round: number;
  readonly seats: readonly Seat[];
}

export function BranchPanel({ timeline, round, branchable }: BranchProps) {
  const [bots, setBots] = useState<BotSeats>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<Branched | null>(null);
  const white = timeline.record.white ?? false;
  const can = branchable.includes(round);
  const why = !timeline.verdict.ended
    ? 'This record does not replay to the end of its match under these rules, so the server will not branch it (a branch reuses the seed, which is public only once the match has ended).'
    : !can
      ? `Round ${round} cannot be branched from: the record vouches for the starts of rounds ${branchable[0] ?? '–'} to ${branchable[branchable.length - 1] ?? '–'}.`
      : null;
  const branch = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await branchMatch({ record: timeline.record, round, bots });
      const seats: Seat[] = FACTIONS.filter((f) => !bots[f]);
      if (r.white) seats.push('white');
      setMade({ matchID: r.matchID, round: r.round, seats });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel-body branch">
      <h3>Branch from round {round}</h3>
      <p className="small">
        A new live match with the same scenario and seed and every action before round {round}: it starts
        where this record's round {round} started, and the seats play on from there ("what if Japan had
        declared a round earlier?").{' '}
        {white
          ? 'The record was played with a White Cell, so the branch has one too.'
          : 'The record was played without a White Cell, so the branch has none.'}
      </p>
      {why ? (
        <p className="reason" data-testid="branch-refused">
          {why}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void branch();
          }}
        >
          <SeatPlayers bots={bots} onChange={setBots} labelSuffix=" in the branch" />
          <button type="submit" className="primary" disabled={busy} data-testid="branch">
            {busy ? 'Creating…' : `Start a live match from round ${round}`}
          </button>
        </form>
      )}
      {error && <p className="reason">Could not branch: {error}</p>}
      {made && (
        <section className="created" data-testid="branch-links">
          <h4>
            Match {made.matchID} starts at round {made.round}
          </h4>
          <p className="small">Send each player their link; the seats fill as they join.</p>
          <ul className="links">
            {made.seats.map((s) => (
              <li key={s}>
                <strong>{SEAT_LABEL[s]}</strong>{' '}
                <a href={seatLink(made.matchID, s)} data-seat-link={s} target="_blank" rel="noreferrer">
                  {seatLink(made.matchID, s)}
                </a>
              </li>
            ))}
            <li>
              <strong>Observers</strong>{' '}
              <a href={seatLink(made.matchID)} data-seat-link="observer" target="_blank" rel="noreferrer">
                {seatLink(made.matchID)}
              </a>
            </li>
          </ul>
        </section>
      )}
    </div>
  );
}
