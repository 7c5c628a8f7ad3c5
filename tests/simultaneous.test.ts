/**
 * Simultaneous fire (DESIGN.md section 8): every salvo of the strike step is resolved against
 * the state at the step's start and the losses apply after — so a faction listed earlier gains
 * nothing. Before, Japan's salvos (listed first) met full Chinese magazines and scored nothing
 * while Taiwan's, listed last, met them empty; and a ship sunk by an earlier salvo never fired.
 */
import { describe, expect, it } from 'vitest';
import { type DraftState, type MatchState, newMatch, RUNG } from '../game/index.ts';
import { addUnit, commitAll, orders, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');

/** A clean war position: a Chinese destroyer group at sea, a Japanese and a Taiwanese launcher in range of it. */
function position(seed: string, edit: (d: DraftState) => void = () => {}): MatchState {
  return patch(newMatch(inv, { seed }), (d) => {
    d.escalation = RUNG.strikes;
    d.us.intervening = true;
    d.japan.legalStatus = 'survival-threatening';
    // Only the units of this test are in play.
    for (const u of Object.values(d.units)) u.strength = 0;
    d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 200 };
    d.stockpiles.taiwan = { ...d.stockpiles.taiwan, 'hf-3': 200 };
    d.stockpiles.china = { ...d.stockpiles.china, 'yj-18': 200 };
    addUnit(d, {
      id: 't-cn-ddg',
      type: 'cn-ddg',
      faction: 'china',
      zone: 'taiwan-strait-south',
      strength: 2,
    });
    addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 4 });
    addUnit(d, {
      id: 't-tw-coastal',
      type: 'tw-coastal',
      faction: 'taiwan',
      zone: 'tainan-kaohsiung',
      strength: 8,
    });
    addUnit(d, {
      id: 't-tw-navy',
      type: 'tw-navy',
      faction: 'taiwan',
      zone: 'tainan-kaohsiung',
      strength: 2,
    });
    edit(d);
  });
}

const strikes = (s: MatchState): MatchState => {
  let cur = orders(inv, s, 'japan', [
    {
      type: 'strike',
      unit: 't-jp-ssm',
      target: 'taiwan-strait-south',
      aim: 'ships',
      weapon: 'type-12',
      count: 16,
    },
  ]);
  cur = orders(inv, cur, 'taiwan', [
    {
      type: 'strike',
      unit: 't-tw-coastal',
      target: 'taiwan-strait-south',
      aim: 'ships',
      weapon: 'hf-3',
      count: 16,
    },
  ]);
  cur = orders(inv, cur, 'china', [
    { type: 'strike', unit: 't-cn-ddg', target: 'tainan-kaohsiung', aim: 'ships', weapon: 'yj-18', count: 8 },
  ]);
  return commitAll(inv, cur);
};

const strikeData = (s: MatchState, by: string) =>
  s.log
    .filter((e) => e.kind === 'strike' && e.round === 1 && (e.data as { by: string }).by === by)
    .map((e) => e.data as { fired: number; hits: number });

describe('simultaneous fire in the strike step', () => {
  it('Japan (listed first) and Taiwan (listed last) firing equal salvos at one group score alike over many seeds', () => {
    let japan = 0;
    let taiwan = 0;
    for (let i = 0; i < 30; i++) {
      const s = strikes(position(`sim-${i}`));
      japan += strikeData(s, 'japan').reduce((a, x) => a + x.hits, 0);
      taiwan += strikeData(s, 'taiwan').reduce((a, x) => a + x.hits, 0);
    }
    expect(japan).toBeGreaterThan(0);
    expect(taiwan).toBeGreaterThan(0);
    // Equal salvos against the same interceptors: within a third of each other (sequential fire gave Japan ~0).
    expect(Math.abs(japan - taiwan)).toBeLessThan(Math.max(japan, taiwan) / 3);
  });

  it('a ship sunk in the step still fires its own salvo in that step', () => {
    // Make the group easy to sink: one step, no interceptors.
    let fired = 0;
    let sunk = 0;
    for (let i = 0; i < 10; i++) {
      const s = strikes(
        position(`sink-${i}`, (d) => {
          const u = d.units['t-cn-ddg']!;
          u.strength = 1;
          u.interceptors = 0;
        }),
      );
      if (s.units['t-cn-ddg']!.strength < 0.1) sunk++;
      fired += strikeData(s, 'china').reduce((a, x) => a + x.fired, 0);
    }
    expect(sunk).toBeGreaterThan(0);
    expect(fired).toBe(10 * 8); // 8 yj-18 per step, one step, every seed — sunk or not
  });

  it('air combat losses are shared by the wings in proportion to their strength', () => {
    const s0 = patch(newMatch(inv, { seed: 'air' }), (d) => {
      d.escalation = RUNG.strikes;
      d.us.intervening = true;
      d.japan.legalStatus = 'survival-threatening';
    });
    const s = commitAll(inv, s0);
    const startOf = (id: string) => s0.units[id]!.strength;
    const lostShare = (id: string) => (startOf(id) - s.units[id]!.strength) / startOf(id);
    const blueAir = Object.values(s0.units).filter(
      (u) => u.faction !== 'china' && u.type.endsWith('-fighter') && u.strength > 0,
    );
    const shares = blueAir.map((u) => lostShare(u.id)).filter((x) => x > 0);
    // Not list order: more than one wing takes losses when any do.
    expect(shares.length).toBeGreaterThan(1);
  });
});
