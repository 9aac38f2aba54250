/** A finding path segment as the scan writes it: names joined by dots, indexes and odd keys in brackets. */
export function pathOf(segments: readonly (string | number)[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) return `[${JSON.stringify(segment)}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/** `file:line#path` when the line is known, else `file#path`: the form scan findings point at source with. */
export function locatedPath(file: string, segments: readonly (string | number)[], line: number | undefined): string {
  return `${file}${line === undefined ? '' : `:${line}`}#${pathOf(segments)}`;
}
