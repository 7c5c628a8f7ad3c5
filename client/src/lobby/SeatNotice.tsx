/**
 * What the table is told when a seat changes hands (server/seats.ts): taken over in another
 * browser with its link, or re-issued or freed by the White Cell. One line per change seen
 * since this page connected (the latest three), until dismissed, shown over the map.
 */
import { useState } from 'react';
import { SEAT_LABEL } from '../theme.ts';
import { describeSeatEvent, type SeatEvent } from './api.ts';

/** Over the foot of the map, outside the page's grid (which has no row for it). */
const TOAST = {
  position: 'fixed',
  bottom: '1em',
  // Left of centre: over the map on a wide screen, clear of its legend and of the sidebar.
  left: 'max(1em, calc(40% - 12em))',
  zIndex: 30,
  maxWidth: 'min(calc(100vw - 2em), 30em)',
  background: 'var(--panel)',
} as const;

/** The latest changes shown at once. */
const MAX_SHOWN = 3;

const time = (at: number): string =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function SeatNotice({ events }: { readonly events: readonly SeatEvent[] }) {
  const [seen, setSeen] = useState(0);
  const shown = events.slice(Math.max(seen, events.length - MAX_SHOWN));
  if (shown.length === 0) return null;
  return (
    <div className="refusal" role="status" data-testid="seat-notice" style={TOAST}>
      <ul style={{ margin: 0, paddingLeft: '1.1em' }}>
        {shown.map((e) => (
          <li key={`${e.at}/${e.playerID}/${e.kind}`}>
            {time(e.at)} · {describeSeatEvent(e, SEAT_LABEL[e.seat])}
          </li>
        ))}
      </ul>
      <button type="button" className="link small" onClick={() => setSeen(events.length)}>
        Dismiss
      </button>
    </div>
  );
}
