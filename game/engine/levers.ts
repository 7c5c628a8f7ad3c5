/**
 * Blue's levers — "what would it take" (DESIGN.md section 6: deterrence by denial). For each
 * option open to a Blue seat this round — completing a program, investing in the command
 * architecture, a declaration — how much it would change Red's best temptation as this seat
 * estimates it, were it in effect now. Negative: Red is less tempted. Spending changes next
 * rounds' budgets, not the estimate, and is left out; so are deployments, whose effect on a
 * seat's estimate mixes denial with what the move lets the seat see.
 */
import { PROGRAMS, programById } from '../data/programs.ts';
import type { Scenario } from '../data/scenario.ts';
import { unitTypeById } from '../data/units.ts';
import { legalBasis } from '../rules/politics.ts';
import { type Faction, LEGAL_STATUSES, legalRank } from '../types.ts';
import { deterrenceEstimate } from './deterrence.ts';
import type { Knowledge } from './knowledge.ts';
import type { Order } from './orders.ts';

export interface Lever {
  readonly order: Order;
  /** Red's best temptation, as this seat estimates it, with the lever in effect. */
  readonly temptation: number;
  /** Its change from now (negative: Red is less tempted). */
  readonly change: number;
}

/** The knowledge with a program's effect applied, as `completeProgram` would apply it. */
function withProgram(k: Knowledge, id: string): Knowledge {
  const p = programById.get(id);
  if (!p) return k;
  const e = p.effect;
  switch (e.kind) {
    case 'munitions':
      return {
        ...k,
        stockpiles: {
          ...k.stockpiles,
          [p.faction]: {
            ...k.stockpiles[p.faction],
            [e.munition]: (k.stockpiles[p.faction][e.munition] ?? 0) + e.amount,
          },
        },
      };
    case 'interceptors':
      return { ...k, bonuses: { ...k.bonuses, interceptorPk: k.bonuses.interceptorPk + e.bonus } };
    case 'isr':
      return {
        ...k,
        bonuses: {
          ...k.bonuses,
          isrKm: { ...k.bonuses.isrKm, [p.faction]: k.bonuses.isrKm[p.faction] + e.km },
        },
      };
    case 'units': {
      const id2 = `${e.unitType}-${p.id}`;
      const def = unitTypeById.get(e.unitType);
      if (!def || k.units[id2]) return k;
      return {
        ...k,
        units: {
          ...k.units,
          [id2]: {
            id: id2,
            type: e.unitType,
            faction: p.faction,
            zone: e.zone,
            strength: e.strength,
            maxStrength: e.strength,
            interceptors: def.interceptorsPerStep * e.strength,
            readyRound: k.round,
          },
        },
      };
    }
    default:
      return k;
  }
}

/** `blueLevers(knowledge, scenario, faction)`: the seat's levers, most effective first. */
export function blueLevers(k: Knowledge, scenario: Scenario, f: Faction): Lever[] {
  if (f === 'china' || k.stage !== 'planning') return [];
  const temptationOf = (x: Knowledge): number => deterrenceEstimate(x, scenario, f).best?.temptation ?? 0;
  const now = temptationOf(k);
  const levers: Lever[] = [];
  const add = (order: Order, x: Knowledge): void => {
    const t = temptationOf(x);
    levers.push({ order, temptation: t, change: Math.round((t - now) * 1000) / 1000 });
  };
  for (const p of PROGRAMS)
    if (p.faction === f && !k.completedPrograms.includes(p.id) && (k.programs[f][p.id] ?? 0) < p.cost)
      add(
        { type: 'fund', program: p.id, amount: Math.max(1, p.cost - (k.programs[f][p.id] ?? 0)) },
        withProgram(k, p.id),
      );
  if ((f === 'japan' || f === 'us') && k.alliance.commandLevel < 2)
    add(
      { type: 'invest-command' },
      { ...k, alliance: { ...k.alliance, commandLevel: k.alliance.commandLevel + 1 } },
    );
  if (f === 'japan') {
    const next = LEGAL_STATUSES.find(
      (st) => legalRank(st) > legalRank(k.japan.legalStatus) && legalBasis(k, st).ok,
    );
    if (next) add({ type: 'declare', status: next }, { ...k, japan: { ...k.japan, legalStatus: next } });
  }
  return levers.sort((a, b) => a.change - b.change);
}
