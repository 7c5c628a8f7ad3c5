/**
 * How a match ends (DESIGN.md section 9): the decisive conditions checked after every round
 * (`decisiveOutcome`), the verdict when the last round passes or White Cell ends the match,
 * and the score vector kept for analysis. Each condition is pinned at its boundary — one
 * step inside ends the match, one step outside does not — on positions built from a shipped
 * scenario with every other condition held away from its threshold.
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  decisiveOutcome,
  type MatchState,
  newMatch,
  RUNG,
  type Rung,
  scoreVector,
  zoneDef,
} from '../game/index.ts';
import { SCENARIO_IDS } from '../scenarios/index.ts';
import { act, addUnit, commitAll, patch, scenario, start } from './helpers.ts';

type Outcome = NonNullable<MatchState['outcome']>;

const tk = scenario('takaichi-2025');
const inv = scenario('taiwan-invasion');

/** Takaichi 2025 at round 3, pinned at `rung` with Taiwan's will and Japan's support safely high. */
const pressure = (rung: Rung, edit: (d: DraftState) => void = () => {}): MatchState =>
  patch(newMatch(tk, { seed: 'outcome' }), (d) => {
    d.round = 3;
    d.escalation = rung;
    d.peakEscalation = rung;
    d.taiwan.publicWill = 60;
    d.japan.publicSupport = 60;
    edit(d);
  });

/** A landing as the engine logs it (rules/landing.ts). */
const landed = (d: DraftState, zone = 'taichung'): void => {
  d.log.push({
    round: d.round,
    step: 'ground',
    kind: 'landing',
    text: `Chinese forces land 2 battalions at ${zoneDef(zone).name} (of 3 embarked)`,
    visibleTo: 'all',
    data: { zone, landed: 2, embarked: 3 },
  });
};

/** Sets the strength of every Chinese unit whose type lifts troops (the amphibious fleet). */
const amphibs = (d: DraftState, strength: number): void => {
  const lift = Object.values(d.units).filter((u) => u.faction === 'china' && u.type === 'cn-amphib');
  for (const [i, u] of lift.entries()) u.strength = i === 0 ? strength : 0;
};

/**
 * The invasion scenario at round 4 after a landing: the amphibious fleet sunk, no Chinese
 * ground unit left on Taiwan's main island, Taiwan's will and Japan's support high — the
 * invasion-defeat condition, before `edit` moves one fact.
 */
const afterLanding = (edit: (d: DraftState) => void = () => {}): MatchState =>
  patch(newMatch(inv, { seed: 'outcome' }), (d) => {
    d.round = 4;
    d.taiwan.publicWill = 60;
    d.japan.publicSupport = 60;
    for (const u of Object.values(d.units))
      if (
        u.faction === 'china' &&
        ['taipei', 'taichung', 'tainan-kaohsiung', 'hualien-taitung'].includes(u.zone)
      )
        u.strength = 0;
    amphibs(d, 0);
    landed(d);
    edit(d);
  });

const category = (s: MatchState): string | null => decisiveOutcome(s)?.category ?? null;

describe('decisiveOutcome: no ending without a decisive condition', () => {
  it.each(SCENARIO_IDS)('%s: the opening position ends nothing', (id) => {
    const s = newMatch(scenario(id), { seed: 'outcome' });
    expect(decisiveOutcome(s)).toBeNull();
  });

  it('the pinned positions below end nothing until a fact moves', () => {
    for (const rung of [0, 1, 2, 3, 4, 5] as Rung[]) expect(category(pressure(rung))).toBeNull();
    expect(category(afterLanding((d) => amphibs(d, 2)))).toBeNull();
  });
});

describe('decisiveOutcome: China holding Taipei', () => {
  it('China holding Taiwan’s capital is a Chinese victory in the round it happens, naming the capital', () => {
    const s = pressure(RUNG.invasion, (d) => {
      d.zones.taipei = { ...d.zones.taipei!, controller: 'china' };
    });
    const o = decisiveOutcome(s);
    expect(o).toEqual({
      category: 'chinese-victory',
      round: 3,
      reason: `China holds ${zoneDef('taipei').name}`,
    } satisfies Outcome);
    expect(o?.reason).toContain('Taipei');
  });

  it('counts at any rung, ahead of every other condition', () => {
    for (const rung of [0, 1, 2, 3, 4, 5] as Rung[]) {
      const s = pressure(rung, (d) => {
        d.zones.taipei = { ...d.zones.taipei!, controller: 'china' };
        d.taiwan.publicWill = 5;
        d.japan.publicSupport = 5;
      });
      expect(category(s), `rung ${rung}`).toBe('chinese-victory');
    }
  });

  it('another zone of Taiwan held by China, or Taipei held by Taiwan, ends nothing', () => {
    for (const zone of ['taichung', 'tainan-kaohsiung', 'hualien-taitung', 'penghu', 'kinmen-matsu'])
      expect(
        category(
          pressure(RUNG.invasion, (d) => {
            d.zones[zone] = { ...d.zones[zone]!, controller: 'china' };
          }),
        ),
        zone,
      ).toBeNull();
    expect(
      category(
        pressure(RUNG.invasion, (d) => {
          d.zones.taipei = { ...d.zones.taipei!, controller: 'taiwan' };
        }),
      ),
    ).toBeNull();
  });
});

describe("decisiveOutcome: Taiwan's public will collapsing", () => {
  it.each([RUNG.coercion, RUNG.quarantine, RUNG.blockade])(
    'will 15 at rung %i: coercion succeeded',
    (rung) => {
      const o = decisiveOutcome(
        pressure(rung, (d) => {
          d.taiwan.publicWill = 15;
        }),
      );
      expect(o).toEqual({
        category: 'coercion-succeeded',
        round: 3,
        reason: "Taiwan's public will collapsed under pressure",
      } satisfies Outcome);
    },
  );

  it('will 0 ends it too; will 16 does not', () => {
    expect(
      category(
        pressure(RUNG.quarantine, (d) => {
          d.taiwan.publicWill = 0;
        }),
      ),
    ).toBe('coercion-succeeded');
    for (const rung of [RUNG.coercion, RUNG.quarantine, RUNG.blockade])
      expect(
        category(
          pressure(rung, (d) => {
            d.taiwan.publicWill = 16;
          }),
        ),
      ).toBeNull();
  });

  it('does not count in competition (rung 0) nor once the shooting starts (rungs 4 and 5)', () => {
    for (const rung of [RUNG.competition, RUNG.strikes, RUNG.invasion])
      expect(
        category(
          pressure(rung, (d) => {
            d.taiwan.publicWill = 10;
          }),
        ),
        `rung ${rung}`,
      ).toBeNull();
  });
});

describe("decisiveOutcome: Japan's public support collapsing", () => {
  it.each([RUNG.competition, RUNG.coercion])('support 10 at rung %i: coercion succeeded', (rung) => {
    const o = decisiveOutcome(
      pressure(rung, (d) => {
        d.japan.publicSupport = 10;
      }),
    );
    expect(o).toEqual({
      category: 'coercion-succeeded',
      round: 3,
      reason: 'Japan bent to economic coercion',
    } satisfies Outcome);
  });

  it('support 11 does not end it; support 0 does', () => {
    for (const rung of [RUNG.competition, RUNG.coercion])
      expect(
        category(
          pressure(rung, (d) => {
            d.japan.publicSupport = 11;
          }),
        ),
      ).toBeNull();
    expect(
      category(
        pressure(RUNG.coercion, (d) => {
          d.japan.publicSupport = 0;
        }),
      ),
    ).toBe('coercion-succeeded');
  });

  it('does not count above coercion (rungs 2 to 5)', () => {
    for (const rung of [RUNG.quarantine, RUNG.blockade, RUNG.strikes, RUNG.invasion])
      expect(
        category(
          pressure(rung, (d) => {
            d.japan.publicSupport = 5;
          }),
        ),
        `rung ${rung}`,
      ).toBeNull();
  });

  it("Taiwan's collapse is named first when both give way at once", () => {
    const s = pressure(RUNG.coercion, (d) => {
      d.taiwan.publicWill = 15;
      d.japan.publicSupport = 10;
    });
    expect(decisiveOutcome(s)?.reason).toBe("Taiwan's public will collapsed under pressure");
  });
});

describe('decisiveOutcome: the invasion force destroyed', () => {
  it('after a landing, no lodgment on the main island and the fleet gone: Chinese defeat', () => {
    expect(decisiveOutcome(afterLanding())).toEqual({
      category: 'chinese-defeat',
      round: 4,
      reason: 'the invasion force was destroyed and no lodgment remains',
    } satisfies Outcome);
  });

  it('no landing yet: the same position ends nothing', () => {
    const s = patch(afterLanding(), (d) => {
      d.log = d.log.filter((e) => e.kind !== 'landing');
    });
    expect(category(s)).toBeNull();
  });

  it('a lift of one step or more left ends nothing; less than one step does not save it', () => {
    expect(category(afterLanding((d) => amphibs(d, 1)))).toBeNull();
    expect(category(afterLanding((d) => amphibs(d, 0.9)))).toBe('chinese-defeat');
    // Lift counts only Chinese lift: a Blue unit of any kind does not keep the invasion alive.
    expect(
      category(
        afterLanding((d) =>
          addUnit(d, { id: 't-us-ddg', type: 'us-ddg', faction: 'us', zone: 'fujian', strength: 4 }),
        ),
      ),
    ).toBe('chinese-defeat');
  });

  it('a lodgment anywhere on the main island ends nothing', () => {
    for (const zone of ['taipei', 'taichung', 'tainan-kaohsiung', 'hualien-taitung'])
      expect(
        category(
          afterLanding((d) =>
            addUnit(d, { id: 't-cn-bde', type: 'cn-amphib-bde', faction: 'china', zone, strength: 0.5 }),
          ),
        ),
        zone,
      ).toBeNull();
  });

  it('what is not a Chinese lodgment on the main island does not count as one', () => {
    const cases: [string, Parameters<typeof addUnit>[1]][] = [
      [
        'ashore on an outlying island',
        { id: 't', type: 'cn-amphib-bde', faction: 'china', zone: 'penghu', strength: 3 },
      ],
      [
        'a unit without ground power',
        { id: 't', type: 'cn-fighter', faction: 'china', zone: 'taichung', strength: 3 },
      ],
      ['Taiwan’s own troops', { id: 't', type: 'tw-army', faction: 'taiwan', zone: 'taichung', strength: 3 }],
      [
        'a destroyed brigade',
        { id: 't', type: 'cn-amphib-bde', faction: 'china', zone: 'taichung', strength: 0.05 },
      ],
    ];
    for (const [what, u] of cases)
      expect(category(afterLanding((d) => addUnit(d, u))), what).toBe('chinese-defeat');
  });

  it('counts only once the match has reached the invasion rung', () => {
    for (const rung of [RUNG.blockade, RUNG.strikes] as Rung[])
      expect(
        category(
          afterLanding((d) => {
            d.escalation = rung;
            d.peakEscalation = rung;
          }),
        ),
        `peak ${rung}`,
      ).toBeNull();
    // The peak, not the current rung: an invasion that has stepped back down still ends.
    expect(
      category(
        afterLanding((d) => {
          d.escalation = RUNG.strikes;
        }),
      ),
    ).toBe('chinese-defeat');
  });
});

describe('a decisive condition ends the match in play', () => {
  it('adjudication ends the match in the round the condition is reached, and logs why', () => {
    const { sc, s } = start('taiwan-invasion', 'outcome-play');
    const held = patch(s, (d) => {
      d.zones.taipei = { ...d.zones.taipei!, controller: 'china' };
      for (const u of Object.values(d.units))
        if (u.faction === 'taiwan' && u.zone === 'taipei') u.strength = 0;
      addUnit(d, { id: 't-cn-bde', type: 'cn-amphib-bde', faction: 'china', zone: 'taipei', strength: 6 });
    });
    const after = commitAll(sc, held);
    expect(after.stage).toBe('ended');
    expect(after.outcome?.category).toBe('chinese-victory');
    expect(after.outcome?.round).toBe(1);
    expect(after.round).toBe(1);
    expect(after.log.some((e) => e.kind === 'match-ended' && e.data.category === 'chinese-victory')).toBe(
      true,
    );
  });

  it('without one the match goes on to the next round', () => {
    const { sc, s } = start('takaichi-2025', 'outcome-play');
    const after = commitAll(sc, s);
    expect(after.stage).toBe('planning');
    expect(after.outcome).toBeNull();
    expect(after.round).toBe(2);
  });
});

describe('the situation scored at the end (White Cell’s end, the last round)', () => {
  /** Ends the match by White Cell at round 2 of `id`, after `edit`. */
  const endedBy = (id: string, edit: (d: DraftState) => void = () => {}): Outcome => {
    const { sc, s } = start(id, 'outcome-white', true);
    const pinned = patch(s, (d) => {
      d.round = 2;
      d.taiwan.publicWill = 60;
      d.japan.publicSupport = 60;
      edit(d);
    });
    const after = act(sc, pinned, { type: 'end', seat: 'white', reason: 'time is up' });
    expect(after.stage).toBe('ended');
    if (!after.outcome) throw new Error('ended without an outcome');
    return after.outcome;
  };
  /** How the situation stood when White Cell ended the match: scored as at a last round. */
  const verdict = (id: string, edit: (d: DraftState) => void = () => {}): string | undefined =>
    endedBy(id, edit).assessment;
  const hold = (d: DraftState, zone: string, unsupplied = 0): void => {
    d.zones[zone] = { ...d.zones[zone]!, controller: 'china', unsuppliedRounds: unsupplied };
  };
  /** The invasion with Taiwan's ground forces reduced to one army of `defenders` steps in Tainan. */
  const defendedBy = (d: DraftState, defenders: number): void => {
    for (const u of Object.values(d.units)) if (u.faction === 'taiwan') u.strength = 0;
    addUnit(d, {
      id: 't-tw-army',
      type: 'tw-army',
      faction: 'taiwan',
      zone: 'tainan-kaohsiung',
      strength: defenders,
    });
  };
  const lodge = (d: DraftState, zone: string, strength: number): void =>
    addUnit(d, { id: `t-cn-${zone}`, type: 'cn-amphib-bde', faction: 'china', zone, strength });

  it('White Cell’s end is its own outcome, the situation kept as its assessment', () => {
    expect(endedBy('takaichi-2025')).toEqual({
      category: 'ended-by-facilitator',
      round: 2,
      reason: 'White Cell ended the match: time is up',
      assessment: 'deterrence-held',
    } satisfies Outcome);
  });

  it('the last round passing scores the situation as the outcome, with its reason and round', () => {
    const { sc, s } = start('takaichi-2025', 'outcome-last');
    const last = patch(s, (d) => {
      d.round = d.maxRounds;
    });
    const after = commitAll(sc, last);
    expect(after.stage).toBe('ended');
    expect(after.outcome).toEqual({
      category: 'deterrence-held',
      round: sc.rounds,
      reason: 'the scenario reached its last round',
    } satisfies Outcome);
    // One round earlier, the match goes on.
    const before = commitAll(
      sc,
      patch(s, (d) => {
        d.round = d.maxRounds - 1;
      }),
    );
    expect(before.stage).toBe('planning');
  });

  it('below quarantine: deterrence held', () => {
    expect(verdict('takaichi-2025')).toBe('deterrence-held');
    expect(verdict('senkaku-gray-zone')).toBe('deterrence-held');
  });

  it('a crisis that reached quarantine or blockade but no further: coercion failed', () => {
    expect(verdict('taiwan-quarantine')).toBe('coercion-failed');
    for (const rung of [RUNG.quarantine, RUNG.blockade, RUNG.strikes] as Rung[])
      expect(
        verdict('takaichi-2025', (d) => {
          d.peakEscalation = rung;
        }),
        `peak ${rung}`,
      ).toBe('coercion-failed');
    // The peak counts, not where the ladder stands now.
    expect(
      verdict('taiwan-quarantine', (d) => {
        d.escalation = RUNG.competition;
      }),
    ).toBe('coercion-failed');
  });

  it('China holding the Senkakus: seized, whatever the rung', () => {
    expect(verdict('senkaku-gray-zone', (d) => hold(d, 'senkaku'))).toBe('senkaku-seized');
    expect(verdict('taiwan-invasion', (d) => hold(d, 'senkaku'))).toBe('senkaku-seized');
    expect(
      verdict('senkaku-gray-zone', (d) => {
        d.zones.senkaku = { ...d.zones.senkaku!, controller: 'japan' };
      }),
    ).toBe('deterrence-held');
  });

  it('a decisive condition is the verdict', () => {
    // Taipei alone is one zone of the main island with no lodgment: only the decisive check makes it a victory.
    expect(verdict('taiwan-invasion', (d) => hold(d, 'taipei'))).toBe('chinese-victory');
    expect(
      verdict('takaichi-2025', (d) => {
        d.taiwan.publicWill = 15;
      }),
    ).toBe('coercion-succeeded');
  });

  it('an invasion with no lodgment on the main island: Chinese defeat', () => {
    expect(verdict('taiwan-invasion')).toBe('chinese-defeat');
    expect(verdict('taiwan-invasion', (d) => lodge(d, 'penghu', 5))).toBe('chinese-defeat');
  });

  it('two zones of the main island held: Chinese victory', () => {
    expect(
      verdict('taiwan-invasion', (d) => {
        hold(d, 'taichung');
        hold(d, 'hualien-taitung', 3);
      }),
    ).toBe('chinese-victory');
    expect(
      verdict('taiwan-invasion', (d) => {
        hold(d, 'taichung');
        lodge(d, 'taichung', 1);
        defendedBy(d, 10);
      }),
    ).not.toBe('chinese-victory');
  });

  it('a supplied lodgment of at least half the defenders’ ground power: stalemate trending toward China', () => {
    // Power, not steps: 1.5 per amphibious step against 1 per army step raised by the scenario's
    // 60% reserve mobilization (× 1.3), so the line for 4 army steps is 4 × 1.3 / 2 / 1.5 ≈ 1.73 steps ashore.
    const at = (lodgment: number, unsupplied = 0): string | undefined =>
      verdict('taiwan-invasion', (d) => {
        defendedBy(d, 4);
        hold(d, 'taichung', unsupplied);
        lodge(d, 'taichung', lodgment);
      });
    expect(at(2)).toBe('stalemate-toward-china');
    expect(at(3)).toBe('stalemate-toward-china');
    expect(at(1.75)).toBe('stalemate-toward-china');
    expect(at(1.7)).toBe('stalemate-indeterminate');
    expect(at(0.5)).toBe('stalemate-indeterminate');
    // Cut off from supply, the same lodgment trends against China.
    expect(at(3, 1)).toBe('stalemate-against-china');
    expect(at(0.5, 2)).toBe('stalemate-against-china');
  });

  it('a lodgment in a zone China does not hold has no supply: stalemate trending against China', () => {
    expect(
      verdict('taiwan-invasion', (d) => {
        defendedBy(d, 4);
        lodge(d, 'taichung', 3);
      }),
    ).toBe('stalemate-against-china');
    // Holding a zone outside the main island supplies nothing there.
    expect(
      verdict('taiwan-invasion', (d) => {
        defendedBy(d, 4);
        lodge(d, 'taichung', 3);
        hold(d, 'penghu');
      }),
    ).toBe('stalemate-against-china');
  });

  it('defenders are the ground forces on the main island: an army step in Taipei counts, one on Penghu does not', () => {
    const withExtra = (zone: string, extra: number): string | undefined =>
      verdict('taiwan-invasion', (d) => {
        defendedBy(d, 4);
        addUnit(d, { id: 't-tw-2', type: 'tw-army', faction: 'taiwan', zone, strength: extra });
        hold(d, 'taichung');
        lodge(d, 'taichung', 2);
      });
    expect(withExtra('taipei', 0)).toBe('stalemate-toward-china');
    expect(withExtra('taipei', 1)).toBe('stalemate-indeterminate');
    expect(withExtra('penghu', 4)).toBe('stalemate-toward-china');
  });
});

describe('scoreVector', () => {
  it('a match in progress: no outcome, the current round, the peak and the tracks by name', () => {
    const s = patch(newMatch(tk, { seed: 'score' }), (d) => {
      d.round = 5;
      d.escalation = 2;
      d.peakEscalation = 3;
      d.peakRound = 4;
      d.japan.legalStatus = 'survival-threatening';
      d.alliance.commandLevel = 2;
      d.alliance.cohesion = 71;
      d.japan.defenseSpendingPctGdp = 2.2;
      d.japan.publicSupport = 55;
      d.japan.coalitionSeats = 240;
      d.us.commitment = 66;
      d.us.intervening = true;
      d.us.burdenSharing = 44;
      d.china.standing = 33;
      d.taiwan.publicWill = 47;
      d.taiwan.energyDays = 9;
      d.losses.china = { surface: 2, air: 1.5 };
      d.losses.japan = { air: 0.25 };
    });
    const v = scoreVector(s);
    expect(v.outcome).toBeNull();
    expect(v.rounds).toBe(5);
    expect(v.peakEscalation).toBe(3);
    expect(v.peakRound).toBe(4);
    expect(v.losses).toEqual(s.losses);
    expect(v.totalLosses).toEqual({ japan: 0.25, us: 0, china: 3.5, taiwan: 0 });
    expect(v.tracks).toEqual({
      escalation: 2,
      legalStatus: 'survival-threatening',
      commandLevel: 2,
      cohesion: 71,
      japanSpending: 2.2,
      japanSupport: 55,
      coalitionSeats: 240,
      usCommitment: 66,
      usIntervening: true,
      burdenSharing: 44,
      chinaStanding: 33,
      taiwanWill: 47,
      energyDays: 9,
    });
  });

  it('an ended match: its outcome and the round it ended in', () => {
    const s = patch(newMatch(tk, { seed: 'score' }), (d) => {
      d.round = 6;
      d.outcome = { category: 'coercion-succeeded', round: 5, reason: 'test' };
    });
    expect(scoreVector(s).outcome).toBe('coercion-succeeded');
    expect(scoreVector(s).rounds).toBe(5);
  });

  it('zone control lists only zones held by someone other than their own country', () => {
    const s = patch(newMatch(inv, { seed: 'score' }), (d) => {
      d.zones.senkaku = { ...d.zones.senkaku!, controller: 'china' };
      d.zones.taichung = { ...d.zones.taichung!, controller: 'china' };
      d.zones.taipei = { ...d.zones.taipei!, controller: 'taiwan' };
      d.zones.fujian = { ...d.zones.fujian!, controller: 'china' };
    });
    expect(scoreVector(s).zoneControl).toEqual({ senkaku: 'china', taichung: 'china' });
    expect(scoreVector(newMatch(inv, { seed: 'score' })).zoneControl).toEqual({});
  });
});
