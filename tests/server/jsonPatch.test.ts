/**
 * The seat-view patch (server/jsonPatch.ts): applied by the same library as boardgame.io's
 * client (`rfc6902.applyPatch`) to a copy of the view before, it gives the JSON of the view
 * after, for hand-picked edge cases and for seeded random edits of shared structures; it stops
 * at shared objects and patches an array that grew only at its end.
 */
import { applyPatch, type Operation } from 'rfc6902';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { diffJson } from '../../server/jsonPatch.ts';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Applies the diff, sent as JSON, to a JSON copy of `before`: the result and whether every operation applied. */
function roundTrip(before: unknown, after: unknown): { result: unknown; ok: boolean } {
  const doc = json(before);
  const errors = applyPatch(doc as object, json(diffJson(before, after)) as Operation[]);
  return { result: doc, ok: errors.every((e) => e === null) };
}

describe('diffJson', () => {
  it('gives no operation for the same object, and stops at shared objects', () => {
    const shared = { big: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    expect(diffJson(shared, shared)).toEqual([]);
    const before = { shared, round: 1 };
    const after = { shared, round: 2 };
    expect(diffJson(before, after)).toEqual([{ op: 'replace', path: '/round', value: 2 }]);
  });

  it('patches a log that grew at its end with adds at the end, and one that shrank with removes from the end', () => {
    const a = { id: 1 };
    const b = { id: 2 };
    const c = { id: 3 };
    expect(diffJson({ log: [a, b] }, { log: [a, b, c] })).toEqual([{ op: 'add', path: '/log/2', value: c }]);
    expect(diffJson({ log: [a, b, c] }, { log: [a] })).toEqual([
      { op: 'remove', path: '/log/2' },
      { op: 'remove', path: '/log/1' },
    ]);
  });

  it('writes what JSON writes: undefined keys absent, undefined in arrays null, non-finite numbers null', () => {
    const cases: [unknown, unknown][] = [
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: 1 }, { a: 1, b: undefined }],
      [{ a: undefined }, { a: 2 }],
      [{ a: 2 }, { a: undefined }],
      [{ xs: [1, undefined] }, { xs: [1, 2] }],
      [{ xs: [1, 2] }, { xs: [undefined, 2] }],
      [{ n: Number.NaN }, { n: null }],
      [{ n: 1 }, { n: Number.POSITIVE_INFINITY }],
      [{ f: () => 1 }, { f: 2 }],
    ];
    for (const [before, after] of cases) {
      const { result, ok } = roundTrip(before, after);
      expect(ok).toBe(true);
      expect(result).toEqual(json(after));
    }
    expect(diffJson({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diffJson({ n: Number.NaN }, { n: null })).toEqual([]);
  });

  it('escapes keys with ~ and / in paths, and replaces a value whose kind changes', () => {
    const before = { 'a/b': 1, 'c~d': { x: 1 }, list: [1], obj: { k: 1 }, s: 'x' };
    const after = { 'a/b': 2, 'c~d': { x: 2 }, list: { 0: 1 }, obj: [1], s: null };
    expect(diffJson(before, after)).toContainEqual({ op: 'replace', path: '/a~1b', value: 2 });
    expect(diffJson(before, after)).toContainEqual({ op: 'replace', path: '/c~0d/x', value: 2 });
    const { result, ok } = roundTrip(before, after);
    expect(ok).toBe(true);
    expect(result).toEqual(json(after));
  });

  it('turns any view into any edit of it (seeded random documents, shared where unedited)', () => {
    const rng = seedrandom('json-patch');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    const scalar = (): unknown => pick([0, 1, -2.5, 'a', 'b/c', '~x', true, false, null, undefined]);
    const make = (depth: number): unknown => {
      if (depth === 0 || rng() < 0.3) return scalar();
      if (rng() < 0.5) return Array.from({ length: Math.floor(rng() * 5) }, () => make(depth - 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rng() * 5); i > 0; i--)
        o[pick(['a', 'b', 'c', 'd/e', 'f~g', '0'])] = make(depth - 1);
      return o;
    };
    /** A copy of `v` with a few random edits, sharing every object the edits do not touch. */
    const edit = (v: unknown, depth: number): unknown => {
      if (rng() < 0.4) return v; // shared
      if (rng() < 0.15 || depth === 0) return make(2);
      if (Array.isArray(v)) {
        const out = v.map((x) => (rng() < 0.3 ? edit(x, depth - 1) : x));
        const r = rng();
        if (r < 0.25) out.push(make(2));
        else if (r < 0.4) out.pop();
        return out;
      }
      if (typeof v === 'object' && v !== null) {
        const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
        for (const k of Object.keys(out)) if (rng() < 0.3) out[k] = edit(out[k], depth - 1);
        if (rng() < 0.2) delete out[pick(Object.keys(out).concat('a'))];
        if (rng() < 0.2) out[pick(['a', 'z', 'y/x', '~'])] = make(2);
        return out;
      }
      return scalar();
    };
    for (let i = 0; i < 2000; i++) {
      const before = { root: make(4) };
      const after = { root: edit(before.root, 4) };
      const { result, ok } = roundTrip(before, after);
      expect(ok, `document ${i}`).toBe(true);
      expect(result, `document ${i}`).toEqual(json(after));
    }
  });
});
