/**
 * Who plays each faction seat — a person or a bot with one of the engine's policies —
 * for a new match (lobby) or a branch (replay viewer).
 */
import { FACTIONS, type Faction, policiesFor } from '../../../game/index.ts';
import { SEAT_LABEL } from '../theme.ts';
import type { BotSeats } from './api.ts';

export function SeatPlayers({
  bots,
  onChange,
  labelSuffix = '',
  testIds = false,
}: {
  readonly bots: BotSeats;
  readonly onChange: (bots: BotSeats) => void;
  /** Appended to each select's accessible name, e.g. " in the branch". */
  readonly labelSuffix?: string;
  readonly testIds?: boolean;
}) {
  const set = (f: Faction, policy: string) => {
    const next: BotSeats = { ...bots };
    if (policy) next[f] = policy;
    else delete next[f];
    onChange(next);
  };
  return (
    <table className="seat-setup">
      <caption>Seats</caption>
      <tbody>
        {FACTIONS.map((f) => (
          <tr key={f}>
            <th scope="row">{SEAT_LABEL[f]}</th>
            <td>
              <select
                aria-label={`${SEAT_LABEL[f]} player${labelSuffix}`}
                value={bots[f] ?? ''}
                onChange={(e) => set(f, e.target.value)}
                {...(testIds ? { 'data-testid': `bot-${f}` } : {})}
              >
                <option value="">Human</option>
                {policiesFor(f).map((p) => (
                  <option key={p} value={p}>
                    Bot: {p}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
