/**
 * Golden replay records (CONVENTIONS item 12): tests/golden/<scenario>.record.json are
 * whole seeded bot games written by tests/golden/regenerate.ts. Replaying each under the
 * current rules must reproduce every round's state hash.
 *
 * A failure here means the rules (or a scenario file) changed what a recorded game
 * produces. If the change is deliberate, regenerate the records with `npm run golden`,
 * review the diff, and commit the new records with the rules change; if it is not,
 * the failure's round number says where the behaviour first differs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES_VERSION } from '../game/index.ts';
import { type MatchRecord, replay } from '../match/index.ts';
import { getScenario } from '../scenarios/index.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.record.json'))
  .sort();
const REGENERATE =
  'if the rules or the scenario changed on purpose, run `npm run golden` and review the diff';

describe('golden records', () => {
  it('there are records for at least three scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays with every round hash matching', (file) => {
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as MatchRecord;
    expect(file).toBe(`${record.scenarioId}.record.json`);
    const sc = getScenario(record.scenarioId);
    expect(sc, `no scenario ${record.scenarioId}`).toBeDefined();
    expect(record.rulesVersion, `record made under rules ${record.rulesVersion}; ${REGENERATE}`).toBe(
      RULES_VERSION,
    );
    expect(record.scenarioHash, `scenario ${record.scenarioId} changed; ${REGENERATE}`).toBe(sc!.hash);
    const r = replay(record, sc!);
    expect(r.error, `${JSON.stringify(r.error)}; ${REGENERATE}`).toBeNull();
    expect(r.divergence, `first differs at round ${r.divergence?.round}; ${REGENERATE}`).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.roundHashes).toEqual(record.roundHashes);
    expect(r.state.stage).toBe('ended');
  });
});
