/** Canonical JSON and a 64-bit FNV-1a style content hash, pure and portable (section 1: record hashes). */

/** Reorders an object's keys when they are not already sorted (JSON.stringify replacer). */
function sortKeys(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return v;
  const r: Record<string, unknown> = {};
  for (const k of keys.sort()) r[k] = o[k];
  return r;
}

/** JSON with object keys sorted, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'null';
}

/** Two independent 32-bit FNV-1a lanes → 16 hex digits. */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return hex(h1) + hex(h2);
}

export const hashValue = (value: unknown): string => hashText(canonicalJson(value));

/**
 * Hash of engine-built data (match states, log entries). The engine creates every object
 * with its keys in a fixed order, and JSON, structuredClone and spreads keep that order,
 * so plain JSON text is already canonical for a given rules version — and four times
 * cheaper than sorting keys. Data from outside (scenario files) goes through `hashValue`.
 */
export const hashEngineData = (value: unknown): string => hashText(JSON.stringify(value) ?? 'null');
