/**
 * Content hashes (game/engine/hash.ts): the same data gives the same hash whatever the order of
 * its keys (`hashValue`, for data from outside such as scenario files), engine data is hashed
 * as its JSON text (`hashEngineData`), and nothing — not even `undefined` — hashes to nothing.
 */
import { describe, expect, it } from 'vitest';
import { hashEngineData, hashValue, loadScenario } from '../game/index.ts';
import { scenario } from './helpers.ts';

const HEX16 = /^[0-9a-f]{16}$/;

describe('content hashes', () => {
  it('the same data in any key order has one hash; other data has another', () => {
    const a = { b: 1, a: { d: [3, 2, 1], c: 'x' } };
    const b = { a: { c: 'x', d: [3, 2, 1] }, b: 1 };
    expect(hashValue(a)).toMatch(HEX16);
    expect(hashValue(a)).toBe(hashValue(b));
    // Arrays keep their order: a list in another order is other data.
    expect(hashValue({ ...a, a: { c: 'x', d: [1, 2, 3] } })).not.toBe(hashValue(a));
    expect(hashValue({ ...a, b: 2 })).not.toBe(hashValue(a));
  });

  it('engine data is hashed as its own JSON text, so key order is part of it', () => {
    expect(hashEngineData({ a: 1, b: 2 })).toMatch(HEX16);
    expect(hashEngineData({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }));
    expect(hashEngineData({ b: 2, a: 1 })).not.toBe(hashEngineData({ a: 1, b: 2 }));
  });

  it('undefined hashes as null, never as the empty text', () => {
    expect(hashValue(undefined)).toBe(hashValue(null));
    expect(hashEngineData(undefined)).toBe(hashEngineData(null));
    expect(hashValue(null)).not.toBe(hashValue(''));
  });

  it("a scenario's hash is its content's: the same file reloaded keeps it, a changed figure changes it", () => {
    const sc = scenario('takaichi-2025');
    const { hash, ...content } = sc;
    expect(hash).toMatch(HEX16);
    expect(hash).toBe(hashValue(content));
    const again = loadScenario(structuredClone(content));
    expect(again.ok && again.value.hash).toBe(hash);
    const changed = loadScenario({ ...structuredClone(content), rounds: content.rounds + 1 });
    expect(changed.ok && changed.value.hash).not.toBe(hash);
  });
});
