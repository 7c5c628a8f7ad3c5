/**
 * The controller hook (CONVENTIONS item 10): the one place that talks to boardgame.io.
 * It runs a boardgame.io `Client` over socket.io at the page's origin, maps each update
 * (the seat's playerView) to the `MatchModel`, and turns intents into moves after asking
 * the engine whether they would be accepted, so a refused action shows its reason instead
 * of a silent `INVALID_MOVE`.
 */
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MOVE_OF_ACTION } from '../../../game/bgio.ts';
import type { MatchState, MatchView } from '../../../game/index.ts';
import { getScenario, IslandChainGame } from '../../../scenarios/index.ts';
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
}

/** The event the server sends when it refuses a message from this socket (server/transport.ts). */
const REFUSED_EVENT = 'island-chain:refused';

interface SocketLike {
  on(
    event: string,
    fn: (payload: { readonly matchID: string | null; readonly reason: string }) => void,
  ): void;
}

type BgioClient = ReturnType<typeof Client<MatchState>>;

export function useMatch(conn: MatchConnection): MatchController {
  const [view, setView] = useState<MatchView | null>(null);
  const [connected, setConnected] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
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
    const unsubscribe = client.subscribe((s) => {
      if (!s) return;
      setConnected(s.isConnected);
      if (s.G) setView(s.G as unknown as MatchView);
    });
    client.start();
    // boardgame.io reports no refusal to the client; the server sends the engine's reason.
    const socket = (client as unknown as { transport?: { socket?: SocketLike } }).transport?.socket;
    socket?.on(REFUSED_EVENT, (p) => {
      if (p.matchID === null || p.matchID === matchID) setRefusal(p.reason);
    });
    return () => {
      unsubscribe();
      client.stop();
      clientRef.current = null;
    };
  }, [matchID, playerID, credentials]);

  const scenario = view ? getScenario(view.scenarioId) : undefined;
  const error = view && !scenario ? `this client does not know scenario "${view.scenarioId}"` : null;
  const model = useMemo(() => (view && scenario ? buildModel(view, scenario) : null), [view, scenario]);

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
  };
}
