/**
 * The match record check (match/record.ts): a valid record comes back as it was read, and a
 * wrong one is refused with one sentence naming the first field (in the record's field order)
 * that is missing or of the wrong kind. The CLI, the server and the replay viewer show these
 * sentences to people, so each one is pinned word for word.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../match/index.ts';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'taiwan-quarantine.record.json');
const goldenText = (): string => readFileSync(GOLDEN, 'utf8');
const golden = (): Record<string, unknown> => JSON.parse(goldenText()) as Record<string, unknown>;

/** A small valid record, as plain JSON. */
const small = (): Record<string, unknown> => ({
  rulesVersion: '1.0.2',
  scenarioId: 'taiwan-quarantine',
  scenarioHash: 'deadbeefdeadbeef',
  seed: 'seed-1',
  actions: [
    { type: 'commit', seat: 'china' },
    { type: 'order', seat: 'japan', order: { type: 'spending', pctGdp: 2 } },
    { type: 'advance', seat: 'white' },
  ],
  roundHashes: ['aaaa', 'bbbb'],
});

const errorOf = (raw: unknown): string => {
  const r = checkRecord(raw);
  if (r.ok) throw new Error('expected checkRecord to refuse the record');
  return r.error;
};

describe('checkRecord: valid records', () => {
  it('a golden record round-trips: the checked value is the record, written back byte for byte', () => {
    const r = checkRecord(golden());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toStrictEqual(golden());
    expect(`${JSON.stringify(r.value, null, 2)}\n`).toBe(goldenText());
  });

  it('keeps `white` and every field of an action, which the engine checks when replaying', () => {
    const raw = { ...small(), white: true };
    const r = checkRecord(raw);
    expect(r).toStrictEqual({ ok: true, value: raw });
  });

  it('accepts fields it does not know (the viewer saves `bookmarks`) and leaves them out of the value', () => {
    const raw = { ...small(), bookmarks: [{ round: 1, note: 'first move' }], extra: 1 };
    const r = checkRecord(raw);
    expect(r).toStrictEqual({ ok: true, value: small() });
  });
});

describe('checkRecord: the sentence naming the first wrong field', () => {
  it('a record that is not an object', () => {
    expect(errorOf([])).toBe('a record must be a JSON object, not an array');
    expect(errorOf(null)).toBe('a record must be a JSON object, not null');
    expect(errorOf('record')).toBe('a record must be a JSON object, not a string');
  });

  it('a missing or mistyped top-level field', () => {
    const { rulesVersion: _r, ...noRules } = small();
    expect(errorOf(noRules)).toBe('missing field "rulesVersion"');
    expect(errorOf({ ...small(), seed: 7 })).toBe('field "seed" must be a string, not a number');
    expect(errorOf({ ...small(), white: 'yes' })).toBe('field "white" must be a boolean, not a string');
    expect(errorOf({ ...small(), actions: 'none' })).toBe('field "actions" must be an array, not a string');
    const { roundHashes: _h, ...noHashes } = small();
    expect(errorOf(noHashes)).toBe('missing field "roundHashes"');
  });

  it('a wrong action', () => {
    const actions = (small().actions as unknown[]).slice();
    expect(errorOf({ ...small(), actions: [...actions.slice(0, 2), null] })).toBe(
      'field "actions[2]" must be an object, not null',
    );
    expect(errorOf({ ...small(), actions: [{ type: 'commit' }] })).toBe('missing field "actions[0].seat"');
    expect(errorOf({ ...small(), actions: [{ seat: 'china', type: 3 }] })).toBe(
      'field "actions[0].type" must be a string, not a number',
    );
  });

  it('a wrong round hash', () => {
    expect(errorOf({ ...small(), roundHashes: ['aaaa', 2] })).toBe(
      'field "roundHashes[1]" must be a string, not a number',
    );
  });

  it('names the first wrong field in the record order when several are wrong', () => {
    const { rulesVersion: _r, ...noRules } = small();
    expect(errorOf({ ...noRules, seed: 7, roundHashes: [1] })).toBe('missing field "rulesVersion"');
    expect(errorOf({ ...small(), roundHashes: [1], actions: [{ seat: 1 }], seed: 7 })).toBe(
      'field "seed" must be a string, not a number',
    );
    expect(
      errorOf({ ...small(), roundHashes: [1], actions: [{ type: 'commit', seat: 'china' }, { seat: 1 }] }),
    ).toBe('missing field "actions[1].type"');
  });
});
