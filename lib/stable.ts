import * as crypto from 'node:crypto';
import { memoized } from './memo';

/**
 * The digest of a text in one call: `crypto.hash` (Node 20.12 and later) builds no Hash object, which matters for
 * the tens of thousands of names a large Plan derives; earlier Node 20 releases take the streaming API.
 */
function hashOf(algorithm: 'sha1' | 'sha256', text: string): Buffer {
  return typeof crypto.hash === 'function' ? crypto.hash(algorithm, text, 'buffer') : crypto.createHash(algorithm).update(text).digest();
}

/** The text a digest is taken of: the parts joined by a character no name holds. */
const digestText = (parts: readonly string[]): string => parts.join('\u0000');

function hexDigest(text: string, length: number): string {
  return hashOf('sha256', text).toString('hex', 0, Math.ceil(length / 2)).slice(0, length);
}

/** A short, stable digest of its parts: ids derived from names, never from order or time. */
export function digest(parts: readonly string[], length = 8): string {
  return hexDigest(digestText(parts), length);
}

const rememberedDigest = memoized((text: string) => hexDigest(text, 8));

/** `digest` of parts that recur (thousands of identities naming a few providers): each distinct one is hashed once. */
export function recurringDigest(parts: readonly string[]): string {
  return rememberedDigest(digestText(parts));
}

/** A deterministic GUID (name-based, RFC 4122 version 5 layout) for resources that must be named by GUID. */
export function stableGuid(parts: readonly string[]): string {
  const bytes = hashOf('sha1', digestText(parts)).subarray(0, 16);
  bytes[6] = (bytes[6] % 0x10) + 0x50; // version 5
  bytes[8] = (bytes[8] % 0x40) + 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The distinct values in code-unit order, as a new array. */
export function sortedUnique<T extends string>(values: Iterable<T>): T[] {
  const list = Array.isArray(values) ? (values as readonly T[]) : [...values];
  // Nearly every list the Plan sorts is empty, one item, or already in order: strictly increasing needs no set or sort.
  let increasing = true;
  for (let i = 1; i < list.length && increasing; i++) increasing = list[i - 1] < list[i];
  if (!increasing) return [...new Set(list)].sort();
  return list === values ? list.slice() : (list as T[]);
}

/** The distinct indexes (identity or grant positions) in increasing order, as a new array. */
export function sortedIndexes(indexes: readonly number[]): number[] {
  let increasing = true;
  for (let i = 1; i < indexes.length && increasing; i++) increasing = indexes[i - 1] < indexes[i];
  return increasing ? indexes.slice() : [...new Set(indexes)].sort((a, b) => a - b);
}

/** A sorted copy, by a string key computed once per item (code-unit order, independent of locale). */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  // Most of the Plan's lists have one item: its key (often a JSON text) need not be computed.
  if (items.length < 2) return [...items];
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.item);
}

/**
 * Code-unit order of two strings, for comparators that compare fields in turn: the order of the fields joined with a
 * separator below every character they may hold, without building and hashing a long joined key per item.
 */
export function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Items grouped by a key, each group in the items' order: looked up once instead of filtered for every key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** A copy with its keys in code-unit order, so every engine renders it in the same order. */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const keys = Object.keys(record);
  // Most records are small and already in order: sorting is skipped, not just cheap.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  }
  // fromEntries defines every key as its own property, `__proto__` included.
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}

/** Freezes a plain-data tree so no engine can mutate the Plan. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // Indexed and keyed loops: no array of the values is allocated for each of the Plan's many small objects.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    } else {
      const record = value as Record<string, unknown>;
      for (const key in record) deepFreeze(record[key]);
    }
  }
  return value;
}
