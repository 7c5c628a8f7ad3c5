/**
 * A match's stored updates between server instances (issue 11, "Several instances"), on Redis
 * pub/sub. The instance that stored a move delivers it to its own sockets (transport.ts, after
 * the store write) and publishes the same unfiltered payloads on the match's channel
 * (`<prefix>match:<id>`); every other instance subscribed to the channel hands them to its
 * transport, which cuts each seat's view locally, exactly as for its own moves. A message
 * carries its origin, and an instance drops its own, so no socket gets an update twice.
 *
 * An instance subscribes to a match while it has a reason to: a socket of the match (from its
 * first sync to its last leaving) or the match's lease (lease.ts: the holder runs the bots and
 * the planning timer, so it must learn of moves made anywhere). A subscription no longer wanted
 * is dropped a moment later, so a socket that re-syncs does not lose updates in between.
 *
 * Redis pub/sub delivers each message at most once and in the order one connection published
 * it; what an instance misses while Redis is away, its sockets get with the next update (each
 * carries the whole state) or at their next sync.
 */
import { MatchLocks, type RedisLink } from './redis.ts';

/** What the transport broadcasts (boardgame.io's `TransportData`), unfiltered. */
export interface Payload {
  readonly type: string;
  readonly args: unknown[];
}

/** Why an instance listens to a match. */
export type Reason = 'sockets' | 'lease';

/** The other instances, as the transport sees them (implemented by `MatchRelay`). */
export interface Relay {
  /** Starts or ends listening to a match's updates; resolves once listening. */
  want(matchID: string, reason: Reason, on: boolean): Promise<void>;
  /** Sends a match's stored, unfiltered payloads to the other instances. */
  publish(matchID: string, payloads: readonly Payload[]): void;
  /** Takes the match's lock across instances for one task; resolves to its release. */
  lock(matchID: string): Promise<() => Promise<void>>;
}

/** How long an unwanted subscription is kept, in case it is wanted again at once. */
const LINGER_MS = 1000;

const isPayload = (x: unknown): x is Payload =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as Payload).type === 'string' &&
  Array.isArray((x as Payload).args);

export class MatchRelay implements Relay {
  private readonly wants = new Map<string, Set<Reason>>();
  /** Channels subscribed (or being subscribed), by match. */
  private readonly subscribed = new Map<string, Promise<void>>();
  private readonly lingering = new Map<string, NodeJS.Timeout>();
  private readonly channelPrefix: string;
  private readonly locks: MatchLocks;
  private closed = false;

  constructor(
    private readonly redis: RedisLink,
    private readonly deliver: (matchID: string, payloads: Payload[]) => void,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.channelPrefix = redis.key('match', '');
    this.locks = new MatchLocks(redis, log);
    redis.sub.on('message', (channel: string, message: string) => this.received(channel, message));
  }

  /**
   * Starts (`on`) or ends listening to a match for `reason`; resolves once the channel is
   * subscribed (at once when it already was, or when listening ends).
   */
  want(matchID: string, reason: Reason, on: boolean): Promise<void> {
    const reasons = this.wants.get(matchID) ?? new Set<Reason>();
    if (on) {
      reasons.add(reason);
      this.wants.set(matchID, reasons);
      const t = this.lingering.get(matchID);
      if (t) clearTimeout(t);
      this.lingering.delete(matchID);
      return this.subscribe(matchID);
    }
    reasons.delete(reason);
    if (reasons.size > 0 || !this.wants.has(matchID)) return Promise.resolve();
    this.wants.delete(matchID);
    if (!this.lingering.has(matchID))
      this.lingering.set(
        matchID,
        setTimeout(() => {
          this.lingering.delete(matchID);
          if (!this.wants.has(matchID)) this.unsubscribe(matchID);
        }, LINGER_MS),
      );
    return Promise.resolve();
  }

  /** Whether this instance listens to the match (for any reason). */
  listens(matchID: string): boolean {
    return this.wants.has(matchID);
  }

  /** Publishes a match's stored payloads to the other instances (errors are logged, not thrown). */
  publish(matchID: string, payloads: readonly Payload[]): void {
    if (this.closed || payloads.length === 0) return;
    const message = JSON.stringify({ o: this.redis.instanceID, p: payloads });
    this.redis.cmd.publish(this.channelPrefix + matchID, message).catch((e: unknown) => {
      this.log(
        `match ${matchID}: an update could not be sent to the other instances: ${e instanceof Error ? e.message : String(e)}`,
      );
    });
  }

  /** Takes the match's lock across instances for one task (`MatchLocks` in redis.ts). */
  lock(matchID: string): Promise<() => Promise<void>> {
    return this.locks.lock(matchID);
  }

  /** Stops delivering (at shutdown; the connection is closed by its owner). */
  close(): void {
    this.closed = true;
    for (const t of this.lingering.values()) clearTimeout(t);
    this.lingering.clear();
  }

  private subscribe(matchID: string): Promise<void> {
    let done = this.subscribed.get(matchID);
    if (done) return done;
    done = this.redis.sub
      .subscribe(this.channelPrefix + matchID)
      .then(() => undefined)
      .catch((e: unknown) => {
        this.subscribed.delete(matchID);
        this.log(
          `match ${matchID}: cannot listen to the other instances' updates: ${e instanceof Error ? e.message : String(e)}`,
        );
      });
    this.subscribed.set(matchID, done);
    return done;
  }

  private unsubscribe(matchID: string): void {
    if (!this.subscribed.has(matchID)) return;
    this.subscribed.delete(matchID);
    this.redis.sub.unsubscribe(this.channelPrefix + matchID).catch(() => undefined);
  }

  private received(channel: string, message: string): void {
    if (this.closed || !channel.startsWith(this.channelPrefix)) return;
    const matchID = channel.slice(this.channelPrefix.length);
    if (!this.wants.has(matchID)) return;
    let parsed: { o?: unknown; p?: unknown };
    try {
      parsed = JSON.parse(message) as { o?: unknown; p?: unknown };
    } catch {
      return;
    }
    if (parsed.o === this.redis.instanceID || !Array.isArray(parsed.p)) return;
    const payloads = parsed.p.filter(isPayload);
    if (payloads.length > 0) this.deliver(matchID, payloads);
  }
}
