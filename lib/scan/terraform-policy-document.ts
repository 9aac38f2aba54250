import type { LocatedPolicy, UnreadablePart } from './aws-role';
import { nestedBlocks, referenceOf, type TerraformBlock } from './terraform-json';
import { readable } from './unresolved';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** A statement in IAM JSON form, where it is written. */
interface LocatedStatement {
  readonly statement: Record<string, unknown>;
  readonly path: string;
}

/** Statements and what could not be read, as one document's or a merge's. */
interface Merged {
  readonly statements: LocatedStatement[];
  readonly unreadable: UnreadablePart[];
}

/** `dynamic "NAME"` blocks of a body: their content is generated from values scan does not know. */
export function dynamicParts(body: Readonly<Record<string, unknown>>, path: string, names: readonly string[]): UnreadablePart[] {
  return nestedBlocks(body.dynamic).flatMap((dynamic) =>
    names.flatMap((name) =>
      nestedBlocks(dynamic[name]).map((generated) => ({
        what: `the ${name} blocks of dynamic "${name}"`,
        value: readable(typeof generated.for_each === 'string' ? `for_each = ${generated.for_each}` : 'for_each'),
        path: `${path}.dynamic.${name}`,
      })),
    ),
  );
}

/** One `statement` block of an `aws_iam_policy_document` data source as an IAM JSON statement. */
function iamStatement(block: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const principals: Record<string, unknown[]> = {};
  let anyone = false;
  for (const principal of nestedBlocks(block.principals)) {
    const type = String(principal.type);
    if (type === '*') anyone = true;
    else principals[type] = [...(principals[type] ?? []), ...list(principal.identifiers)];
  }
  const notPrincipals = nestedBlocks(block.not_principals);
  // Values of repeated condition blocks on one key are kept together: never narrower than the document.
  const condition: Record<string, Record<string, unknown[]>> = {};
  for (const test of nestedBlocks(block.condition)) {
    const [operator, key] = [String(test.test), String(test.variable)];
    condition[operator] = { ...condition[operator], [key]: [...(condition[operator]?.[key] ?? []), ...list(test.values)] };
  }
  const field = (name: string, value: unknown) => (value === undefined ? {} : { [name]: value });
  return {
    ...field('Sid', block.sid),
    Effect: block.effect ?? 'Allow',
    ...(anyone ? { Principal: '*' } : Object.keys(principals).length > 0 ? { Principal: principals } : {}),
    ...(notPrincipals.length > 0 ? { NotPrincipal: notPrincipals.map((p) => p.identifiers) } : {}),
    ...field('Action', block.actions),
    ...field('NotAction', block.not_actions),
    ...field('Resource', block.resources),
    ...field('NotResource', block.not_resources),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

/** Merged in order: a statement with the sid of an earlier one replaces it; the others are added. */
function merge(into: LocatedStatement[], statements: readonly LocatedStatement[]): LocatedStatement[] {
  const merged = [...into];
  for (const statement of statements) {
    const sid = statement.statement.Sid;
    const same = typeof sid === 'string' && sid !== '' ? merged.findIndex((s) => s.statement.Sid === sid) : -1;
    if (same >= 0) merged[same] = statement;
    else merged.push(statement);
  }
  return merged;
}

class PolicyDocuments {
  /** Documents being read, so two documents that merge each other cannot loop. */
  private readonly reading = new Set<string>();

  constructor(private readonly byAddress: ReadonlyMap<string, TerraformBlock>) {}

  /**
   * What an `aws_iam_policy_document` renders: the statements of `source_policy_documents` (and `source_json`), its
   * own `statement` blocks, then `override_policy_documents` (and `override_json`), later ones replacing earlier
   * statements of the same sid, as the AWS provider merges them.
   */
  of(block: TerraformBlock): Merged {
    if (this.reading.has(block.address)) return { statements: [], unreadable: [{ what: 'the merged policy document', value: `\${${block.address}.json}`, path: block.path }] };
    this.reading.add(block.address);
    const body = block.body;
    const merged = (key: string) => this.documents(body[key], `${block.path}.${key}`);
    const sources = [merged('source_json'), merged('source_policy_documents')];
    const own: LocatedStatement[] = nestedBlocks(body.statement).map((statement, index) => ({ statement: iamStatement(statement), path: `${block.path}.statement[${index}]` }));
    const overrides = [merged('override_json'), merged('override_policy_documents')];
    const statements = [...sources.map((s) => s.statements), own, ...overrides.map((s) => s.statements)].reduce(merge, []);
    const unreadable = [
      ...[...sources, ...overrides].flatMap((s) => s.unreadable),
      ...dynamicParts(body, block.path, ['statement']),
      ...nestedBlocks(body.statement).flatMap((statement, index) => dynamicParts(statement, `${block.path}.statement[${index}]`, ['principals', 'not_principals', 'condition'])),
    ];
    this.reading.delete(block.address);
    return { statements, unreadable };
  }

  /** The statements of documents given as a list (or one string): references to data sources, JSON text, objects. */
  private documents(value: unknown, path: string): Merged {
    if (value === undefined) return { statements: [], unreadable: [] };
    if (!Array.isArray(value)) return typeof value === 'string' && path.endsWith('_json') ? this.document(value, path) : this.cannotRead(value, path);
    const each = value.map((document, index) => this.document(document, `${path}[${index}]`));
    return { statements: each.flatMap((d) => d.statements), unreadable: each.flatMap((d) => d.unreadable) };
  }

  private document(value: unknown, path: string): Merged {
    const reference = referenceOf(value);
    const source = reference && ['json', 'minified_json'].includes(reference.attribute) ? this.byAddress.get(reference.address) : undefined;
    if (source?.kind === 'data' && source.type === 'aws_iam_policy_document') return this.of(source);
    let document = value;
    if (typeof document === 'string') {
      try {
        document = JSON.parse(document);
      } catch {
        return this.cannotRead(value, path);
      }
    }
    if (!isRecord(document)) return this.cannotRead(value, path);
    const listed = document.Statement;
    const statements = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
    if (typeof listed === 'string' || !statements.every(isRecord)) return this.cannotRead(value, path);
    return { statements: statements.map((statement, index) => ({ statement, path: `${path}.Statement[${index}]` })), unreadable: [] };
  }

  private cannotRead(value: unknown, path: string): Merged {
    return { statements: [], unreadable: [{ what: 'the merged policy document', value: typeof value === 'string' ? readable(value) : JSON.stringify(value) ?? 'nothing', path }] };
  }
}

/** The policy an `aws_iam_policy_document` data source renders, each statement located where it is written. */
export function policyDocumentOf(block: TerraformBlock, byAddress: ReadonlyMap<string, TerraformBlock>): LocatedPolicy {
  const { statements, unreadable } = new PolicyDocuments(byAddress).of(block);
  return {
    document: { Statement: statements.map((s) => s.statement) },
    path: block.path,
    statementPaths: statements.map((s) => s.path),
    unreadableParts: unreadable,
  };
}
