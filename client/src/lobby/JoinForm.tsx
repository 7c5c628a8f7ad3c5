/**
 * The join page of a seat (route /match/<id>?seat=<seat> when this browser holds no
 * credentials for it). The seat's link carries its key (`#key=…`, server/seats.ts): with it,
 * a free seat is joined and a held one is taken over from the other browser, which is told;
 * without it, only a free seat can be joined.
 */
import { useEffect, useState } from 'react';
import { PLAYER_OF_SEAT } from '../../../game/bgio.ts';
import type { Seat } from '../../../game/index.ts';
import { getScenario } from '../../../scenarios/index.ts';
import { useMatch } from '../match/useMatch.ts';
import { SeatsTable } from '../panels/StatusPanel.tsx';
import { SEAT_LABEL } from '../theme.ts';
import { joinMatch, keyInLocation, type MatchMeta, type StoredSeat, saveSeat, seatLink } from './api.ts';

export function JoinForm(props: {
  readonly matchID: string;
  readonly seat: Seat;
  readonly meta: MatchMeta | null;
  readonly metaError: string | null;
  readonly onJoined: (s: StoredSeat) => void;
}) {
  const { matchID, seat, meta, metaError, onJoined } = props;
  const [key, setKey] = useState(keyInLocation);
  // A link pasted into this tab's address bar changes only the fragment: no reload.
  useEffect(() => {
    const read = () => setKey(keyInLocation());
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const playerID = PLAYER_OF_SEAT[seat];
  // The public view, for who has committed so far.
  const observer = useMatch({ matchID });
  const taken = meta?.players.find((p) => String(p.id) === playerID)?.name;
  const scenario = meta?.setupData?.scenarioId ? getScenario(meta.setupData.scenarioId) : undefined;
  // Taking a seat over is usually its own player on another device: offer the same name.
  useEffect(() => {
    if (taken && key) setName((n) => n || taken);
  }, [taken, key]);
  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await joinMatch(matchID, playerID, name.trim(), key ?? undefined);
      const s: StoredSeat = {
        playerID,
        credentials: r.credentials,
        name: name.trim(),
        ...(r.key ? { key: r.key } : {}),
      };
      saveSeat(matchID, seat, s);
      // The address becomes the seat's link: opened in another browser, it takes the seat there.
      if (r.key && !key) history.replaceState(null, '', seatLink(matchID, seat, r.key));
      onJoined(s);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const takeOver = Boolean(taken && key);
  return (
    <main className="page join">
      <h1>
        Island Chain · {takeOver ? 'take over' : 'join as'} {SEAT_LABEL[seat]}
      </h1>
      <p className="muted">
        Match <code>{matchID}</code>
        {scenario ? ` · ${scenario.name}` : ''}
      </p>
      {metaError && <p className="reason">Could not read the match: {metaError}</p>}
      {taken && !key ? (
        <p className="reason" data-testid="seat-held">
          This seat is held by {taken}. To play it in this browser, open the seat's own link (the one the
          facilitator sent, ending in <code>#key=…</code>); if it is lost, the White Cell can re-issue it.
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void join();
          }}
        >
          {takeOver && (
            <p className="reason" data-testid="take-over-note">
              This seat is held by {taken} in another browser. This link is the seat's key: taking the seat
              over here disconnects the other browser, which is told.
            </p>
          )}
          <label className="field wide">
            <span>Your display name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={40}
              data-testid="join-name"
            />
          </label>
          <button
            type="submit"
            className="primary"
            disabled={busy || !name.trim()}
            title={!name.trim() ? 'Enter your name first' : undefined}
            aria-describedby={!name.trim() ? 'join-why' : undefined}
            data-testid={takeOver ? 'take-over' : 'join'}
          >
            {takeOver ? 'Take the seat over in this browser' : 'Join the match'}
          </button>
          {!name.trim() && (
            <p className="muted" id="join-why">
              Enter the name the table will see first.
            </p>
          )}
          {error && <p className="reason">{error}</p>}
        </form>
      )}
      <SeatsTable model={observer.model} meta={meta} />
      <p>
        <a href={`/match/${encodeURIComponent(matchID)}`}>Watch as an observer</a> · <a href="/">Lobby</a>
      </p>
    </main>
  );
}
