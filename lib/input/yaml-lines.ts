import { isMap, isNode, isScalar, type Document, type LineCounter } from 'yaml';

/**
 * The 1-based line of the node at `path` in a parsed YAML (or JSON) document, or of its nearest ancestor that exists,
 * so a problem or finding can point at the source.
 */
export function lineOfPath(document: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const start = startOf(document, path.slice(0, length));
    if (start !== undefined) return lineCounter.linePos(start).line;
  }
  return undefined;
}

/**
 * Where the node at `path` starts. A mapping entry starts at its key: the problem is about that entry, and the
 * value of a block entry (`aws-staging:` followed by a list) only starts on the next line.
 */
function startOf(document: Document, path: readonly (string | number)[]): number | undefined {
  if (path.length > 0) {
    const parent = document.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const last = String(path[path.length - 1]);
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === last);
      return pair && isNode(pair.key) ? pair.key.range?.[0] : undefined;
    }
  }
  const node = document.getIn(path, true);
  return isNode(node) ? node.range?.[0] : undefined;
}
