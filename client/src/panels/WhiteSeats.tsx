/**
 * The White Cell's seats (issue 10, item 1): who holds each faction seat, whether they are
 * connected and have committed; re-issue a seat's link (the old link and the browser that
 * holds the seat stop working) or free the seat; the new link to send; the seat changes so far.
 * The server checks the White Cell's credentials for each action (server/seats.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import {
  describeSeatEvent,
  getSeats,
  loadSeat,
  type MatchSeats,
  matchInLocation,
  type SeatEvent,
  type SeatStatus,
  saveSeat,
  seatLink,
  whiteSeatAction,
} from '../lobby/api.ts';
import { CopyButton } from '../lobby/CopyButton.tsx';
import { SEAT_LABEL } from '../theme.ts';

type Action = 'reissue' | 'free';
const ACTION_LABEL: Readonly<Record<Action, string>> = { reissue: 'Re-issue link', free: 'Free seat' };
const REFRESH_MS = 5_000;

function confirmText(action: Action, s: SeatStatus): string {
  if (s.seat === 'white')
    return 'Give the White Cell a new link (say the old one leaked)? The old link stops working and any other browser holding the White Cell seat loses it; this browser keeps it and reloads on the new link.';
  const holder = s.name ? `${s.name}'s browser` : 'no one';
  return action === 'reissue'
    ? `Give ${SEAT_LABEL[s.seat]} a new link? The old link stops working and ${holder} loses the seat until the new link is opened.`
    : `Free the ${SEAT_LABEL[s.seat]} seat? It becomes empty (${holder} loses it) and joinable by a new link.`;
}

export function WhiteSeats() {
  const matchID = matchInLocation();
  const [seats, setSeats] = useState<MatchSeats | null>(null);
  const [asking, setAsking] = useState<{ action: Action; seat: SeatStatus } | null>(null);
  const [issued, setIssued] = useState<{ seat: SeatStatus; action: Action; link: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    if (matchID) getSeats(matchID).then(setSeats, () => undefined);
  }, [matchID]);
  useEffect(() => {
    load();
    const t = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(t);
  }, [load]);
  const white = matchID ? loadSeat(matchID, 'white') : null;
  if (!matchID || !white) return null;

  const act = async (action: Action, seat: SeatStatus) => {
    setBusy(true);
    setError(null);
    try {
      const r = await whiteSeatAction(action, matchID, white, seat.playerID);
      const link = seatLink(matchID, seat.seat, r.key);
      if (r.credentials) {
        // The White Cell's own link: keep the seat here with the new credentials and link.
        saveSeat(matchID, 'white', { ...white, credentials: r.credentials, key: r.key });
        history.replaceState(null, '', link);
        location.reload();
        return;
      }
      setIssued({ seat, action, link });
      setAsking(null);
      load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const factions = (seats?.seats ?? []).filter((s) => s.seat !== 'white');
  const own = seats?.seats.find((s) => s.seat === 'white');
  return (
    <section aria-label="Seats" data-testid="white-seats">
      <h3>Seats</h3>
      <table className="seats">
        <thead>
          <tr>
            <th scope="col">Seat</th>
            <th scope="col">Player</th>
            <th scope="col">Orders</th>
            <th scope="col">Link</th>
          </tr>
        </thead>
        <tbody>
          {factions.map((s) => (
            <tr key={s.playerID} data-seat={s.seat}>
              <th scope="row">{SEAT_LABEL[s.seat]}</th>
              <td>
                {s.bot ? `bot (${s.bot})` : (s.name ?? <span className="muted">open</span>)}
                {s.name && !s.bot && (
                  <span className="muted small">{s.connected ? ' · online' : ' · offline'}</span>
                )}
              </td>
              <td className={s.committed ? 'good' : ''}>
                {s.committed === null ? '—' : s.committed ? 'committed' : 'planning'}
              </td>
              <td>
                {!s.bot &&
                  (['reissue', 'free'] as const).map((a) => (
                    <button
                      key={a}
                      type="button"
                      className="link small"
                      disabled={busy}
                      data-testid={`${a}-${s.seat}`}
                      onClick={() => {
                        setAsking({ action: a, seat: s });
                        setIssued(null);
                      }}
                    >
                      {ACTION_LABEL[a]}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {own && (
        <p className="small">
          <button
            type="button"
            className="link small"
            disabled={busy}
            data-testid="reissue-white"
            onClick={() => {
              setAsking({ action: 'reissue', seat: own });
              setIssued(null);
            }}
          >
            Re-issue the White Cell's own link
          </button>{' '}
          (if it leaked)
        </p>
      )}
      {asking && (
        <div className="reason" role="alertdialog" aria-label="Confirm the seat change">
          <p>{confirmText(asking.action, asking.seat)}</p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="confirm-seat-action"
            onClick={() => void act(asking.action, asking.seat)}
          >
            {ACTION_LABEL[asking.action]}
          </button>{' '}
          <button type="button" className="link" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </div>
      )}
      {issued && (
        <p data-testid="issued-link">
          {issued.action === 'free' ? 'Freed.' : 'Re-issued.'} New {SEAT_LABEL[issued.seat.seat]} link (send
          it to that player alone):{' '}
          <a href={issued.link} style={{ wordBreak: 'break-all' }}>
            {issued.link}
          </a>{' '}
          <CopyButton text={issued.link} label={`the new ${SEAT_LABEL[issued.seat.seat]} link`} />
        </p>
      )}
      {error && <p className="reason">{error}</p>}
      {seats && seats.events.length > 0 && (
        <>
          <ul className="small" aria-label="Seat changes">
            {seats.events.slice(-RECENT_SEAT_CHANGES).map(seatChange)}
          </ul>
          {seats.events.length > RECENT_SEAT_CHANGES && (
            <details className="small">
              <summary>{seats.events.length - RECENT_SEAT_CHANGES} earlier seat changes</summary>
              <ul aria-label="Earlier seat changes">
                {seats.events.slice(0, -RECENT_SEAT_CHANGES).map(seatChange)}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** Seat changes listed in full; older ones fold away so the panel stays short in a long seminar. */
const RECENT_SEAT_CHANGES = 4;

function seatChange(e: SeatEvent) {
  return (
    <li key={`${e.at}/${e.playerID}/${e.kind}`}>
      {new Date(e.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} ·{' '}
      {describeSeatEvent(e, SEAT_LABEL[e.seat])}
    </li>
  );
}
