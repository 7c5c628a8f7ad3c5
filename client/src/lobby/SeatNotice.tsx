/**
 * What the table is told when a seat changes hands (server/seats.ts): taken over in another
 * browser with its link, or re-issued or freed by the White Cell. One line per change seen
 * since this page connected, until dismissed, shown over the board.
 */
import { useState } from 'react';
import { SEAT_LABEL } from '../theme.ts';
import { describeSeatEvent, type SeatEvent } from './api.ts';

/** Over the board, below its top bar, outside the page's grid (which has no row for it). */
const TOAST = {
  position: 'fixed',
  top: '3.2em',
  left: '50%',
  transform: 'translateX(-50%)',
  zIndex: 30,
  maxWidth: 'min(90vw, 40em)',
  background: 'var(--panel)',
} as const;

const time = (at: number): string =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function SeatNotice({ events }: { readonly events: readonly SeatEvent[] }) {
  const [seen, setSeen] = useState(0);
  const shown = events.slice(seen);
  if (shown.length === 0) return null;
  return (
    <div className="refusal" role="status" data-testid="seat-notice" style={TOAST}>
      {shown.map((e) => (
        <div key={`${e.at}/${e.playerID}/${e.kind}`}>
          {time(e.at)} · {describeSeatEvent(e, SEAT_LABEL[e.seat])}
        </div>
      ))}
      <button type="button" className="link small" onClick={() => setSeen(events.length)}>
        Dismiss
      </button>
    </div>
  );
}
