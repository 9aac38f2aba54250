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
      const item = value[i];
      const canonicalItem = typeof item === 'object' && item !== null ? canonical(item) : item;
      if (copy) copy.push(canonicalItem);
      else if (canonicalItem !== item) copy = [...value.slice(0, i), canonicalItem];
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const prototype = Object.getPrototypeOf(record);
  // A plain object's keys are read without allocating their list: for-in visits exactly its own keys, in order.
  if (prototype !== Object.prototype && prototype !== null) return canonicalKeys(record, Object.keys(record));
  let previous: string | undefined;
  let at = 0;
  for (const key in record) {
    const child = record[key];
    const canonicalChild = typeof child === 'object' && child !== null ? canonical(child) : child;
    if (child === undefined || canonicalChild !== child || (previous !== undefined && previous > key)) {
      return sortedCopy(record, Object.keys(record), at, canonicalChild);
    }
    previous = key;
    at++;
  }
  return record;
}

/** `canonical` of a record by its list of keys. */
function canonicalKeys(record: Record<string, unknown>, keys: readonly string[]): unknown {
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
  // fromEntries defines each key as its own property: assigning `__proto__` would set the prototype and lose the key.
  return Object.fromEntries([...keys].sort().flatMap((key) => (children.get(key) === undefined ? [] : [[key, children.get(key)]])));
}
