import { PROGRAMS } from './data/programs.ts';
import { distanceKm, zoneDef } from './map.ts';
import type { Order } from './orders.ts';
import { GRAY_ZONE_ACTIONS, TARGET_AIMS } from './orders.ts';
import type { Scenario } from './scenario.ts';
import type { MatchState } from './state.ts';
import { type Faction, LEGAL_STATUSES, type Rung } from './types.ts';
import { liveUnits, munition, unitsIn, unitType } from './units.ts';
import {
  budgetLeft,
  combatPermission,
  moveTargets,
  shotsLeft,
  stockLeft,
  validateOrder,
} from './validate.ts';

/**
 * `legalOrders(state, faction)`: every order the faction may add now. Strikes and
 * funding are listed at their largest amount; any smaller positive amount is legal too.
 */
export function legalOrders(state: MatchState, scenario: Scenario, f: Faction): Order[] {
  const out: Order[] = [];
  const push = (o: Order): void => {
    if (validateOrder(state, scenario, f, o).ok) out.push(o);
  };
  if (state.stage !== 'planning' || state.pending[f].committed) return out;
  const budget = budgetLeft(state, f);
  for (const p of PROGRAMS)
    if (p.faction === f && budget > 0)
      push({
        type: 'fund',
        program: p.id,
        amount: Math.min(budget, Math.max(1, p.cost - (state.programs[f][p.id] ?? 0))),
      });
  if (f === 'japan' || f === 'taiwan') {
    const cur = state[f].defenseSpendingPctGdp;
    for (const d of [-0.5, -0.1, 0.1, 0.2, 0.5])
      push({ type: 'spending', pctGdp: Math.round((cur + d) * 10) / 10 });
  }
  for (const t of ['invest-command', 'two-plus-two', 'intervene', 'revoke-consent', 'mobilize'] as const)
    push({ type: t });
  for (const u of liveUnits(state, (x) => x.faction === f))
    for (const to of moveTargets(state, scenario, u)) push({ type: 'move', unit: u.id, to });
  if (combatPermission(state, scenario, f).ok) {
    for (const u of liveUnits(state, (x) => x.faction === f)) {
      for (const w of unitType(u).weapons) {
        const m = munition(w.munition);
        if (!m) continue;
        const count = Math.min(shotsLeft(state, u, w.munition), stockLeft(state, f, w.munition));
        if (count < 1) continue;
        for (const target of scenario.zones) {
          if (target !== u.zone && distanceKm(u.zone, target) > m.rangeKm) continue;
          for (const aim of TARGET_AIMS)
            push({ type: 'strike', unit: u.id, target, aim, weapon: w.munition, count });
        }
      }
    }
  }
  for (const action of GRAY_ZONE_ACTIONS)
    for (const zone of scenario.zones)
      if (zoneDef(zone).kind === 'sea' || zone === 'senkaku' || zoneDef(zone).country !== 'international')
        push({ type: 'gray-zone', action, zone });
  if (f === 'china') for (let r = 0; r <= 5; r++) push({ type: 'escalate', to: r as Rung });
  if (f === 'japan') for (const s of LEGAL_STATUSES) push({ type: 'declare', status: s });
  if (f === 'china') {
    for (const lift of liveUnits(state, (x) => x.faction === 'china' && unitType(x).liftPerStep > 0)) {
      const brigades = unitsIn(state, lift.zone, 'china').filter((b) => unitType(b).category === 'ground');
      const cap = unitType(lift).liftPerStep * lift.strength;
      const chosen: string[] = [];
      let load = 0;
      for (const b of brigades)
        if (load + b.strength <= cap + 1e-9) {
          chosen.push(b.id);
          load += b.strength;
        }
      if (chosen.length === 0) continue;
      for (const target of scenario.zones) push({ type: 'land', lift: lift.id, brigades: chosen, target });
    }
  }
  return out;
}
