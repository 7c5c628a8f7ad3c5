/**
 * The difference between two seat views as a JSON Patch (RFC 6902), for boardgame.io's `patch`
 * message (issue 11, "A fast server path"). A seat is sent its whole view once (`sync`, or an
 * `update` when its socket is not known to hold the view before); after that each move sends
 * only what changed in that seat's view, which boardgame.io's client applies to the view it
 * holds (`rfc6902.applyPatch`, asking for a fresh sync should a patch not apply).
 *
 * Views are immutable and share every object a move did not change (Immer's structural sharing,
 * the fog's memoized cuts), so the walk stops at the first object the two views share: a move
 * costs about as much as what it changed, not the size of the view. Arrays that grew or shrank
 * at the end (the log, pending orders) are patched at the end; any other change of an element
 * is patched inside it.
 *
 * The patch turns the JSON text of `before` into the JSON text of `after`: values JSON leaves
 * out (`undefined`, functions, symbols) are absent keys, and `null` inside arrays.
 */

/** One operation of a JSON Patch (the ones written here). */
export type PatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

/** A JSON Pointer token (RFC 6901): `~` as `~0`, `/` as `~1`. */
const token = (key: string): string =>
  key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;

/** Whether JSON writes the value at all (in an object: present; in an array: not as `null`). */
const written = (v: unknown): boolean => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/** What JSON writes for a value inside an array. */
const inArray = (v: unknown): unknown => (written(v) ? v : null);

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
};

/** Whether two numbers, strings, booleans or nulls write the same JSON (non-finite numbers as null). */
const sameScalar = (a: unknown, b: unknown): boolean => asJson(a) === asJson(b);
const asJson = (x: unknown): unknown => (typeof x === 'number' && !Number.isFinite(x) ? null : x);

const isScalar = (x: unknown): boolean => x === null || typeof x !== 'object';

function walk(before: unknown, after: unknown, path: string, out: PatchOperation[]): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    // Shared elements are skipped before their path is built: a long log that grew at the end
    // costs a comparison per entry, not a string.
    for (let i = 0; i < common; i++)
      if (before[i] !== after[i]) walk(inArray(before[i]), inArray(after[i]), `${path}/${i}`, out);
    for (let i = common; i < after.length; i++)
      out.push({ op: 'add', path: `${path}/${i}`, value: inArray(after[i]) });
    // From the end, so each index is still where it was.
    for (let i = before.length - 1; i >= common; i--) out.push({ op: 'remove', path: `${path}/${i}` });
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      const b = before[key];
      if (!written(b)) continue;
      const a = after[key];
      if (!Object.hasOwn(after, key) || !written(a))
        out.push({ op: 'remove', path: `${path}/${token(key)}` });
      else if (a !== b) walk(b, a, `${path}/${token(key)}`, out);
    }
    for (const key of Object.keys(after)) {
      const a = after[key];
      if (!written(a)) continue;
      if (!Object.hasOwn(before, key) || !written(before[key]))
        out.push({ op: 'add', path: `${path}/${token(key)}`, value: a });
    }
    return;
  }
  if (isScalar(before) && isScalar(after) && sameScalar(before, after)) return;
  out.push({ op: 'replace', path, value: after });
}

/**
 * The operations that turn `before`'s JSON into `after`'s; both are JSON-shaped values (plain
 * objects, arrays and scalars). The root itself is replaced only when its kind changes.
 */
export function diffJson(before: unknown, after: unknown): PatchOperation[] {
  const out: PatchOperation[] = [];
  walk(before, after, '', out);
  return out;
}
