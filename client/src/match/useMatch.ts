/**
 * The controller hook (CONVENTIONS item 10): the one place that talks to boardgame.io.
 * It runs a boardgame.io `Client` over socket.io at the page's origin, maps each update
 * (the seat's playerView) to the `MatchModel`, and turns intents into moves after asking
 * the engine whether they would be accepted, so a refused action shows its reason instead
 * of a silent `INVALID_MOVE`. It also hears when a seat changes hands (server/seats.ts): when
 * this browser's seat is taken over in another browser, re-issued or freed, the client stops
 * and `revoked` says why.
 */
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MOVE_OF_ACTION } from '../../../game/bgio.ts';
import { type MatchState, type MatchView, SEATS } from '../../../game/index.ts';
import { getScenario, IslandChainGame } from '../../../scenarios/index.ts';
import type { SeatEvent } from '../lobby/api.ts';
import { buildModel, type Intent, type MatchModel } from './model.ts';

export interface MatchConnection {
  readonly matchID: string;
  readonly playerID?: string;
  readonly credentials?: string;
}

export interface MatchController {
  readonly connected: boolean;
  readonly synced: boolean;
  readonly model: MatchModel | null;
  readonly error: string | null;
  /** Sends an intent; returns the engine's reason when it would be refused (nothing is sent then). */
  readonly send: (intent: Intent) => string | null;
  /** The server's reason for refusing the last action it refused, until dismissed or the next send. */
  readonly refusal: string | null;
  readonly dismissRefusal: () => void;
  /** Seats that changed hands since this page connected, oldest first. */
  readonly seatEvents: readonly SeatEvent[];
  /** Why this browser no longer holds its seat (the client has stopped), or null. */
  readonly revoked: string | null;
}

/** The event the server sends when it refuses a message from this socket (server/transport.ts). */
const REFUSED_EVENT = 'island-chain:refused';
/** The event the server sends a match's sockets when a seat changes hands (server/transport.ts). */
const SEAT_EVENT = 'island-chain:seat';
/** The server's refusals of credentials that no longer hold the seat (a sync, a move). */
const NOT_HELD = /^unauthorized( action)?$|credentials do not hold/;

/** What this browser is told when its seat changed hands. */
export const REVOKED: Readonly<Record<SeatEvent['kind'] | 'refused', string>> = {
  'taken-over': 'This seat was taken over in another browser. This page no longer acts for it.',
  reissued:
    "The White Cell re-issued this seat's link: this browser no longer holds the seat. Ask the facilitator for the new link.",
  freed: 'The White Cell freed this seat: this browser no longer holds it.',
  refused:
    "This browser no longer holds the seat: it was taken over in another browser, or the White Cell re-issued or freed it. Open the seat's link to take it back.",
};

interface SocketLike {
  on(event: string, fn: (payload: unknown) => void): void;
}

const isSeatEvent = (x: unknown, matchID: string): x is SeatEvent => {
  const e = x as Partial<SeatEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.matchID === matchID &&
    typeof e.playerID === 'string' &&
    (SEATS as readonly unknown[]).includes(e.seat) &&
    typeof e.at === 'number' &&
    (e.kind === 'taken-over' || e.kind === 'reissued' || e.kind === 'freed')
  );
};

type BgioClient = ReturnType<typeof Client<MatchState>>;

export function useMatch(conn: MatchConnection): MatchController {
  const [view, setView] = useState<MatchView | null>(null);
  const [connected, setConnected] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [seatEvents, setSeatEvents] = useState<readonly SeatEvent[]>([]);
  const [revoked, setRevoked] = useState<string | null>(null);
  const clientRef = useRef<BgioClient | null>(null);
  const { matchID, playerID, credentials } = conn;

  useEffect(() => {
    const client = Client<MatchState>({
      game: IslandChainGame,
      matchID,
      ...(playerID !== undefined ? { playerID } : {}),
      ...(credentials !== undefined ? { credentials } : {}),
      multiplayer: SocketIO({ server: window.location.origin }),
      debug: false,
    });
    clientRef.current = client;
    setRevoked(null);
    setSeatEvents([]);
    // The seat is no longer this browser's: stop acting for it and drop its view.
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      client.stop();
      clientRef.current = null;
    };
    const lose = (why: string) => {
      setRevoked(why);
      setView(null);
      stop();
    };
    const unsubscribe = client.subscribe((s) => {
      if (!s) return;
      setConnected(s.isConnected);
      if (s.G) setView(s.G as unknown as MatchView);
    });
    client.start();
    // boardgame.io reports no refusal to the client; the server sends the engine's reason.
    const socket = (client as unknown as { transport?: { socket?: SocketLike } }).transport?.socket;
    socket?.on(REFUSED_EVENT, (x) => {
      const p = x as { readonly matchID?: unknown; readonly reason?: unknown } | null;
      if (!p || typeof p.reason !== 'string' || (p.matchID !== null && p.matchID !== matchID)) return;
      if (playerID !== undefined && NOT_HELD.test(p.reason)) lose(REVOKED.refused);
      else setRefusal(p.reason);
    });
    socket?.on(SEAT_EVENT, (e) => {
      if (!isSeatEvent(e, matchID)) return;
      setSeatEvents((es) => [...es, e]);
      if (playerID !== undefined && e.playerID === playerID) lose(REVOKED[e.kind]);
    });
    return () => {
      unsubscribe();
      stop();
    };
  }, [matchID, playerID, credentials]);

  const scenario = view ? getScenario(view.scenarioId) : undefined;
  const error =
    revoked ?? (view && !scenario ? `this client does not know scenario "${view.scenarioId}"` : null);
  const model = useMemo(
    () => (view && scenario && !revoked ? buildModel(view, scenario) : null),
    [view, scenario, revoked],
  );

  const send = (intent: Intent): string | null => {
    const client = clientRef.current;
    if (!client || !model) return 'not connected to the match';
    const reason = model.check(intent);
    if (reason) return reason;
    const { type, ...payload } = intent;
    const move = client.moves[MOVE_OF_ACTION[type]];
    if (!move) return `no move for "${type}"`;
    setRefusal(null);
    move(payload);
    return null;
  };

  return {
    connected,
    synced: view !== null,
    model,
    error,
    send,
    refusal,
    dismissRefusal: () => setRefusal(null),
    seatEvents,
    revoked,
  };
}
