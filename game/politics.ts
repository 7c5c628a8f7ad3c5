/**
 * Adjudication steps before the fighting (DESIGN.md sections 4–7): coordination of
 * combined actions, the gray zone, and declarations and politics.
 */
import { COMBINED_COST, combinedLatency, coordinationCapacity, upgradeRoundsNeeded } from './command.ts';
import { GRAYZONE } from './data/tables.ts';
import type { DraftState } from './draft.ts';
import { zoneDef } from './map.ts';
import type { Order } from './orders.ts';
import { stream } from './rng.ts';
import type { Scenario } from './scenario.ts';
import type { MatchState } from './state.ts';
import { bump, clamp, log, setEscalation } from './tracks.ts';
import { type ByFaction, FACTIONS, type Faction, type LegalStatus, RUNGS, type Rung } from './types.ts';
import { liveUnits, unitType } from './units.ts';
import { declarationCost, legalBasis } from './validate.ts';

export interface StepContext {
  readonly scenario: Scenario;
  readonly orders: ByFaction<readonly Order[]>;
}

const has = (ctx: StepContext, f: Faction, type: Order['type']): boolean =>
  ctx.orders[f].some((o) => o.type === type);

/** Coordination (section 5): open proposals lapse; accepted ones are charged and scheduled by latency. */
export function coordinationStep(d: DraftState, ctx: StepContext): void {
  const capacity = coordinationCapacity(d as MatchState);
  let used = 0;
  const latency = combinedLatency(d.alliance.commandLevel);
  if (d.alliance.consentGranted && d.alliance.consentRound <= d.round)
    used += COMBINED_COST['us-ops-from-japan'];
  for (const p of d.proposals) {
    if (p.status === 'open') {
      p.status = 'lapsed';
      log(d, 'coordination', `${p.by}'s ${p.kind} proposal lapsed unanswered`, ['japan', 'us', 'white']);
      continue;
    }
    if (p.status !== 'accepted') continue;
    const cost = COMBINED_COST[p.kind];
    if (used + cost > capacity) {
      p.status = 'refused';
      log(
        d,
        'coordination',
        `${p.kind} dropped: coordination capacity ${capacity} exhausted`,
        ['japan', 'us', 'white'],
        { capacity },
      );
      continue;
    }
    used += cost;
    const effectiveRound = d.round + latency;
    if (p.kind === 'us-ops-from-japan') {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = effectiveRound;
    }
    d.combined.push({ proposal: { ...p }, effectiveRound });
    log(
      d,
      'coordination',
      `${p.kind} agreed by Japan and the US; in effect ${latency ? 'next round (level-0 latency)' : 'this round'}`,
      ['japan', 'us', 'white'],
      { capacity, used },
    );
  }
  d.alliance.capacityUsed = used;
  d.combined = d.combined.filter((c) => c.effectiveRound >= d.round);
  if (has(ctx, 'japan', 'revoke-consent')) {
    d.alliance.consentGranted = false;
    bump(d, 'alliance', 'cohesion', -10);
    log(d, 'coordination', 'Japan revoked consent for US combat operations from its bases', 'all');
  }
}

/** Gray zone (sections 6, 8): presence, responses, coercion, cyber, and the risk of an incident. */
export function grayZoneStep(d: DraftState, ctx: StepContext): void {
  const rng = stream(d.seed, `round-${d.round}/gray-zone`);
  const presence = (f: (x: Faction) => boolean, zone: string): number =>
    liveUnits(
      d as MatchState,
      (u) => f(u.faction) && (u.zone === zone || zoneDef(u.zone).adjacent.includes(zone)),
    ).reduce((a, u) => a + unitType(u).presence * u.strength, 0);
  let redPatrol = 0;
  for (const f of FACTIONS) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'gray-zone') continue;
      switch (o.action) {
        case 'patrol':
          redPatrol += 1;
          bump(d, 'china', 'grayZonePresence', 3);
          bump(d, 'japan', 'publicSupport', 0.5);
          log(d, 'gray-zone', `China Coast Guard patrols ${zoneDef(o.zone).name}`, 'all');
          break;
        case 'surge':
          bump(d, f === 'japan' ? 'japan' : 'taiwan', f === 'japan' ? 'publicSupport' : 'publicWill', 1);
          log(d, 'gray-zone', `${f} surges its coast guard at ${zoneDef(o.zone).name}`, 'all');
          break;
        case 'air-incursion':
          bump(d, 'taiwan', 'publicWill', -0.5);
          bump(d, 'china', 'standing', -0.5);
          log(d, 'gray-zone', `PLA aircraft cross into the ADIZ near ${zoneDef(o.zone).name}`, 'all');
          break;
        case 'cyber': {
          const hit = Math.max(0, 1 - d.bonuses.cyber);
          d.alliance.disruption = clamp(d.alliance.disruption + hit, 0, 10);
          log(
            d,
            'gray-zone',
            hit > 0
              ? 'Cyber intrusions degrade alliance command networks (coordination capacity −1 next round)'
              : "Cyber intrusions repelled by Japan's active cyber defense",
            ['japan', 'us', 'china', 'white'],
          );
          break;
        }
        case 'economic-coercion':
          bump(d, 'china', 'coercionLevers', -1);
          bump(d, 'china', 'standing', -2);
          bump(d, 'japan', 'publicSupport', -3);
          bump(d, 'japan', 'politicalCapital', -3);
          bump(d, 'taiwan', 'publicWill', -1);
          log(
            d,
            'gray-zone',
            'China tightens economic coercion (import bans, export controls, travel advisories)',
            'all',
            undefined,
            'economic-coercion',
          );
          break;
        case 'exercise':
          if (f === 'china') {
            bump(d, 'taiwan', 'publicWill', -1);
            bump(d, 'china', 'domesticPressure', -1);
          } else bump(d, 'us', 'credibility', 1);
          log(d, 'gray-zone', `${f} holds a large exercise near ${zoneDef(o.zone).name}`, 'all');
          break;
        case 'protest':
          bump(d, 'china', 'standing', -0.5);
          log(d, 'gray-zone', `${f} lodges a diplomatic protest`, 'all');
          break;
        case 'stand-down':
          bump(d, 'china', 'grayZonePresence', -5);
          bump(d, 'china', 'standing', 1);
          log(d, 'gray-zone', `China stands down its presence at ${zoneDef(o.zone).name}`, 'all');
          break;
      }
    }
  }
  if (redPatrol === 0) bump(d, 'china', 'grayZonePresence', -1);
  // Incident risk grows with both sides present at the Senkakus (section 8).
  const red = presence((f) => f === 'china', 'senkaku') * (d.china.grayZonePresence / 100);
  const blue = presence((f) => f === 'japan', 'senkaku');
  const p = clamp(GRAYZONE.incidentPerPresence.value * red * blue * (1 + redPatrol), 0, 0.5);
  if (p > 0 && rng.chance(p)) {
    d.flags.incidents += 1;
    const before = d.escalation;
    if (d.escalation < 1) setEscalation(d, 1);
    bump(d, 'japan', 'publicSupport', 4);
    bump(d, 'china', 'domesticPressure', 5);
    log(
      d,
      'gray-zone',
      `Incident: collision between Chinese and Japanese coast guard vessels near the Senkakus${d.escalation > before ? ' — the crisis climbs to coercion' : ''}`,
      'all',
      { chance: Math.round(p * 1000) / 1000 },
    );
  }
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** Diet approval (coalition stability check): the chance a declaration passes. */
export function dietPassChance(s: MatchState, status: LegalStatus): number {
  const majority = (s.japan.coalitionSeats - 233) / 465;
  const threat = s.escalation * 0.08 + (s.flags.japanAttacked ? 0.3 : 0) + (s.flags.usAttacked ? 0.1 : 0);
  const weight = status === 'armed-attack' ? 0.25 : status === 'important-influence' ? 0.1 : 0;
  return clamp(0.35 + majority * 4 + s.japan.publicSupport / 250 + threat + weight, 0.05, 0.98);
}

/** Declarations and politics (section 6): escalation, Japan's legal status, US intervention, budgets, 2+2, command upgrades, off-ramps. */
export function politicsStep(d: DraftState, ctx: StepContext): void {
  const rng = stream(d.seed, `round-${d.round}/politics`);
  for (const o of ctx.orders.china) {
    if (o.type !== 'escalate') continue;
    const from = d.escalation;
    setEscalation(d, o.to as Rung);
    bump(d, 'china', 'standing', o.to > from ? -3 * (o.to - from) : 2);
    log(
      d,
      'politics',
      `China ${o.to > from ? 'escalates' : 'steps down'} to rung ${o.to} (${RUNGS[o.to]})`,
      'all',
      { from, to: o.to },
    );
  }
  for (const o of ctx.orders.japan) {
    if (o.type !== 'declare') continue;
    const basis = legalBasis(d as MatchState, o.status);
    if (!basis.ok) {
      log(d, 'politics', `Declaration of a ${o.status} situation failed: ${basis.error.message}`, 'all');
      continue;
    }
    const chance = o.status === 'none' ? 1 : dietPassChance(d as MatchState, o.status);
    const cost = declarationCost(o.status);
    if (rng.chance(chance)) {
      d.japan.legalStatus = o.status;
      bump(d, 'japan', 'politicalCapital', -cost);
      log(
        d,
        'politics',
        `The Diet approves: Japan declares ${article(o.status)} ${o.status} situation`,
        'all',
        {
          chance: Math.round(chance * 100) / 100,
        },
      );
    } else {
      bump(d, 'japan', 'politicalCapital', -Math.ceil(cost / 2));
      bump(d, 'japan', 'coalitionSeats', -2);
      log(
        d,
        'politics',
        `The Diet fails to approve ${article(o.status)} ${o.status} situation; the coalition wobbles`,
        'all',
        {
          chance: Math.round(chance * 100) / 100,
        },
      );
    }
  }
  if (has(ctx, 'us', 'intervene') && !d.us.intervening) {
    d.us.intervening = true;
    bump(d, 'us', 'credibility', 10);
    for (const u of Object.values(d.units))
      if (u.zone === 'us-pool') u.readyRound = Math.min(u.readyRound, d.round + d.us.reinforcementDelay);
    log(d, 'politics', 'The United States commits its forces to the defense of Taiwan', 'all');
  }
  for (const f of ['japan', 'taiwan'] as const) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'spending') continue;
      const before = d[f].defenseSpendingPctGdp;
      d[f].defenseSpendingPctGdp = Math.round(o.pctGdp * 100) / 100;
      if (f === 'japan') {
        const up = o.pctGdp - before;
        if (up > 0) {
          bump(d, 'japan', 'politicalCapital', -10);
          bump(d, 'japan', 'debtPctGdp', up * 2);
          bump(d, 'japan', 'publicSupport', -up * 4);
        }
      }
      log(d, 'politics', `${f} sets defense spending at ${o.pctGdp}% of GDP (was ${before}%)`, 'all');
    }
  }
  // Burden-sharing satisfaction follows Japan's spending against the US demand.
  const target = (d.japan.defenseSpendingPctGdp / Math.max(0.1, d.us.spendingDemandPctGdp)) * 100;
  bump(d, 'us', 'burdenSharing', (target - d.us.burdenSharing) * 0.25);
  // 2+2: both must order it in the same round.
  if (has(ctx, 'japan', 'two-plus-two') && has(ctx, 'us', 'two-plus-two')) {
    d.alliance.roundsSinceTwoPlusTwo = 0;
    bump(d, 'alliance', 'cohesion', 10);
    bump(d, 'japan', 'politicalCapital', -5);
    log(d, 'politics', 'Japan and the US hold a 2+2 meeting: alliance cohesion rises', 'all');
  } else {
    d.alliance.roundsSinceTwoPlusTwo += 1;
    if (has(ctx, 'japan', 'two-plus-two') || has(ctx, 'us', 'two-plus-two'))
      log(d, 'politics', 'A 2+2 was proposed by only one side and did not take place', [
        'japan',
        'us',
        'white',
      ]);
    if (d.alliance.roundsSinceTwoPlusTwo > 6) bump(d, 'alliance', 'cohesion', -1);
  }
  // Command architecture upgrade: both must invest in the same round.
  if (has(ctx, 'japan', 'invest-command') && has(ctx, 'us', 'invest-command')) {
    d.alliance.upgradeProgress += 1;
    const need = upgradeRoundsNeeded(d.alliance.commandLevel);
    if (d.alliance.upgradeProgress >= need) {
      d.alliance.commandLevel += 1;
      d.alliance.upgradeProgress = 0;
      log(
        d,
        'politics',
        `Command architecture reaches level ${d.alliance.commandLevel}${d.alliance.commandLevel === 1 ? ': USFJ is a joint force HQ, counterpart to JJOC' : ': bilateral strike coordination agreed'}`,
        'all',
      );
    } else
      log(
        d,
        'politics',
        `Japan and the US invest in the command architecture (${d.alliance.upgradeProgress}/${need})`,
        ['japan', 'us', 'white'],
      );
  } else if (has(ctx, 'japan', 'invest-command') || has(ctx, 'us', 'invest-command')) {
    log(d, 'politics', 'Only one partner invested in the command architecture this round: no progress', [
      'japan',
      'us',
      'white',
    ]);
  }
  if (has(ctx, 'taiwan', 'mobilize')) {
    bump(d, 'taiwan', 'reserveMobilization', 25);
    bump(d, 'taiwan', 'publicWill', 1);
    log(d, 'politics', `Taiwan mobilizes reserves (${d.taiwan.reserveMobilization}%)`, 'all');
  }
}

/** Off-ramps (section 4): offers made this round become answerable next round; accepted terms end the match. */
export function settleOffers(d: DraftState): boolean {
  for (const o of d.offers) {
    if (o.status !== 'open' || o.round === d.round) continue;
    const answers = Object.values(o.answers);
    if (answers.includes(false)) {
      o.status = 'refused';
      log(d, 'politics', `${o.by}'s offer of ${o.terms} is rejected`, 'all');
    }
  }
  return d.offers.some((o) => o.status === 'accepted');
}
