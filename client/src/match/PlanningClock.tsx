/**
 * The planning countdown in the top bar. White Cell sets the timer; the server enforces it
 * and reports the deadline, which this only displays (corrected for clock skew).
 */
import { useEffect, useState } from 'react';
import { getTimer, type TimerStatus } from '../lobby/api.ts';

const mmss = (ms: number): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Keyed by round and timer settings in the parent, so a change re-reads the server's countdown. */
export function PlanningClock(props: { readonly matchID: string; readonly seconds: number | null }) {
  const { matchID, seconds } = props;
  const [status, setStatus] = useState<{ s: TimerStatus; skew: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (seconds === null) {
      setStatus(null);
      return;
    }
    let live = true;
    const load = () =>
      getTimer(matchID).then(
        (s) => live && setStatus({ s, skew: s.now - Date.now() }),
        () => live && setStatus(null),
      );
    void load();
    const poll = window.setInterval(load, 10_000);
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      window.clearInterval(poll);
      window.clearInterval(tick);
    };
  }, [matchID, seconds]);
  const t = status?.s.timer;
  if (seconds === null || !t) return null;
  const left = t.deadline !== null ? t.deadline - (now + (status?.skew ?? 0)) : (t.remainingMs ?? 0);
  return (
    <div
      className={left < 60_000 && t.deadline !== null ? 'clock bad' : 'clock'}
      data-testid="clock"
      role="timer"
    >
      Planning {t.deadline === null && t.remainingMs !== null ? `paused · ${mmss(left)}` : mmss(left)}
    </div>
  );
}
