/**
 * JSON text that is written once per frozen object (issue 11, "A fast server path"). Every move
 * sends each seat its whole view and stores the whole state, and almost all of it is the same
 * objects as the move before: boardgame.io's Immer freezes every object of a state it makes,
 * the engine shares what an action did not change, and the seats' views share the state's
 * zones, units, log entries and more. `stringify` keeps the text of each frozen object whose
 * every nested object is frozen too (so its text can never change) and reuses it, so a move
 * costs about as much as the part of the state it changed.
 *
 * The text is `JSON.stringify(value)`'s: the same key order, `undefined`, functions and symbols
 * left out of objects and `null` in arrays, `null` for non-finite numbers, `toJSON` honoured,
 * and anything that is not a plain object or array (a Date, a Buffer, a class instance) handed
 * to `JSON.stringify` itself and never kept, except that every character outside ASCII is
 * written as its `\u` escape (`ascii`). The same JSON, read back the same by any parser, but
 * held by V8 as one byte a character: a log line with a dash would otherwise make every text
 * that holds it two bytes a character, twice the memory to copy, and each send would convert
 * it to UTF-8 on the way out.
 */

/** Texts of frozen objects all of whose nested objects are frozen; let go with the objects. */
const texts = new WeakMap<object, string>();

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;
const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON text with every non-ASCII character as its `\u` escape (UTF-16 units, as JSON has them). */
export const ascii = (json: string): string =>
  NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, unicodeEscape) : json;

/** Keys as JSON text with their colon (`"id":`); emptied when it grows past `MAX_KEYS`. */
const keys = new Map<string, string>();
const MAX_KEYS = 20_000;

function keyText(k: string): string {
  let t = keys.get(k);
  if (t === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    t = `${ascii(JSON.stringify(k))}:`;
    keys.set(k, t);
  }
  return t;
}

/** Whether everything written since the innermost enclosing object started is frozen. */
let allFrozen = true;

const isPlain = (o: object): boolean => {
  if (Array.isArray(o)) return true;
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
};

/** Whether any of `values` is an object. */
function anyObject(values: readonly unknown[]): boolean {
  for (const v of values) if (typeof v === 'object' && v !== null) return true;
  return false;
}

/**
 * Appends the text of `v` (under `key`) to `out`; returns false, appending nothing, where JSON
 * leaves the value out. The pieces are joined once at the end, so each character of a kept
 * text is copied once into the result.
 */
function write(out: string[], v: unknown, key: string | number): boolean {
  switch (typeof v) {
    case 'string':
      out.push(ascii(JSON.stringify(v)));
      return true;
    case 'number':
      out.push(Number.isFinite(v) ? String(v) : 'null');
      return true;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return true;
    case 'object':
      if (v === null) out.push('null');
      else return writeObject(out, v, key);
      return true;
    case 'bigint':
      out.push(JSON.stringify(v)); // throws, as JSON.stringify does
      return true;
    default:
      return false;
  }
}

function writeObject(out: string[], o: object, key: string | number): boolean {
  const known = texts.get(o);
  if (known !== undefined) {
    out.push(known);
    return true;
  }
  const toJSON = (o as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function' || !isPlain(o)) {
    const written = typeof toJSON === 'function' ? write(out, toJSON.call(o, String(key)), key) : true;
    if (typeof toJSON !== 'function') out.push(ascii(JSON.stringify(o)));
    allFrozen = false; // after toJSON, which may itself have called `stringify`
    return written;
  }
  const isArray = Array.isArray(o);
  const values: readonly unknown[] = isArray ? o : Object.values(o);
  // Only primitives inside: JSON.stringify's own text (the same, and faster than a walk).
  if (!anyObject(values)) {
    const text = ascii(JSON.stringify(o));
    out.push(text);
    if (Object.isFrozen(o)) texts.set(o, text);
    else allFrozen = false;
    return true;
  }
  const outer = allFrozen;
  allFrozen = Object.isFrozen(o);
  const start = out.length;
  if (isArray) {
    out.push('[');
    for (let i = 0; i < values.length; i++) {
      if (i > 0) out.push(',');
      if (!write(out, values[i], i)) out.push('null');
    }
    out.push(']');
  } else {
    out.push('{');
    const names = Object.keys(o);
    let first = true;
    for (let i = 0; i < names.length; i++) {
      const mark = out.length;
      if (!first) out.push(',');
      out.push(keyText(names[i]!));
      if (write(out, values[i], names[i]!)) first = false;
      else out.length = mark;
    }
    out.push('}');
  }
  if (allFrozen) {
    // Kept as one string, which then stands for its pieces.
    const text = out.slice(start).join('');
    out.length = start;
    out.push(text);
    texts.set(o, text);
  }
  allFrozen = outer && allFrozen;
  return true;
}

/**
 * `prefix + ascii(JSON.stringify(value))` (undefined where JSON.stringify gives undefined),
 * reusing the text of frozen objects written before.
 */
export function stringify(value: unknown, prefix = ''): string | undefined {
  const out = [prefix];
  allFrozen = true;
  return write(out, value, '') ? out.join('') : undefined;
}
