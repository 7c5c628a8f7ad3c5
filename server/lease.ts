/**
 * Who runs a match's bots and planning timer when several instances share one database (issue
 * 11, "Several instances"): exactly one instance at a time, the holder of the match's lease in
 * Redis (`<prefix>lease:<id>`, valued with the holder's instance id).
 *
 * - A lease is taken with `SET key id NX PX ttl` and renewed by its holder every third of the
 *   period with a compare-and-renew script (renewed only while the value is still its own). A
 *   holder that could not renew for a whole period counts it as lost (the key has expired by
 *   then, or is about to: the period is counted from when the renewal was sent).
 * - At a clean shutdown the holder deletes its leases (compare-and-delete) and says so on the
 *   `<prefix>leases` channel, so another instance takes them over at once. After a `kill -9`
 *   the keys expire after one period and the next sweep of a live instance takes them.
 * - Every instance sweeps once a period: the unfinished matches that need a runner (bot seats,
 *   or a stored countdown) and whose lease no one holds are claimed.
 * - An instance that stores a move of a match needing a runner claims its lease when no one
 *   holds it (a timer just set in a match of humans); otherwise the holder learns of the move
 *   through the match's channel (pubsub.ts), to which it listens while it holds the lease.
 *
 * The lease decides who acts; it does not guard the data. Two instances that both believed they
 * held a lease (a holder stalled past its period) could both send a bot move, and the store's
 * compare-and-set on `_stateID` would still take one of them only.
 */
import type { State } from 'boardgame.io';
import type { MatchState } from '../game/index.ts';
import { type BotRunner, botSeats } from './bots.ts';
import type { MatchRelay } from './pubsub.ts';
import type { RedisLink } from './redis.ts';
import type { ServerStore } from './store.ts';
import type { PlanningTimers } from './timer.ts';
import type { SecureSocketIO } from './transport.ts';

/** Default lease period. */
export const DEFAULT_LEASE_MS = 10_000;

/** Renews the lease only while it is still the caller's: 1 when renewed, 0 when not. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;
/** Deletes the lease only while it is still the caller's. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

export interface LeaseHooks {
  /** The lease was taken: start running the match here. */
  acquired(matchID: string): Promise<void>;
  /** The lease was lost (not renewed in time, or another holds it): stop running the match here. */
  lost(matchID: string): void;
  /** The unfinished matches that need a runner (for the sweep). */
  candidates(): Promise<string[]>;
}

/** The leases this instance holds, their renewal and the sweep. */
export class MatchLeases {
  /** Held leases: when their last successful renewal (or the claim) was sent. */
  private readonly held = new Map<string, number>();
  private readonly claiming = new Set<string>();
  private renewing: NodeJS.Timeout | null = null;
  private sweeping: NodeJS.Timeout | null = null;
  private sweepSoon: NodeJS.Timeout | null = null;
  private sweepRunning: Promise<void> | null = null;
  private stopped = false;
  private readonly releasedChannel: string;

  constructor(
    private readonly redis: RedisLink,
    private readonly hooks: LeaseHooks,
    readonly ttlMs: number = DEFAULT_LEASE_MS,
    private readonly log: (line: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.releasedChannel = redis.key('leases');
  }

  /** Whether this instance holds the match's lease (and its period has not run out unrenewed). */
  holds(matchID: string): boolean {
    const at = this.held.get(matchID);
    return at !== undefined && this.now() - at < this.ttlMs;
  }

  /** Starts renewing, sweeping (at once, then once a period) and listening for released leases. */
  async start(): Promise<void> {
    this.redis.sub.on('message', (channel: string) => {
      if (channel === this.releasedChannel) this.soon();
    });
    await this.redis.sub.subscribe(this.releasedChannel);
    this.renewing = setInterval(() => void this.renewAll(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.sweeping = setInterval(() => this.soon(), this.ttlMs);
    await this.sweep();
  }

  /** Takes the match's lease when no one holds it; resolves to whether this instance holds it now. */
  async claim(matchID: string): Promise<boolean> {
    if (this.stopped) return false;
    if (this.holds(matchID)) return true;
    if (this.claiming.has(matchID)) return false;
    this.claiming.add(matchID);
    try {
      const sent = this.now();
      const ok = await this.redis.cmd.set(this.key(matchID), this.redis.instanceID, 'PX', this.ttlMs, 'NX');
      if (ok !== 'OK' || this.stopped) return false;
      this.held.set(matchID, sent);
    } catch (e) {
      this.log(`match ${matchID}: cannot take its lease: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    } finally {
      this.claiming.delete(matchID);
    }
    this.log(`match ${matchID}: this instance runs its bots and timer now`);
    try {
      await this.hooks.acquired(matchID);
      return true;
    } catch (e) {
      // Not run here after all: given back, for the next sweep (here or elsewhere).
      this.log(
        `match ${matchID}: could not start its bots and timer (${e instanceof Error ? e.message : String(e)}); lease given back`,
      );
      this.hooks.lost(matchID);
      await this.release(matchID);
      return false;
    }
  }

  /** Gives a lease back (the match no longer needs a runner). */
  async release(matchID: string): Promise<void> {
    if (!this.held.delete(matchID)) return;
    await this.redis.cmd.eval(RELEASE, 1, this.key(matchID), this.redis.instanceID).catch(() => undefined);
  }

  /** Stops renewing and sweeping, and gives every lease back (at a clean shutdown). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of [this.renewing, this.sweeping, this.sweepSoon]) if (t) clearTimeout(t);
    await this.sweepRunning?.catch(() => undefined);
    const ids = [...this.held.keys()];
    this.held.clear();
    if (ids.length === 0) return;
    await Promise.all(
      ids.map((id) => this.redis.cmd.eval(RELEASE, 1, this.key(id), this.redis.instanceID)),
    ).catch(() => undefined);
    await this.redis.cmd.publish(this.releasedChannel, String(ids.length)).catch(() => undefined);
  }

  /** Claims the lease of every candidate match that no one holds. */
  sweep(): Promise<void> {
    this.sweepRunning ??= (async () => {
      try {
        for (const id of await this.hooks.candidates()) {
          if (this.stopped) return;
          if (!this.held.has(id)) await this.claim(id);
        }
      } catch (e) {
        this.log(`lease sweep failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.sweepRunning = null;
      }
    })();
    return this.sweepRunning;
  }

  private soon(): void {
    if (this.stopped || this.sweepSoon) return;
    this.sweepSoon = setTimeout(() => {
      this.sweepSoon = null;
      void this.sweep();
    }, 50);
  }

  private key(matchID: string): string {
    return this.redis.key('lease', matchID);
  }

  private async renewAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.renew(id)));
  }

  private async renew(matchID: string): Promise<void> {
    const sent = this.now();
    let renewed: boolean | null = null;
    try {
      renewed =
        (await this.redis.cmd.eval(
          RENEW,
          1,
          this.key(matchID),
          this.redis.instanceID,
          String(this.ttlMs),
        )) === 1;
    } catch {
      renewed = null; // Redis did not answer: still held until the period runs out
    }
    if (this.stopped || !this.held.has(matchID)) return;
    if (renewed) this.held.set(matchID, sent);
    else if (renewed === false || !this.holds(matchID)) {
      this.held.delete(matchID);
      this.log(`match ${matchID}: lease lost; its bots and timer stop here`);
      this.hooks.lost(matchID);
    }
  }
}

/**
 * Runs each match's bots and timer on the instance holding its lease: what to do when a state
 * of a match is stored here or elsewhere, when a match is created, and when a lease comes or goes.
 */
export class MatchRunners implements LeaseHooks {
  readonly leases: MatchLeases;
  /** Whether each match has bot seats (fixed at creation). */
  private readonly hasBots = new Map<string, boolean>();
  /** Matches whose lease was just taken: the states stored while their countdown loads. */
  private readonly adopting = new Map<string, { state: State; action: unknown }[]>();

  constructor(
    redis: RedisLink,
    private readonly relay: MatchRelay,
    private readonly storage: ServerStore,
    private readonly transport: SecureSocketIO,
    private readonly bots: BotRunner,
    private readonly timers: PlanningTimers,
    ttlMs: number = DEFAULT_LEASE_MS,
    log: (line: string) => void = () => undefined,
  ) {
    this.leases = new MatchLeases(redis, this, ttlMs, log);
  }

  /** Whether this instance runs the match's bots and timer. */
  runs(matchID: string): boolean {
    return this.leases.holds(matchID);
  }

  /** A match was created here: its bots start here. */
  created(matchID: string, withBots: boolean): void {
    this.hasBots.set(matchID, withBots);
    if (withBots) void this.leases.claim(matchID);
  }

  /**
   * A state of the match was stored (`local`: by this instance). The holder follows it (timer,
   * bots); another instance that stored it claims the lease when the match needs a runner and
   * no one holds it.
   */
  changed(matchID: string, state: State, action: unknown, local: boolean): void {
    const G = state.G as MatchState;
    const over = state.ctx.gameover !== undefined;
    if (this.runs(matchID)) {
      const waiting = this.adopting.get(matchID);
      if (waiting) waiting.push({ state, action });
      else this.follow(matchID, state, action);
      return;
    }
    if (!local || over) return;
    void this.needsRunner(matchID, G).then((needed) => {
      if (needed) void this.leases.claim(matchID);
    });
  }

  /**
   * The lease was taken: listen to the match, load its countdown, then follow the states stored
   * meanwhile that are newer than the one the countdown was brought up to; the bots take their turn.
   */
  async acquired(matchID: string): Promise<void> {
    this.adopting.set(matchID, []);
    try {
      await this.relay.want(matchID, 'lease', true);
      const read = await this.transport.exclusive(matchID, () => this.timers.adopt(matchID));
      for (const { state, action } of this.adopting.get(matchID) ?? [])
        if (state._stateID > read) this.follow(matchID, state, action);
    } finally {
      this.adopting.delete(matchID);
    }
    this.bots.schedule(matchID);
  }

  /** The holder follows a stored state: the countdown, then the bots (or, at the end, the lease goes). */
  private follow(matchID: string, state: State, action: unknown): void {
    const over = state.ctx.gameover !== undefined;
    this.timers.onState(matchID, state.G as MatchState, over, action);
    if (!over) this.bots.schedule(matchID);
    else void this.stopRunning(matchID);
  }

  lost(matchID: string): void {
    this.timers.drop(matchID);
    void this.relay.want(matchID, 'lease', false);
  }

  async candidates(): Promise<string[]> {
    const [open, timed] = await Promise.all([
      this.storage.listMatches({ where: { isGameover: false } }),
      this.storage.listServerValues<unknown>('timer'),
    ]);
    const withTimer = new Set(timed.map((t) => t.matchID));
    const unfinished = new Set(open);
    for (const id of this.hasBots.keys()) if (!unfinished.has(id)) this.hasBots.delete(id);
    const out: string[] = [];
    for (const id of open) if (withTimer.has(id) || (await this.botsIn(id))) out.push(id);
    return out;
  }

  /** The match ended: its timer record is gone, its lease given back. */
  private async stopRunning(matchID: string): Promise<void> {
    await this.timers.flush();
    this.timers.drop(matchID);
    await this.leases.release(matchID);
    void this.relay.want(matchID, 'lease', false);
  }

  private async needsRunner(matchID: string, G: MatchState): Promise<boolean> {
    if (G.stage === 'planning' && G.white.timerSeconds !== null) return true;
    return this.botsIn(matchID);
  }

  private async botsIn(matchID: string): Promise<boolean> {
    let known = this.hasBots.get(matchID);
    if (known === undefined) {
      const { metadata } = await this.storage.fetch(matchID, { metadata: true });
      known = metadata !== undefined && Object.keys(botSeats(metadata.setupData)).length > 0;
      this.hasBots.set(matchID, known);
    }
    return known;
  }
}
