/**
 * A pure function of one string, remembered: a declaration names a few issuers thousands of times, and reading one
 * means parsing a URL. Results are frozen, since every caller shares them; the memory is bounded, and forgetting
 * changes no result, only how long the next read takes.
 */
export function memoized<T>(read: (key: string) => T, capacity = 4096): (key: string) => T {
  const remembered = new Map<string, T>();
  return (key) => {
    if (remembered.has(key)) return remembered.get(key) as T;
    const value = read(key);
    if (remembered.size >= capacity) remembered.clear();
    remembered.set(key, value && typeof value === 'object' ? Object.freeze(value) : value);
    return value;
  };
}
