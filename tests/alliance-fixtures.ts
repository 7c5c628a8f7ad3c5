import {
  type Action,
  type CombinedProposal,
  type DraftState,
  type Faction,
  type MatchState,
  newMatch,
  type Order,
  type Scenario,
  validateAction,
} from '../game/index.ts';
import { addUnit, codeOf, patch, scenario } from './helpers.ts';

export const inv = scenario('taiwan-invasion');
export const neutral = scenario('taiwan-invasion-japan-neutral');

/** Wartime at command level 1: rung 4, Japan survival-threatening, no consent, neutral cohesion, capacity untouched, test units. */
export function war(edit: (d: DraftState) => void = () => {}, sc: Scenario = inv): MatchState {
  return patch(newMatch(sc, { seed: 'alliance' }), (d) => {
    d.escalation = 4;
    d.us.intervening = true;
    d.japan.legalStatus = 'survival-threatening';
    d.japan.politicalCapital = 50;
    d.alliance.commandLevel = 1;
    d.alliance.cohesion = 50;
    d.alliance.disruption = 0;
    d.alliance.consentGranted = false;
    d.alliance.consentRound = 0;
    d.alliance.capacityUsed = 0;
    d.budgets.japan = 3;
    d.budgets.us = 3;
    d.proposals = [];
    d.combined = [];
    d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 50 };
    addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 2 });
    addUnit(d, { id: 't-us-ddg', type: 'us-ddg', faction: 'us', zone: 'ecs-south', strength: 2 });
    addUnit(d, { id: 't-us-fighter', type: 'us-fighter', faction: 'us', zone: 'okinawa', strength: 8 });
    addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
    edit(d);
  });
}

let nextId = 0;
/** A proposal already on the table (status and round pinned). */
export type DraftProposal = DraftState['proposals'][number];
export function proposal(p: Partial<CombinedProposal> & Pick<CombinedProposal, 'kind'>): DraftProposal {
  nextId += 1;
  return {
    id: `p-test-${nextId}`,
    round: 1,
    by: 'us',
    to: 'japan',
    status: 'open',
    ...p,
  } as DraftProposal;
}

export type Propose = Extract<Action, { type: 'propose' }>;
export const propose = (s: MatchState, a: Omit<Propose, 'type'>, sc: Scenario = inv) =>
  codeOf(validateAction(s, sc, { type: 'propose', ...a } as Propose));
export const answer = (s: MatchState, id: string, seat: Faction, accept: boolean, sc: Scenario = inv) =>
  codeOf(validateAction(s, sc, { type: 'answer', seat, proposal: id, accept }));

export const withPending = (s: MatchState, f: Faction, os: readonly Order[], committed = false): MatchState =>
  patch(s, (d) => {
    d.pending[f] = { orders: [...os], committed } as DraftState['pending'][Faction];
  });
