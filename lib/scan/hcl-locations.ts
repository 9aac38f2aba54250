import type { HclBlock, HclBody, HclExpression } from './hcl-syntax';

type Located = { readonly body: HclBody; readonly line: number } | { readonly expression: HclExpression; readonly line: number };

/** `resource.aws_iam_role.deploy.inline_policy[1].policy.Statement[0]` as names and indexes. */
function segmentsOf(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map(([, index, name]) => (index !== undefined ? Number(index) : name));
}

/** Calls such as `jsonencode(…)` and a string that is one interpolation stand for what they hold. */
function unwrapped(expression: HclExpression): HclExpression {
  if (expression.kind === 'call' && expression.args.length === 1) return unwrapped(expression.args[0]);
  if (expression.kind === 'template' && expression.parts.length === 1) {
    const [part] = expression.parts;
    if (typeof part !== 'string' && part.expression) return unwrapped(part.expression);
  }
  return expression;
}

function step(located: Located, segment: string | number, next: string | number | undefined): { located: Located; consumed: number } | undefined {
  if ('body' in located) {
    if (typeof segment !== 'string') return undefined;
    const attribute = located.body.attributes.find((a) => a.name === segment);
    if (attribute) return { located: { expression: attribute.expression, line: attribute.line }, consumed: 1 };
    const blocks: readonly HclBlock[] = located.body.blocks.filter((b) => b.type === segment);
    const block = typeof next === 'number' ? blocks[next] : blocks[0];
    return block ? { located: { body: block.body, line: block.line }, consumed: typeof next === 'number' ? 2 : 1 } : undefined;
  }
  const expression = unwrapped(located.expression);
  if (expression.kind === 'object' && typeof segment === 'string') {
    const entry = expression.entries.find((e) => e.key === segment);
    return entry ? { located: { expression: entry.value, line: entry.line }, consumed: 1 } : undefined;
  }
  if (expression.kind === 'tuple' && typeof segment === 'number') {
    const item = expression.items[segment];
    return item ? { located: { expression: item, line: item.line }, consumed: 1 } : undefined;
  }
  return undefined;
}

/**
 * Where the elements of a `.tf` file are written: the line of the deepest part of `path` (a block address
 * `resource.TYPE.NAME` or `data.TYPE.NAME`, then attributes, nested blocks and keys of literal values) that the
 * file shows; undefined when not even the block is found.
 */
export function lineIn(body: HclBody, path: string): number | undefined {
  const [kind, type, name, ...rest] = segmentsOf(path);
  const block = body.blocks.find((b) => b.type === kind && b.labels[0] === type && b.labels[1] === name);
  if (!block) return undefined;
  let located: Located = { body: block.body, line: block.line };
  for (let index = 0; index < rest.length; ) {
    const found = step(located, rest[index], rest[index + 1]);
    if (!found) break;
    located = found.located;
    index += found.consumed;
  }
  return located.line;
}
