/** Elements grouped by a key, in their order: rendering looks each group up once instead of filtering per workload. */
export function groupBy<T>(elements: readonly T[], key: (element: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const element of elements) {
    const group = groups.get(key(element));
    if (group) group.push(element);
    else groups.set(key(element), [element]);
  }
  return groups;
}
