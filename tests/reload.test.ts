/**
 * Magazines reload in port (game/rules/economy.ts, production step; figures in NAVAL): a ship
 * in port rearms `portReload` of its interceptor magazine a round, none at sea; an air-defence
 * battery `samReload`. Japan's logistics support to US forces (a combined action, DESIGN.md
 * section 5) lets US ships in Japanese ports rearm `supportedPortReload` — from the round it
 * takes effect, so a round later at command level 0. Before, logistics support was agreed,
 * charged capacity and changed nothing.
 */
import { describe, expect, it } from 'vitest';
import { type DraftState, type MatchState, NAVAL, unitTypeById } from '../game/index.ts';
import { addUnit, scenario } from './helpers.ts';
import { calmStart, play, quiet } from './round.ts';

const tk = quiet(scenario('takaichi-2025'));

const cap = (type: string, strength: number): number =>
  (unitTypeById.get(type)?.interceptorsPerStep ?? 0) * strength;

/** Competition, only the test units, each with half its magazine; `edit` last. */
function halfEmpty(edit: (d: DraftState) => void = () => {}): MatchState {
  return calmStart(tk, 'reload', (d) => {
    for (const u of Object.values(d.units)) u.strength = 0;
    d.escalation = 0;
    d.japan.legalStatus = 'important-influence';
    d.alliance.commandLevel = 1;
    d.alliance.cohesion = 50;
    d.alliance.disruption = 0;
    d.proposals = [];
    d.combined = [];
    addUnit(d, { id: 't-us-port', type: 'us-ddg', faction: 'us', zone: 'kanto', strength: 2 });
    addUnit(d, { id: 't-jp-port', type: 'jp-ddg', faction: 'japan', zone: 'kanto', strength: 2 });
    addUnit(d, { id: 't-us-sea', type: 'us-ddg', faction: 'us', zone: 'philippine-sea-east', strength: 2 });
    addUnit(d, { id: 't-us-guam', type: 'us-ddg', faction: 'us', zone: 'guam', strength: 2 });
    addUnit(d, { id: 't-jp-sam', type: 'jp-patriot', faction: 'japan', zone: 'kyushu', strength: 2 });
    for (const id of ['t-us-port', 't-jp-port', 't-us-sea', 't-us-guam', 't-jp-sam']) {
      const u = d.units[id]!;
      u.interceptors = cap(u.type, u.strength) / 2;
    }
    edit(d);
  });
}

/** Japan's logistics support, proposed by the US and accepted this round. */
const withSupport = (d: DraftState): void => {
  d.proposals = [
    { id: 'p-log', round: d.round, by: 'us', to: 'japan', kind: 'logistics-support', status: 'accepted' },
  ] as DraftState['proposals'];
};

const filled = (s: MatchState, id: string): number => s.units[id]!.interceptors / cap(s.units[id]!.type, 2);

describe('magazines reload in port', () => {
  it('a ship in port rearms portReload of its magazine a round, a ship at sea nothing, a battery samReload', () => {
    expect(cap('us-ddg', 2)).toBeGreaterThan(0);
    expect(cap('jp-patriot', 2)).toBeGreaterThan(0);
    const after = play(tk, halfEmpty(), {});
    expect(filled(after, 't-us-port')).toBeCloseTo(0.5 + NAVAL.portReload.value, 6);
    expect(filled(after, 't-jp-port')).toBeCloseTo(0.5 + NAVAL.portReload.value, 6);
    expect(filled(after, 't-us-sea')).toBeCloseTo(0.5, 6);
    expect(filled(after, 't-jp-sam')).toBeCloseTo(0.5 + NAVAL.samReload.value, 6);
  });

  it("with Japan's logistics support in force, US ships in Japanese ports rearm supportedPortReload; no one else does", () => {
    expect(NAVAL.supportedPortReload.value).toBeGreaterThan(NAVAL.portReload.value);
    const after = play(tk, halfEmpty(withSupport), {});
    expect(
      after.combined.some((c) => c.proposal.kind === 'logistics-support' && c.effectiveRound === 1),
    ).toBe(true);
    expect(filled(after, 't-us-port')).toBeCloseTo(Math.min(1, 0.5 + NAVAL.supportedPortReload.value), 6);
    // A Japanese ship in the same port, a US ship in a US port and one at sea: as without support.
    expect(filled(after, 't-jp-port')).toBeCloseTo(0.5 + NAVAL.portReload.value, 6);
    expect(filled(after, 't-us-guam')).toBeCloseTo(0.5 + NAVAL.portReload.value, 6);
    expect(filled(after, 't-us-sea')).toBeCloseTo(0.5, 6);
  });

  it('at command level 0 the support takes effect a round late, so this round rearms at the usual rate', () => {
    const after = play(
      tk,
      halfEmpty((d) => {
        d.alliance.commandLevel = 0;
        withSupport(d);
      }),
      {},
    );
    expect(
      after.combined.some((c) => c.proposal.kind === 'logistics-support' && c.effectiveRound === 2),
    ).toBe(true);
    expect(filled(after, 't-us-port')).toBeCloseTo(0.5 + NAVAL.portReload.value, 6);
  });
});
