/**
 * Regenerates the golden match records (CONVENTIONS item 12, after OpenSpiel's
 * playthroughs): `npm run golden`. Each record is a whole bot game of a shipped scenario
 * with a fixed seed; tests/golden.test.ts replays it and expects every round's state
 * hash to match. Run this after a deliberate rules or scenario change, and review the
 * diff of the records before committing them.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatAction } from '../../game/index.ts';
import { runMatch, type Seats } from '../../match/index.ts';
import { getScenario } from '../../scenarios/index.ts';

const GOLDEN: readonly { readonly scenario: string; readonly seed: string; readonly seats: Seats }[] = [
  { scenario: 'takaichi-2025', seed: 'golden-takaichi-2025', seats: {} },
  { scenario: 'taiwan-quarantine', seed: 'golden-taiwan-quarantine', seats: { china: 'aggressive' } },
  { scenario: 'taiwan-invasion', seed: 'golden-taiwan-invasion', seats: {} },
];

const here = dirname(fileURLToPath(import.meta.url));
const files: string[] = [];
for (const g of GOLDEN) {
  const sc = getScenario(g.scenario);
  if (!sc) throw new Error(`no scenario ${g.scenario}`);
  const { record, state } = runMatch(sc, g.seats, g.seed);
  const file = join(here, `${g.scenario}.record.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  files.push(file);
  const last = record.actions.at(-1);
  console.log(
    `${file}: ${record.actions.length} actions, ${record.roundHashes.length} rounds, ${state.outcome?.category}` +
      (last ? ` (last: ${formatAction(last)})` : ''),
  );
}
