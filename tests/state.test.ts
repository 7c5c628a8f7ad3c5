/**
 * Round 1's state built from a scenario and a seed (game/engine/state.ts, `createState`, through
 * `newMatch`): what each unit, zone, program and track starts as, and Red's resolve and
 * confidence drawn per match (DESIGN.md section 6).
 */
import { describe, expect, it } from 'vitest';
import {
  newMatch,
  programById,
  RED_CALCULUS,
  RULES_VERSION,
  type Scenario,
  unitTypeById,
  zoneDef,
} from '../game/index.ts';
import { scenario } from './helpers.ts';
import { quiet } from './round.ts';

const tk = quiet(scenario('takaichi-2025'));
const inv = quiet(scenario('taiwan-invasion'));

describe('round 1 of a scenario', () => {
  it.each([tk, inv])('$id: its header names the rules, the scenario, the seed and the first round', (sc) => {
    const s = newMatch(sc, { seed: 'state-header' });
    expect(s.rulesVersion).toBe(RULES_VERSION);
    expect([s.scenarioId, s.scenarioHash, s.seed]).toEqual([sc.id, sc.hash, 'state-header']);
    expect([s.round, s.maxRounds, s.stage]).toEqual([1, sc.rounds, 'planning']);
    expect([s.escalation, s.peakEscalation, s.peakRound]).toEqual([sc.escalation, sc.escalation, 1]);
    expect(s.white.present).toBe(false);
    expect(newMatch(sc, { seed: 'state-header', white: true }).white).toEqual({
      present: true,
      timerSeconds: null,
      paused: false,
    });
  });

  it.each([tk, inv])('$id: every unit of the scenario, at full strength with its interceptors', (sc) => {
    const s = newMatch(sc, { seed: 'state-units' });
    expect(Object.keys(s.units)).toEqual(sc.units.map((u) => u.id));
    for (const u of sc.units) {
      const t = unitTypeById.get(u.type)!;
      const delay = zoneDef(u.zone).kind === 'pool' ? sc.tracks.us.reinforcementDelay : 0;
      expect(s.units[u.id], u.id).toEqual({
        id: u.id,
        type: u.type,
        faction: u.faction,
        zone: u.zone,
        strength: u.strength,
        maxStrength: u.strength,
        interceptors: t.interceptorsPerStep * u.strength,
        readyRound: 1 + delay,
      });
    }
  });

  it('reinforcements in the pool are ready only after the scenario’s delay', () => {
    const pooled = inv.units.filter((u) => zoneDef(u.zone).kind === 'pool');
    expect(pooled.length).toBeGreaterThan(0);
    expect(inv.tracks.us.reinforcementDelay).toBeGreaterThan(0);
    const s = newMatch(inv, { seed: 'state-pool' });
    for (const u of pooled) expect(s.units[u.id]!.readyRound).toBe(1 + inv.tracks.us.reinforcementDelay);
  });

  it('every zone of the map starts uncontrolled and undamaged', () => {
    const s = newMatch(inv, { seed: 'state-zones' });
    expect(Object.keys(s.zones)).toEqual(inv.zones);
    for (const z of inv.zones)
      expect(s.zones[z], z).toEqual({ controller: null, portDamage: 0, unsuppliedRounds: 0 });
  });

  it("each program's funding goes to the faction its id names, with the months of work it has paid for", () => {
    const s = newMatch(tk, { seed: 'state-programs' });
    const owner = (id: string) =>
      id.startsWith('us-')
        ? 'us'
        : id.startsWith('tw-')
          ? 'taiwan'
          : id.startsWith('cn-')
            ? 'china'
            : 'japan';
    for (const [id, funded] of Object.entries(tk.programs)) {
      const f = owner(id);
      const def = programById.get(id)!;
      expect(programById.get(id)!.faction, id).toBe(f);
      if (s.completedPrograms.includes(id)) continue;
      expect(s.programs[f][id], id).toBe(funded);
      expect(s.programMonths[f][id], id).toBe(
        Math.round(def.leadMonths * Math.min(1, funded / def.cost) * 10) / 10,
      );
      for (const other of ['japan', 'us', 'china', 'taiwan'] as const)
        if (other !== f) expect(s.programs[other][id], `${id} with ${other}`).toBeUndefined();
    }
    // Some are part-funded (months in proportion), some not at all (no months).
    const partial = Object.entries(tk.programs).filter(([id, v]) => v > 0 && v < programById.get(id)!.cost);
    expect(partial.length).toBeGreaterThan(0);
    expect(s.programMonths.japan.ssn).toBe(0);
  });

  it('tracks, stocks and budgets are the scenario’s, copied: playing never writes into the scenario', () => {
    const s = newMatch(tk, { seed: 'state-tracks' });
    expect(s.japan).toEqual(tk.tracks.japan);
    expect(s.taiwan).toEqual(tk.tracks.taiwan);
    expect(s.stockpiles).toEqual(tk.stockpiles);
    expect(s.stockpiles.china).not.toBe(tk.stockpiles.china);
    expect(s.japan).not.toBe(tk.tracks.japan);
    expect(s.budgets).toEqual(tk.budgets);
    expect(s.alliance.consentRound).toBe(tk.tracks.alliance.consentGranted ? 1 : 0);
    expect(s.alliance.disruption).toBe(0);
  });

  it('consent granted in the scenario is in force from round 1', () => {
    const granted: Scenario = {
      ...tk,
      tracks: { ...tk.tracks, alliance: { ...tk.tracks.alliance, consentGranted: true } },
    };
    expect(newMatch(granted, { seed: 'state-consent' }).alliance.consentRound).toBe(1);
    expect(newMatch(tk, { seed: 'state-consent' }).alliance.consentGranted).toBe(false);
    expect(newMatch(tk, { seed: 'state-consent' }).alliance.consentRound).toBe(0);
  });

  it('nothing has happened yet: no flags, losses, bonuses, orders, proposals, offers or outcome', () => {
    const s = newMatch(tk, { seed: 'state-empty' });
    expect(s.flags).toEqual({ japanAttacked: false, usAttacked: false, incidents: 0 });
    expect(s.losses).toEqual({ japan: {}, us: {}, china: {}, taiwan: {} });
    expect(s.bonuses.isrKm).toEqual({ japan: 0, us: 0, china: 0, taiwan: 0 });
    for (const f of ['japan', 'us', 'china', 'taiwan'] as const)
      expect(s.pending[f]).toEqual({ orders: [], committed: false });
    expect([s.proposals, s.combined, s.offers, s.requests, s.history]).toEqual([[], [], [], [], []]);
    expect(s.outcome).toBeNull();
  });
});

describe("Red's resolve and confidence, drawn per match", () => {
  const seeds = Array.from({ length: 300 }, (_, i) => `resolve-${i}`);
  const drawn = seeds.map((seed) => newMatch(tk, { seed }).china);
  const centre = tk.tracks.china.resolve;
  const spread = RED_CALCULUS.resolveSpread.value;

  it('the same seed draws the same leadership; other seeds draw others', () => {
    expect(newMatch(tk, { seed: 'resolve-7' }).china).toEqual(drawn[7]);
    expect(new Set(drawn.map((c) => c.resolve)).size).toBeGreaterThan(250);
    expect(new Set(drawn.map((c) => c.confidence)).size).toBeGreaterThan(250);
  });

  it('resolve is triangular around the scenario’s figure: never past its spread, most often near the centre', () => {
    for (const c of drawn) {
      expect(c.resolve).toBeGreaterThanOrEqual(centre - spread);
      expect(c.resolve).toBeLessThanOrEqual(centre + spread);
    }
    const mean = drawn.reduce((a, c) => a + c.resolve, 0) / drawn.length;
    expect(Math.abs(mean - centre)).toBeLessThan(spread / 10);
    // A triangle puts three quarters of its draws within half the spread of the centre.
    const near = drawn.filter((c) => Math.abs(c.resolve - centre) <= spread / 2).length / drawn.length;
    expect(near).toBeGreaterThan(0.65);
    expect(near).toBeLessThan(0.85);
    // Drawn to three decimals.
    for (const c of drawn) expect(Math.round(c.resolve * 1000) / 1000).toBe(c.resolve);
  });

  it('confidence is a normal draw with the table’s spread, centred on zero', () => {
    const sd = RED_CALCULUS.confidenceSpread.value;
    const values = drawn.map((c) => c.confidence);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sdSeen = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(sd / 5);
    expect(sdSeen).toBeGreaterThan(sd * 0.85);
    expect(sdSeen).toBeLessThan(sd * 1.15);
    // Both signs: some leaderships overrate their chances, some underrate them.
    expect(values.some((v) => v > sd)).toBe(true);
    expect(values.some((v) => v < -sd)).toBe(true);
  });

  it('the other tracks of China are the scenario’s', () => {
    const { resolve: _r, confidence: _c, ...rest } = drawn[0]!;
    const { resolve: _rs, ...scenarioRest } = tk.tracks.china;
    expect(rest).toEqual(scenarioRest);
  });
});
