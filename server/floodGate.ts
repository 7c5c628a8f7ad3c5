/**
 * The socket transport's door (issue 3, issue 7): every frame a socket sends takes a token from
 * the socket's bucket and from its address's bucket (`RateLimiter` in protocol.ts). A frame past
 * either rate is refused before anything else reads it; the sender is told at most once a
 * second, with how many were refused since, so a flood costs the server next to nothing; a
 * socket that keeps flooding past `FLOOD_DISCONNECT` refused frames in a row is disconnected.
 */
import { type FloodLimits, RateLimiter } from './protocol.ts';

/** The parts of a socket.io socket the transport uses. */
export interface IOSocket {
  readonly id: string;
  readonly handshake: {
    readonly address: string;
    readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  };
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  onAny(listener: (event: unknown, ...args: unknown[]) => void): unknown;
  disconnect(close?: boolean): unknown;
}

/** Refused frames in a row after which a socket is disconnected. */
const FLOOD_DISCONNECT = 500;
const TOO_FAST = 'too many messages from this connection or address: slow down and send again';

export class FloodGate {
  /** Sockets whose frames are being refused for rate: how many in a row, and when they were last told. */
  private readonly flooding = new Map<string, { refused: number; told: number; since: number }>();
  private readonly socketRate: RateLimiter;
  private readonly addressRate: RateLimiter;

  /**
   * `refuse` tells a socket why a frame was refused; `onEvent` gets a log line.
   * `trustProxy`: the server is reached only through a reverse proxy, whose `X-Forwarded-For`
   * entry (the last) is a socket's address.
   */
  constructor(
    limits: FloodLimits,
    private readonly trustProxy: boolean,
    private readonly refuse: (socket: IOSocket, matchID: unknown, reason: string) => void,
    private readonly onEvent?: (line: string) => void,
  ) {
    this.socketRate = new RateLimiter(limits.socketBurst, limits.socketPerSecond);
    this.addressRate = new RateLimiter(limits.addressBurst, limits.addressPerSecond);
  }

  /**
   * Whether the socket and its address still have tokens for one more frame; when not, the
   * frame is refused here (the caller drops it).
   */
  admit(socket: IOSocket, matchID: unknown): boolean {
    const ok = this.socketRate.take(socket.id) && this.addressRate.take(this.address(socket));
    if (ok) this.flooding.delete(socket.id);
    else this.tooFast(socket, matchID);
    return ok;
  }

  /** A socket has gone: its bucket and flood count are let go. */
  forget(socketID: string): void {
    this.socketRate.forget(socketID);
    this.flooding.delete(socketID);
  }

  private tooFast(socket: IOSocket, matchID: unknown): void {
    const now = Date.now();
    const f = this.flooding.get(socket.id) ?? { refused: 0, told: 0, since: 0 };
    f.refused += 1;
    f.since += 1;
    this.flooding.set(socket.id, f);
    if (f.refused >= FLOOD_DISCONNECT) {
      this.refuse(socket, matchID, `${TOO_FAST}; disconnected after ${f.refused} refused messages in a row`);
      this.onEvent?.(`socket from ${this.address(socket)} disconnected for flooding`);
      socket.disconnect(true);
      return;
    }
    if (now - f.told < 1000) return;
    this.refuse(socket, matchID, f.since > 1 ? `${TOO_FAST} (${f.since} refused)` : TOO_FAST);
    f.told = now;
    f.since = 0;
  }

  /**
   * Where a socket comes from: its peer's address, or behind a trusted proxy the last entry of
   * `X-Forwarded-For` (the one the proxy added; entries before it are the client's to write).
   */
  private address(socket: IOSocket): string {
    if (this.trustProxy) {
      const header = socket.handshake.headers?.['x-forwarded-for'];
      const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
      const last = entries.at(-1)?.trim();
      if (last) return last;
    }
    return socket.handshake.address;
  }
}
