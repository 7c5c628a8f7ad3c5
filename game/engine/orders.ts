/**
 * Orders and actions (DESIGN.md section 4; CONVENTIONS item 6): plain objects with a
 * `type`, plus a one-line text form for logs, the CLI and golden files.
 */

import type { Effect, TrackPath } from '../data/scenario.ts';
import {
  type CombinedKind,
  type Faction,
  type LegalStatus,
  RUNGS,
  type Rung,
  type Terms,
  type UnitId,
  type ZoneId,
} from '../types.ts';
import { munitionName, programName, unitName, zoneName } from './names.ts';

export const TARGET_AIMS = ['ships', 'airbase', 'ground', 'port', 'hq', 'launchers'] as const;
export type TargetAim = (typeof TARGET_AIMS)[number];

export const GRAY_ZONE_ACTIONS = [
  'patrol',
  'surge',
  'air-incursion',
  'cyber',
  'economic-coercion',
  'exercise',
  'protest',
  'stand-down',
] as const;
export type GrayZoneAction = (typeof GRAY_ZONE_ACTIONS)[number];

/** A sealed order a faction submits during planning. */
export type Order =
  | { readonly type: 'fund'; readonly program: string; readonly amount: number }
  | { readonly type: 'spending'; readonly pctGdp: number }
  | { readonly type: 'invest-command' }
  | { readonly type: 'two-plus-two' }
  | { readonly type: 'move'; readonly unit: UnitId; readonly to: ZoneId }
  | {
      readonly type: 'strike';
      readonly unit: UnitId;
      readonly target: ZoneId;
      readonly aim: TargetAim;
      readonly weapon: string;
      readonly count: number;
    }
  | { readonly type: 'gray-zone'; readonly action: GrayZoneAction; readonly zone: ZoneId }
  | { readonly type: 'escalate'; readonly to: Rung }
  | { readonly type: 'declare'; readonly status: LegalStatus }
  | { readonly type: 'intervene' }
  | { readonly type: 'revoke-consent' }
  | { readonly type: 'mobilize' }
  | {
      readonly type: 'land';
      readonly lift: UnitId;
      readonly brigades: readonly UnitId[];
      readonly target: ZoneId;
    };

export type OrderType = Order['type'];

/** Everything that changes a match: the contents of a record's `actions[]`. */
export type Action =
  | { readonly type: 'order'; readonly seat: Faction; readonly order: Order }
  | { readonly type: 'withdraw'; readonly seat: Faction; readonly index: number }
  | { readonly type: 'commit'; readonly seat: Faction }
  | {
      readonly type: 'propose';
      readonly seat: Faction;
      readonly kind: CombinedKind;
      readonly zone?: ZoneId;
      readonly strike?: {
        readonly target: ZoneId;
        readonly aim: TargetAim;
        readonly parts: readonly { readonly unit: UnitId; readonly weapon: string; readonly count: number }[];
      };
    }
  | { readonly type: 'answer'; readonly seat: Faction; readonly proposal: string; readonly accept: boolean }
  | { readonly type: 'offer'; readonly seat: Faction; readonly terms: Terms }
  | { readonly type: 'respond'; readonly seat: Faction; readonly offer: string; readonly accept: boolean }
  | {
      readonly type: 'inject';
      readonly seat: 'white';
      readonly text: string;
      /** Left out, the inject changes no track. */
      readonly effects?: readonly Effect[];
    }
  | {
      readonly type: 'amend';
      readonly seat: 'white';
      readonly track: TrackPath;
      readonly delta: number;
      readonly reason: string;
    }
  | { readonly type: 'rule'; readonly seat: 'white'; readonly request: string; readonly approve: boolean }
  | {
      readonly type: 'set-timer';
      readonly seat: 'white';
      readonly seconds: number | null;
      readonly paused?: boolean;
    }
  | { readonly type: 'timer-expired'; readonly seat: 'white' }
  | { readonly type: 'advance'; readonly seat: 'white' }
  | { readonly type: 'end'; readonly seat: 'white'; readonly reason: string };

export type ActionType = Action['type'];

/** One-line text form of an order, e.g. `strike okn-mlr -> taiwan-strait-north ships nsm x8`. */
export function formatOrder(o: Order): string {
  switch (o.type) {
    case 'fund':
      return `fund ${o.program} ${o.amount}`;
    case 'spending':
      return `spending ${o.pctGdp}`;
    case 'invest-command':
    case 'two-plus-two':
    case 'intervene':
    case 'revoke-consent':
    case 'mobilize':
      return o.type;
    case 'move':
      return `move ${o.unit} -> ${o.to}`;
    case 'strike':
      return `strike ${o.unit} -> ${o.target} ${o.aim} ${o.weapon} x${o.count}`;
    case 'gray-zone':
      return `gray-zone ${o.action} ${o.zone}`;
    case 'escalate':
      return `escalate ${o.to}`;
    case 'declare':
      return `declare ${o.status}`;
    case 'land':
      return `land ${o.lift} ${o.brigades.join(',')} -> ${o.target}`;
  }
}

/** Orders without arguments by what they do (the policy buttons, the pending list, the log). */
export const ORDER_TYPE_LABELS = {
  'invest-command': 'Invest in the command',
  'two-plus-two': 'Two plus two meeting',
  intervene: 'Intervene',
  'revoke-consent': 'Revoke consent',
  mobilize: 'Mobilize reserves',
} as const satisfies { readonly [T in OrderType]?: string };

/** Gray-zone actions as a phrase: "Gray-zone air incursion in …". */
export const GRAY_ZONE_LABELS: { readonly [A in GrayZoneAction]: string } = {
  patrol: 'patrol',
  surge: 'coast guard surge',
  'air-incursion': 'air incursion',
  cyber: 'cyber operation',
  'economic-coercion': 'economic coercion',
  exercise: 'exercise',
  protest: 'protest',
  'stand-down': 'stand-down',
};

/**
 * An order in words for people (issue 10, item 8): units, zones, programs and weapons by name,
 * e.g. `Strike Fujian (ships) with 8 Type 12 SSM (upgraded) from GSDF Type 12 SSM regiment
 * (Kyushu)`. The log's sentences, the board's pending list and the reports show this;
 * `formatOrder` stays the text form that `parseOrder` reads back.
 */
export function describeOrder(o: Order): string {
  switch (o.type) {
    case 'fund':
      return `Fund ${programName(o.program)} (${o.amount} point${o.amount === 1 ? '' : 's'})`;
    case 'spending':
      return `Set defense spending to ${o.pctGdp}% of GDP`;
    case 'invest-command':
    case 'two-plus-two':
    case 'intervene':
    case 'revoke-consent':
    case 'mobilize':
      return ORDER_TYPE_LABELS[o.type];
    case 'move':
      return `Move ${unitName(o.unit)} to ${zoneName(o.to)}`;
    case 'strike':
      return `Strike ${zoneName(o.target)} (${o.aim}) with ${o.count} ${munitionName(o.weapon)} from ${unitName(o.unit)}`;
    case 'gray-zone':
      return `Gray-zone ${GRAY_ZONE_LABELS[o.action]} in ${zoneName(o.zone)}`;
    case 'escalate':
      return `Escalate to rung ${o.to} (${RUNGS[o.to] ?? o.to})`;
    case 'declare':
      return o.status === 'none'
        ? 'Declare no situation'
        : `Declare ${/^[aeiou]/.test(o.status) ? 'an' : 'a'} ${o.status} situation`;
    case 'land':
      return `Land ${o.brigades.map(unitName).join(', ')} from ${unitName(o.lift)} on ${zoneName(o.target)}`;
  }
}

/** Parses the text form back; returns null when the line is not an order. */
export function parseOrder(line: string): Order | null {
  const t = line.trim().split(/\s+/);
  const [head, ...rest] = t;
  const num = (s: string | undefined): number => (s === undefined ? Number.NaN : Number(s));
  switch (head) {
    case 'fund':
      return rest.length === 2 && rest[0] ? { type: 'fund', program: rest[0], amount: num(rest[1]) } : null;
    case 'spending':
      return rest.length === 1 ? { type: 'spending', pctGdp: num(rest[0]) } : null;
    case 'invest-command':
    case 'two-plus-two':
    case 'intervene':
    case 'revoke-consent':
    case 'mobilize':
      return rest.length === 0 ? { type: head } : null;
    case 'move':
      return rest.length === 3 && rest[1] === '->' && rest[0] && rest[2]
        ? { type: 'move', unit: rest[0], to: rest[2] }
        : null;
    case 'strike': {
      const [unit, arrow, target, aim, weapon, count] = rest;
      if (
        rest.length !== 6 ||
        arrow !== '->' ||
        !unit ||
        !target ||
        !aim ||
        !weapon ||
        !count?.startsWith('x')
      )
        return null;
      return { type: 'strike', unit, target, aim: aim as TargetAim, weapon, count: num(count.slice(1)) };
    }
    case 'gray-zone':
      return rest.length === 2 && rest[0] && rest[1]
        ? { type: 'gray-zone', action: rest[0] as GrayZoneAction, zone: rest[1] }
        : null;
    case 'escalate':
      return rest.length === 1 ? { type: 'escalate', to: num(rest[0]) as Rung } : null;
    case 'declare':
      return rest.length === 1 && rest[0] ? { type: 'declare', status: rest[0] as LegalStatus } : null;
    case 'land': {
      const [lift, brigades, arrow, target] = rest;
      if (rest.length !== 4 || arrow !== '->' || !lift || !brigades || !target) return null;
      return { type: 'land', lift, brigades: brigades.split(','), target };
    }
    default:
      return null;
  }
}

/** One-line text form of any action, used by logs, the CLI and golden files. */
export function formatAction(a: Action): string {
  switch (a.type) {
    case 'order':
      return `${a.seat}: ${formatOrder(a.order)}`;
    case 'withdraw':
      return `${a.seat}: withdraw #${a.index}`;
    case 'commit':
      return `${a.seat}: commit`;
    case 'propose':
      return `${a.seat}: propose ${a.kind}${a.zone ? ` ${a.zone}` : ''}${a.strike ? ` ${a.strike.target} ${a.strike.aim} ${a.strike.parts.map((p) => `${p.unit}/${p.weapon}x${p.count}`).join('+')}` : ''}`;
    case 'answer':
      return `${a.seat}: ${a.accept ? 'accept' : 'refuse'} ${a.proposal}`;
    case 'offer':
      return `${a.seat}: offer ${a.terms}`;
    case 'respond':
      return `${a.seat}: ${a.accept ? 'accept' : 'reject'} ${a.offer}`;
    case 'inject':
      return `white: inject "${a.text}" ${(a.effects ?? []).map((e) => `${e.track}${e.delta >= 0 ? '+' : ''}${e.delta}`).join(' ')}`;
    case 'amend':
      return `white: amend ${a.track}${a.delta >= 0 ? '+' : ''}${a.delta} "${a.reason}"`;
    case 'rule':
      return `white: ${a.approve ? 'approve' : 'deny'} ${a.request}`;
    case 'set-timer':
      return `white: timer ${a.seconds ?? 'off'}${a.paused ? ' paused' : ''}`;
    case 'timer-expired':
      return 'white: timer expired';
    case 'advance':
      return 'white: advance';
    case 'end':
      return `white: end "${a.reason}"`;
  }
}
