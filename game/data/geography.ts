/**
 * Geographic roles (DESIGN.md section 2, "The board"): which zones play which part in the
 * campaign. Rules and bots name a role, never a zone id; `geographyOf(zones)` keeps, for each
 * role, only the zones a scenario has, so a scenario that leaves a zone out changes what a
 * role holds (and a bot skips a role left empty) instead of aiming at a zone off the map.
 * Order matters where a role lists several zones: it is the order of preference.
 */
import type { ZoneId } from '../types.ts';

export const ROLES = {
  /** Taiwan's capital: China holding it ends the match (section 9). */
  capital: ['taipei'],
  /** Taiwan's main island, where a lodgment counts (section 9). */
  taiwanMain: ['taipei', 'taichung', 'tainan-kaohsiung', 'hualien-taitung'],
  /**
   * West-coast landing sectors, in a planner's order of preference: the beaches near Taichung
   * and Tainan–Kaohsiung, then Taipei's (CSIS 2023, "The First Battle of the Next War": the
   * invasion came ashore on the west coast; Ian Easton, "The Chinese Invasion Threat", 2017,
   * on the fourteen suitable west-coast beaches).
   */
  landingSectors: ['taichung', 'tainan-kaohsiung', 'taipei'],
  /** The strait an invasion crosses (north first: the main axis opposite Fujian). */
  strait: ['taiwan-strait-north', 'taiwan-strait-south'],
  /** Where the PLA embarks opposite Taiwan (Eastern Theater Command's Fujian coast). */
  embarkation: ['fujian'],
  /** The sea lanes to Taiwan's ports that a quarantine watches (section 6: rung 2). */
  quarantineLanes: ['taiwan-strait-north', 'taiwan-strait-south', 'bashi-channel'],
  /** The sea lanes a blockade closes: the quarantine's lanes and the eastern approaches (section 6: rung 3). */
  blockadeLanes: ['taiwan-strait-north', 'taiwan-strait-south', 'bashi-channel', 'philippine-sea-west'],
  /** Where US surface groups gather to fight for Taiwan: east of the island, outside the strait. */
  blueNavalStation: ['philippine-sea-west'],
  /** Disputed islands that gray-zone pressure turns on (the Senkakus). */
  disputed: ['senkaku'],
  /** The sea around the disputed islands, where coast guards patrol and shadow each other. */
  disputedApproaches: ['ecs-south'],
  /** Japan's capital region: the target of protests, economic coercion and cyber operations. */
  japanCapital: ['kanto'],
  /** Where US reinforcements enter the theater from the off-map pool (section 2: the pool zone). */
  reinforcementGateway: ['guam'],
} as const satisfies Record<string, readonly ZoneId[]>;

export type Role = keyof typeof ROLES;
export type Geography = { readonly [R in Role]: readonly ZoneId[] };

const byList = new WeakMap<readonly ZoneId[], Geography>();
const byContents = new Map<string, Geography>();

/** `geographyOf(zones)`: every role with only the zones on this map, in the role's order. */
export function geographyOf(zones: readonly ZoneId[]): Geography {
  // Memoized: by the list itself (a scenario's zones), else by its contents (a state's zone
  // keys, a fresh array each time). A geography is read-only and shared.
  let g = byList.get(zones);
  if (g) return g;
  const key = zones.join('|');
  g = byContents.get(key);
  if (!g) {
    const on = new Set(zones);
    const out: Partial<Record<Role, readonly ZoneId[]>> = {};
    for (const role of Object.keys(ROLES) as Role[])
      out[role] = Object.freeze(ROLES[role].filter((z) => on.has(z)));
    g = Object.freeze(out) as Geography;
    if (byContents.size >= 256) byContents.clear(); // maps are few; never let the memo grow without end
    byContents.set(key, g);
  }
  byList.set(zones, g);
  return g;
}
