/**
 * Bot seats on the server (DESIGN.md sections 3 and 11; issue 3, "Bots take empty seats").
 *
 * The seats a match was created with in `setupData.bots` are played here with the engine's
 * policies, through the same master as a human's moves (so they are validated, stored,
 * logged and broadcast like any other). After every change of a match's state, the bot seats
 * take their turn (`botTurn`, game/botDriver.ts, the same driver as the harness's), in which
 * each bot seat:
 *
 * 1. plans once per round (`botPlan`: its orders and proposals), at the first chance it gets;
 * 2. answers the open proposals addressed to it (`botAnswer`), and the open offers of terms
 *    it is asked to answer (`botRespond`);
 * 3. commits once every human faction seat has committed, so that a human partner can still
 *    propose to it and be answered; in a match of bots alone it commits at once.
 *
 * Bot seats always act, whether or not anyone is connected, so a match of bots finishes on its
 * own and a match whose humans have left goes on as far as the bots can take it (it waits
 * for the human seats' commits, or for White Cell's planning timer). A White Cell seat is
 * never a bot: a five-seat match needs its facilitator to advance each round.
 *
 * Which seats have planned in the current round is stored with the match, so a restarted
 * server does not plan a round twice.
 *
 * With several instances (issue 11) a match's bots run on the instance that holds its lease
 * (lease.ts): `runs` says which matches those are, and a step stops as soon as the lease is
 * gone; the instance that takes the lease over goes on from the stored progress.
 */
import { checkAction, moveOf, PLAYER_OF_SEAT, type SetupData } from '../game/bgio.ts';
import { botTurn, type Faction, type MatchState, type Policy } from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';
import type { ServerStore } from './store.ts';
import type { SecureSocketIO } from './transport.ts';

const PROGRESS_KEY = 'bots';

interface Progress {
  readonly round: number;
  readonly planned: readonly Faction[];
}

/** The bot seats of a match, from its stored `setupData`. */
export function botSeats(setupData: unknown): Partial<Record<Faction, Policy>> {
  const bots = (setupData as SetupData | undefined)?.bots;
  return bots && typeof bots === 'object' ? bots : {};
}

export class BotRunner {
  private readonly scheduled = new Set<string>();
  private stopped = false;

  /** `runs`: whether this instance plays the match's bots (always, for a single instance). */
  constructor(
    private readonly storage: ServerStore,
    private readonly transport: SecureSocketIO,
    private readonly runs: (matchID: string) => boolean = () => true,
  ) {}

  /** Queues a bot step for the match (at most one waiting at a time). */
  schedule(matchID: string): void {
    if (this.stopped || this.scheduled.has(matchID) || !this.runs(matchID)) return;
    this.scheduled.add(matchID);
    void this.transport.exclusive(matchID, async () => {
      this.scheduled.delete(matchID);
      if (!this.stopped && this.runs(matchID)) await this.step(matchID);
    });
  }

  /** Queues a step for every unfinished match with bot seats (at server start). */
  async resumeAll(): Promise<void> {
    for (const id of await this.storage.listMatches({ where: { isGameover: false } })) {
      const { metadata } = await this.storage.fetch(id, { metadata: true });
      if (metadata && Object.keys(botSeats(metadata.setupData)).length > 0) this.schedule(id);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  /** Everything the bot seats can do now (`botTurn`, as in the harness); runs inside the match's queue. */
  private async step(matchID: string): Promise<void> {
    // The metadata first: a match with no bot seats (most human tables) costs no state read.
    const { metadata } = await this.storage.fetch(matchID, { metadata: true });
    if (!metadata) return;
    const bots = botSeats(metadata.setupData);
    if (Object.keys(bots).length === 0) return;
    const { state } = await this.storage.fetch(matchID, { state: true });
    if (!state || state.ctx.gameover !== undefined) return;
    let G = state.G as MatchState;
    const scenario = getScenario(G.scenarioId);
    if (!scenario) return;
    const round = G.round;
    const stored = await this.storage.getServerValue<Progress>(matchID, PROGRESS_KEY);
    const planned = new Set(stored?.round === round ? stored.planned : []);
    let saved = planned.size;
    const turn = botTurn({
      scenario,
      bots,
      current: () => G,
      planned,
      onPlanned: (f) => {
        planned.add(f);
      },
      stopped: () => this.stopped || !this.runs(matchID),
    });
    // A seat that has planned is stored as such before the next action is sent (as soon as
    // `onPlanned` would have, without writing inside the generator).
    const save = async () => {
      if (planned.size === saved) return;
      saved = planned.size;
      await this.storage.setServerValue(matchID, PROGRESS_KEY, {
        round,
        planned: [...planned],
      } satisfies Progress);
    };
    for (let next = turn.next(); !next.done; ) {
      await save();
      const a = next.value;
      let accepted = false;
      if (checkAction(G, a.seat, a, getScenario).ok) {
        const { move, payload } = moveOf(a);
        accepted = await this.transport.serverMove(matchID, PLAYER_OF_SEAT[a.seat], move, [payload]);
        const after = await this.storage.fetch(matchID, { state: true });
        if (after.state) G = after.state.G as MatchState;
      }
      next = turn.next(accepted);
    }
    await save();
  }
}
