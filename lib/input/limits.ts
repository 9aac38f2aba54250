import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * Bounds on what workload-iam reads (declarations, templates, Terraform), so hostile input is refused with one
 * clear line instead of exhausting memory or the stack. Legitimate input is far below each: the bundled example is
 * ~10 KB, 6 levels deep, and a large declaration of 10,000 workloads is ~3 MB.
 */
export const INPUT_LIMITS = {
  /** Bytes of one file. */
  bytes: 16 * 1024 * 1024,
  /** Levels of nested mappings and lists. */
  depth: 64,
  /** Nodes of a YAML document once every alias is expanded (a "billion laughs" document expands exponentially). */
  expandedNodes: 1_000_000,
} as const;

/** Input that cannot be read safely: beyond a bound, not text, or aliases that cannot be expanded. */
export class InputLimitError extends Error {}

const MIB = 1024 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The file's bytes as text: refused when too large, binary (NUL bytes) or not UTF-8. */
export function decodeInput(bytes: Uint8Array): string {
  if (bytes.byteLength > INPUT_LIMITS.bytes) {
    throw new InputLimitError(`the file is ${(bytes.byteLength / MIB).toFixed(1)} MiB; at most ${INPUT_LIMITS.bytes / MIB} MiB is read`);
  }
  if (bytes.includes(0)) throw new InputLimitError('the file is binary (it holds NUL bytes), not text');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new InputLimitError('the file is not UTF-8 text');
  }
  return text.replace(/^\uFEFF/, '');
}

const tooDeep = () => new InputLimitError(`nesting is deeper than ${INPUT_LIMITS.depth} levels`);

/**
 * Refuses text whose brackets nest too deeply, before a parser recurses into them (JSON, and YAML flow
 * collections). Brackets inside quoted strings do not count; the scan is linear and needs no stack.
 */
export function checkBracketDepth(text: string): void {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // A YAML apostrophe inside a plain word (it's) opens no string.
      if (c === '"' || !/[\w]/.test(text[i - 1] ?? '')) quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > INPUT_LIMITS.depth) throw tooDeep();
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (c === '\n') {
      // Quotes do not span lines in the flow forms this guards; an unbalanced quote must not hide what follows.
      quote = undefined;
    }
  }
}

/** Refuses parsed data nested too deeply for the recursive readers that follow; iterative, so any depth is safe. */
export function checkDataDepth(value: unknown): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= INPUT_LIMITS.depth) throw tooDeep();
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}

/** The children of a YAML node: pair keys and values, list items. */
function childrenOf(node: unknown): unknown[] {
  if (isMap(node) || isSeq(node)) return node.items;
  if (isPair(node)) return [node.key, node.value];
  return [];
}

/**
 * Refuses a YAML document nested too deeply, or whose aliases expand beyond `expandedNodes` nodes. Each anchored
 * node's expanded size is computed once, so the check is linear in the document, however the aliases multiply.
 */
export function checkYamlDocument(document: Document): void {
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  // An explicit post-order walk: the document may be deep, the stack may not.
  const stack: { node: unknown; depth: number; entered: boolean }[] = [{ node: document.contents, depth: 0, entered: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const node = isAlias(top.node) ? (top.node.resolve(document) as Node | undefined) : top.node;
    if (isAlias(top.node) && node === undefined) throw new InputLimitError(`the alias *${top.node.source} refers to no anchor set before it`);
    if (sizes.has(node)) {
      stack.pop();
      continue;
    }
    if (!top.entered) {
      if (open.has(node)) throw new InputLimitError('an alias refers to the node that contains it: the document would never end');
      if (top.depth > INPUT_LIMITS.depth) throw tooDeep();
      top.entered = true;
      open.add(node);
      // A mapping's pair is not a level of its own: its key and value sit one level below the mapping.
      const depth = isPair(node) ? top.depth : top.depth + 1;
      for (const child of childrenOf(node)) stack.push({ node: child, depth, entered: false });
      continue;
    }
    stack.pop();
    open.delete(node);
    const size = 1 + childrenOf(node).reduce<number>((sum, child) => sum + (sizes.get(isAlias(child) ? child.resolve(document) : child) ?? 0), 0);
    if (size > INPUT_LIMITS.expandedNodes) {
      throw new InputLimitError(`aliases expand the document beyond ${INPUT_LIMITS.expandedNodes.toLocaleString('en-US')} nodes; write the repeated parts out or anchor less`);
    }
    sizes.set(node, isScalar(node) || node === null || node === undefined ? 1 : size);
  }
}
