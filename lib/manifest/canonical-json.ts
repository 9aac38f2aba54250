/**
 * Canonical JSON: object keys sorted by code point at every depth, two-space indentation, trailing newline.
 * Arrays keep their order (the Plan already sorts them), so the same input always gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonical(value), null, 2)}\n`;
}

/**
 * The value with its keys in code-point order at every depth and no `undefined` properties. A part that already is
 * is returned as it is, not copied: the manifest builds its own objects in that order, so only parts taken from
 * elsewhere cost a copy.
 */
function canonical(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = canonical(value[i]);
      if (copy) copy.push(item);
      else if (item !== value[i]) copy = [...value.slice(0, i), item];
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const child = record[keys[i]];
    const canonicalChild = canonical(child);
    if (child === undefined || canonicalChild !== child || (i > 0 && keys[i - 1] > keys[i])) {
      return sortedCopy(record, keys, i, canonicalChild);
    }
  }
  return record;
}

/** The sorted copy of a record whose keys before `at` are canonical as they are and whose key `at` is `atValue`. */
function sortedCopy(record: Record<string, unknown>, keys: readonly string[], at: number, atValue: unknown): Record<string, unknown> {
  // Each child is made canonical exactly once, so a deep tree costs one walk, whatever depth it needs copying at.
  const children = new Map<string, unknown>();
  for (let i = 0; i < at; i++) children.set(keys[i], record[keys[i]]);
  children.set(keys[at], atValue);
  for (let i = at + 1; i < keys.length; i++) children.set(keys[i], canonical(record[keys[i]]));
  const sorted: Record<string, unknown> = {};
  for (const key of [...keys].sort()) {
    const child = children.get(key);
    if (child !== undefined) sorted[key] = child;
  }
  return sorted;
}
