import type { LocatedPolicy } from './aws-role';
import type { ScanProblem } from './reading';
import { nestedBlocks, type TerraformBlock } from './terraform-json';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** One `statement` block of an `aws_iam_policy_document` data source as an IAM JSON statement. */
function iamStatement(block: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const principals: Record<string, unknown[]> = {};
  let anyone = false;
  for (const principal of nestedBlocks(block.principals)) {
    const type = String(principal.type);
    if (type === '*') anyone = true;
    else principals[type] = [...(principals[type] ?? []), ...list(principal.identifiers)];
  }
  // Values of repeated condition blocks on one key are kept together: never narrower than the document.
  const condition: Record<string, Record<string, unknown[]>> = {};
  for (const test of nestedBlocks(block.condition)) {
    const [operator, key] = [String(test.test), String(test.variable)];
    condition[operator] = { ...condition[operator], [key]: [...(condition[operator]?.[key] ?? []), ...list(test.values)] };
  }
  const field = (name: string, value: unknown) => (value === undefined ? {} : { [name]: value });
  return {
    Effect: block.effect ?? 'Allow',
    ...(anyone ? { Principal: '*' } : Object.keys(principals).length > 0 ? { Principal: principals } : {}),
    ...field('Action', block.actions),
    ...field('NotAction', block.not_actions),
    ...field('Resource', block.resources),
    ...field('NotResource', block.not_resources),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

/**
 * The policy an `aws_iam_policy_document` data source renders, located at its `statement` blocks. Documents it
 * merges in (`source_policy_documents`, `override_policy_documents`) are not read, and say so.
 */
export function policyDocumentOf(block: TerraformBlock): { policy: LocatedPolicy; problems: ScanProblem[] } {
  const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].filter((key) => block.body[key] !== undefined);
  return {
    policy: { document: { statement: nestedBlocks(block.body.statement).map(iamStatement) }, path: block.path, statementKey: 'statement' },
    problems: merged.map((key) => ({ path: `${block.path}.${key}`, message: 'merged policy documents are not read; judge their statements by hand' })),
  };
}
