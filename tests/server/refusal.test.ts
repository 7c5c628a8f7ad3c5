/**
 * An illegal order sent over the socket is refused by the engine on the server, and the
 * engine's reason goes back to that socket only (`island-chain:refused`), so a player whose
 * client let it through still sees why. boardgame.io itself sends nothing on INVALID_MOVE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSED_EVENT } from '../../server/transport.ts';
import { createMatch, joinSeat, ours, type SocketClient, socketClient, until, viewOf } from './helpers.ts';

type Running = Awaited<ReturnType<typeof ours>>;
let server: Running;
const clients: SocketClient[] = [];

beforeAll(async () => {
  server = await ours();
});

afterAll(async () => {
  for (const c of clients) c.stop();
  await server?.close();
});

interface Refusal {
  readonly matchID: string | null;
  readonly reason: string;
}

function refusals(c: SocketClient): Refusal[] {
  const got: Refusal[] = [];
  const socket = (c as unknown as { transport: { socket: { on(e: string, f: (p: Refusal) => void): void } } })
    .transport.socket;
  socket.on(REFUSED_EVENT, (p) => got.push(p));
  return got;
}

describe('refused moves', () => {
  it("sends the engine's reason to the seat whose order was refused, and to no one else", async () => {
    const matchID = await createMatch(server.url, { scenarioId: 'takaichi-2025' });
    const japanCreds = await joinSeat(server.url, matchID, '0');
    const chinaCreds = await joinSeat(server.url, matchID, '2');
    const japan = socketClient(server.url, matchID, '0', japanCreds);
    const china = socketClient(server.url, matchID, '2', chinaCreds);
    clients.push(japan, china);
    await until(() => viewOf(japan) && viewOf(china), 10_000, 'both seats synced');
    const japanGot = refusals(japan);
    const chinaGot = refusals(china);

    // Japan may not strike at rung 1: the engine refuses with ERR_BELOW_STRIKES.
    japan.moves.order!({
      order: {
        type: 'strike',
        unit: 'jp-ssm-miyako',
        target: 'fujian',
        aim: 'ships',
        weapon: 'type-12',
        count: 2,
      },
    });
    const got = await until(() => japanGot[0], 10_000, "Japan's refusal");
    expect(got.matchID).toBe(matchID);
    expect(got.reason).toContain('ERR_BELOW_STRIKES');
    // A legal order is accepted and reaches Japan's view; China hears nothing of either.
    japan.moves.order!({ order: { type: 'gray-zone', action: 'protest', zone: 'kanto' } });
    await until(() => (viewOf(japan)?.pending.japan.orders.length ?? 0) === 1, 10_000, 'the legal order');
    expect(japanGot).toHaveLength(1);
    expect(chinaGot).toHaveLength(0);
  }, 30_000);
});
