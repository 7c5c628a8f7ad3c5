/**
 * The gray zone (DESIGN.md section 6, rungs 0–1, and section 8): coast guard patrols and
 * surges, air incursions, cyber, economic coercion and protests; the gray-zone order's
 * legality and candidates, and the gray-zone step with its risk of an incident.
 */

import { geographyOf } from '../data/geography.ts';
import { zoneDef } from '../data/map.ts';
import type { Scenario } from '../data/scenario.ts';
import { GRAYZONE } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import { GRAY_ZONE_ACTIONS } from '../engine/orders.ts';
import { stream } from '../engine/rng.ts';
import { fail, OK, type OrderOf, type OrderRules } from '../engine/rule.ts';
import type { StepContext } from '../engine/step.ts';
import { bump, clamp, log, setEscalation } from '../engine/tracks.ts';
import { liveUnits, unitType } from '../engine/units.ts';
import { FACTIONS, type Faction, type Result, RUNG, type RuleError } from '../types.ts';

function checkGrayZone(
  state: Knowledge,
  scenario: Scenario,
  f: Faction,
  o: OrderOf<'gray-zone'>,
): Result<void, RuleError> {
  if (!GRAY_ZONE_ACTIONS.includes(o.action))
    return fail('ERR_BAD_ACTION', `gray-zone action must be one of ${GRAY_ZONE_ACTIONS.join(', ')}`);
  if (!scenario.zones.includes(o.zone)) return fail('ERR_NO_ZONE', `zone "${o.zone}" is not on this map`);
  if (
    state.pending[f].orders.some((p) => p.type === 'gray-zone' && p.action === o.action && p.zone === o.zone)
  )
    return fail('ERR_DUPLICATE', 'that gray-zone action is already ordered');
  const redOnly = ['patrol', 'air-incursion', 'cyber', 'economic-coercion', 'stand-down'];
  const blueOnly = ['surge', 'protest'];
  if (f === 'china' && blueOnly.includes(o.action))
    return fail('ERR_NOT_YOURS', `"${o.action}" is a Blue response`);
  if (f !== 'china' && redOnly.includes(o.action))
    return fail('ERR_NOT_YOURS', `"${o.action}" is a Chinese gray-zone action`);
  if (o.action === 'economic-coercion' && state.china.coercionLevers < 1)
    return fail('ERR_NO_LEVERS', 'China has no economic coercion levers left');
  if (o.action === 'patrol' || o.action === 'surge') {
    const present = liveUnits(
      state,
      (x) =>
        x.faction === f &&
        unitType(x).presence > 0 &&
        (x.zone === o.zone || zoneDef(x.zone).adjacent.includes(o.zone)),
    );
    if (present.length === 0)
      return fail(
        'ERR_NO_UNIT',
        `no ${f === 'china' ? 'coast guard or militia' : 'coast guard'} in or next to ${zoneDef(o.zone).name}`,
      );
  }
  return OK;
}

/** The gray-zone orders: every action at every sea zone, the Senkakus and every national land zone. */
export const GRAYZONE_ORDERS: OrderRules<'gray-zone'> = {
  'gray-zone': {
    check: checkGrayZone,
    *candidates(_state, scenario) {
      const disputed = geographyOf(scenario.zones).disputed;
      for (const action of GRAY_ZONE_ACTIONS)
        for (const zone of scenario.zones)
          if (
            zoneDef(zone).kind === 'sea' ||
            disputed.includes(zone) ||
            zoneDef(zone).country !== 'international'
          )
            yield { type: 'gray-zone', action, zone };
    },
  },
};

/** Gray zone (sections 6, 8): presence, responses, coercion, cyber, and the risk of an incident. */
export function grayZoneStep(d: DraftState, ctx: StepContext): void {
  const rng = stream(d.seed, `round-${d.round}/gray-zone`);
  const presence = (f: (x: Faction) => boolean, zone: string): number =>
    liveUnits(d, (u) => f(u.faction) && (u.zone === zone || zoneDef(u.zone).adjacent.includes(zone))).reduce(
      (a, u) => a + unitType(u).presence * u.strength,
      0,
    );
  let redPatrol = 0;
  for (const f of FACTIONS) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'gray-zone') continue;
      switch (o.action) {
        case 'patrol':
          redPatrol += 1;
          bump(d, 'china', 'grayZonePresence', 3);
          bump(d, 'japan', 'publicSupport', 0.5);
          log(d, 'gray-zone', 'patrol', { zone: o.zone });
          break;
        case 'surge':
          bump(d, f === 'japan' ? 'japan' : 'taiwan', f === 'japan' ? 'publicSupport' : 'publicWill', 1);
          log(d, 'gray-zone', 'coast-guard-surge', { faction: f, zone: o.zone });
          break;
        case 'air-incursion':
          bump(d, 'taiwan', 'publicWill', -0.5);
          bump(d, 'china', 'standing', -0.5);
          log(d, 'gray-zone', 'air-incursion', { zone: o.zone });
          break;
        case 'cyber': {
          const hit = Math.max(0, 1 - d.bonuses.cyber);
          d.alliance.disruption = clamp(d.alliance.disruption + hit, 0, 10);
          log(d, 'gray-zone', 'cyber', { degraded: hit > 0 }, ['japan', 'us', 'china', 'white']);
          break;
        }
        case 'economic-coercion':
          bump(d, 'china', 'coercionLevers', -1);
          bump(d, 'china', 'standing', -2);
          bump(d, 'japan', 'publicSupport', -3);
          bump(d, 'japan', 'politicalCapital', -3);
          bump(d, 'taiwan', 'publicWill', -1);
          log(d, 'gray-zone', 'economic-coercion', {});
          break;
        case 'exercise':
          if (f === 'china') {
            bump(d, 'taiwan', 'publicWill', -1);
            bump(d, 'china', 'domesticPressure', -1);
          } else bump(d, 'us', 'credibility', 1);
          log(d, 'gray-zone', 'exercise', { faction: f, zone: o.zone });
          break;
        case 'protest':
          bump(d, 'china', 'standing', -0.5);
          log(d, 'gray-zone', 'protest', { faction: f });
          break;
        case 'stand-down':
          bump(d, 'china', 'grayZonePresence', -5);
          bump(d, 'china', 'standing', 1);
          log(d, 'gray-zone', 'stand-down', { zone: o.zone });
          break;
      }
    }
  }
  if (redPatrol === 0) bump(d, 'china', 'grayZonePresence', -1);
  // Incident risk grows with both sides present at the Senkakus (section 8).
  const disputed = geographyOf(ctx.scenario.zones).disputed;
  const at = (side: (f: Faction) => boolean): number => disputed.reduce((a, z) => a + presence(side, z), 0);
  const red = at((f) => f === 'china') * (d.china.grayZonePresence / 100);
  const blue = at((f) => f === 'japan');
  const p = clamp(GRAYZONE.incidentPerPresence.value * red * blue * (1 + redPatrol), 0, 0.5);
  if (p > 0 && rng.chance(p)) {
    d.flags.incidents += 1;
    const before = d.escalation;
    if (d.escalation < RUNG.coercion) setEscalation(d, 1);
    bump(d, 'japan', 'publicSupport', 4);
    bump(d, 'china', 'domesticPressure', 5);
    log(d, 'gray-zone', 'incident', { climbed: d.escalation > before, chance: Math.round(p * 1000) / 1000 });
  }
}
