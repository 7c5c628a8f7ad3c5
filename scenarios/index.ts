/**
 * The scenario registry: every JSON file in this folder, resolved (`extends`) and
 * validated. Imported by the CLI, the server, the client and the tests.
 */
import { makeGame } from '../game/bgio.ts';
import { loadScenario, type Result, type Scenario, type ScenarioError } from '../game/index.ts';
import senkakuGrayZone from './senkaku-gray-zone.json' with { type: 'json' };
import taiwanInvasion from './taiwan-invasion.json' with { type: 'json' };
import taiwanInvasionCommand0 from './taiwan-invasion-command-0.json' with { type: 'json' };
import taiwanInvasionCommand2 from './taiwan-invasion-command-2.json' with { type: 'json' };
import taiwanInvasionJapanNeutral from './taiwan-invasion-japan-neutral.json' with { type: 'json' };
import taiwanInvasionTaiwanAlone from './taiwan-invasion-taiwan-alone.json' with { type: 'json' };
import taiwanQuarantine from './taiwan-quarantine.json' with { type: 'json' };
import takaichi2025 from './takaichi-2025.json' with { type: 'json' };
import takaichi2025HollowDenial from './takaichi-2025-hollow-denial.json' with { type: 'json' };
import takaichi2025FullDenial from './takaichi-2025-full-denial.json' with { type: 'json' };

/** Raw JSON by id, in lobby order. */
export const RAW_SCENARIOS: Readonly<Record<string, unknown>> = {
  'takaichi-2025': takaichi2025,
  'takaichi-2025-hollow-denial': takaichi2025HollowDenial,
  'takaichi-2025-full-denial': takaichi2025FullDenial,
  'senkaku-gray-zone': senkakuGrayZone,
  'taiwan-quarantine': taiwanQuarantine,
  'taiwan-invasion': taiwanInvasion,
  'taiwan-invasion-japan-neutral': taiwanInvasionJapanNeutral,
  'taiwan-invasion-taiwan-alone': taiwanInvasionTaiwanAlone,
  'taiwan-invasion-command-0': taiwanInvasionCommand0,
  'taiwan-invasion-command-2': taiwanInvasionCommand2,
};

export const SCENARIO_IDS: readonly string[] = Object.keys(RAW_SCENARIOS);

/** Loads a registered scenario, or a raw object that may extend a registered one. */
export function resolveScenario(raw: unknown): Result<Scenario, ScenarioError[]> {
  return loadScenario(raw, (id) => (Object.hasOwn(RAW_SCENARIOS, id) ? RAW_SCENARIOS[id] : undefined));
}

const cache = new Map<string, Scenario>();

/** A registered scenario by id (validated once); throws only if a shipped file is broken, which a test guards. */
export function getScenario(id: string): Scenario | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  // Ids come from clients too: only the registry's own keys, never an inherited one ("__proto__").
  if (typeof id !== 'string' || !Object.hasOwn(RAW_SCENARIOS, id)) return undefined;
  const raw = RAW_SCENARIOS[id];
  const r = resolveScenario(raw);
  if (!r.ok)
    throw new Error(`scenario ${id} is invalid: ${r.error.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  cache.set(id, r.value);
  return r.value;
}

/** The boardgame.io game with the registered scenarios (game/bgio.ts `makeGame`). */
export const IslandChainGame = makeGame(getScenario);
