import { managedPolicyStatements } from './aws-managed-policies';
import type { Reading, ScanProblem } from './reading';
import { isUnresolved, readable, widenView } from './unresolved';
import { resourceWildcardReasonOf } from '../catalogue/access';
import { awsStatementView } from '../trust/aws-view';
import type { PermissionView, SessionView } from '../trust/permission-view';
import type { ClaimTest, TrustView } from '../trust/trust-view';

/** A policy document where it was found: a JSON object, JSON text, or an unresolved placeholder. */
export interface LocatedPolicy {
  readonly document: unknown;
  readonly path: string;
  /** The key statements are listed under: `Statement` in IAM JSON, `statement` in a Terraform policy document. */
  readonly statementKey?: string;
}

export interface LocatedValue {
  readonly value: unknown;
  readonly path: string;
}

/** An IAM role written by anyone, its intrinsics or interpolations already turned into placeholders. */
export interface ForeignRole {
  /** The role's logical id or Terraform address. */
  readonly resource: string;
  readonly trustPolicy: LocatedPolicy;
  /** Inline and attached policy documents. */
  readonly policies: readonly LocatedPolicy[];
  readonly managedPolicyArns: readonly LocatedValue[];
  readonly maxSessionDuration?: LocatedValue;
}

interface LocatedStatement {
  readonly statement: Readonly<Record<string, unknown>>;
  readonly path: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

const texts = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(asText).filter((text): text is string => text !== undefined);

const cannotResolve = (path: string, what: string, value: string): ScanProblem => ({
  path,
  message: `${what} is ${readable(value)}, which cannot be resolved here; judge it by hand`,
});

/** The statements of a policy document, each with its path; what cannot be read becomes a problem. */
function statementsOf(policy: LocatedPolicy, what: string): { statements: LocatedStatement[]; problems: ScanProblem[] } {
  let document = policy.document;
  if (document === undefined) return { statements: [], problems: [] };
  if (typeof document === 'string') {
    const text = document;
    try {
      document = JSON.parse(text);
    } catch (error) {
      const problem = isUnresolved(text)
        ? cannotResolve(policy.path, `the ${what}`, text)
        : { path: policy.path, message: `the ${what} is not valid JSON: ${(error as Error).message}` };
      return { statements: [], problems: [problem] };
    }
  }
  if (!isRecord(document)) return { statements: [], problems: [{ path: policy.path, message: `the ${what} is not a policy document` }] };
  const key = policy.statementKey ?? 'Statement';
  const listed = document[key];
  if (typeof listed === 'string') return { statements: [], problems: [cannotResolve(`${policy.path}.${key}`, `the ${what}'s statement list`, listed)] };
  // A single statement may stand without a list around it.
  const entries = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
  const statements: LocatedStatement[] = [];
  const problems: ScanProblem[] = [];
  entries.forEach((statement, index) => {
    const path = Array.isArray(listed) ? `${policy.path}.${key}[${index}]` : `${policy.path}.${key}`;
    if (isRecord(statement)) statements.push({ statement, path });
    else if (typeof statement === 'string') problems.push(cannotResolve(path, 'this statement', statement));
  });
  return { statements, problems };
}

/** An unresolved `Effect` may be `Allow`, so only a literal other effect is skipped. */
const allows = (statement: Readonly<Record<string, unknown>>) => typeof statement.Effect !== 'string' || isUnresolved(statement.Effect) || statement.Effect === 'Allow';

const textualValues = (values: unknown) => (Array.isArray(values) ? texts(values) : (asText(values) ?? values));

/** Condition values as IAM compares them: text (YAML may have read `123456` as a number). */
function textualCondition(condition: unknown): unknown {
  if (!isRecord(condition)) return condition;
  return Object.fromEntries(
    Object.entries(condition).map(([operator, keys]) => [
      operator,
      isRecord(keys) ? Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, textualValues(values)])) : keys,
    ]),
  );
}

/**
 * A condition block, or one operator of it, that is a single placeholder (e.g. `Fn::If … AWS::NoValue`) may be
 * absent: it is judged as if it were, kept only as a test that pins nothing, and reported.
 */
function unresolvedConditions(condition: unknown, path: string): { tests: ClaimTest[]; problems: ScanProblem[] } {
  const blocks: [string, string][] =
    typeof condition === 'string'
      ? [['Condition', condition]]
      : isRecord(condition)
        ? Object.entries(condition).flatMap(([operator, keys]) => (typeof keys === 'string' ? [[`Condition.${operator}`, keys] as [string, string]] : []))
        : [];
  return {
    tests: blocks.map(([where, value]) => ({ claim: '', match: 'opaque', values: [], text: `${where} ${readable(value)}` })),
    problems: blocks.map(([where, value]) => ({
      path: `${path}.${where}`,
      message: `the condition is ${readable(value)}, which cannot be resolved here; it is judged as if absent`,
    })),
  };
}

/**
 * The provider host a `Federated` principal names. When the ARN cannot be resolved, the condition keys
 * (`<provider host>:sub`) name the same provider, as IAM requires; global keys (`aws:…`, `sts:…`) name no host.
 */
function providerHost(federated: string, condition: unknown): string {
  const provider = /:oidc-provider\/(.+)$/.exec(federated)?.[1];
  if (provider !== undefined && !isUnresolved(provider)) return provider;
  if (!isUnresolved(federated)) return federated;
  const keys = isRecord(condition) ? Object.values(condition).flatMap((block) => (isRecord(block) ? Object.keys(block) : [])) : [];
  const fromKeys = keys.map((key) => key.slice(0, key.lastIndexOf(':'))).find((host) => host.includes('.') && !isUnresolved(host));
  return fromKeys ?? readable(federated);
}

function trustViews(role: ForeignRole, statements: readonly LocatedStatement[]): { views: TrustView[]; problems: ScanProblem[] } {
  const views: TrustView[] = [];
  const problems: ScanProblem[] = [];
  for (const { statement, path } of statements.filter(({ statement: s }) => allows(s))) {
    const principal = statement.Principal;
    if (typeof principal === 'string' && isUnresolved(principal)) {
      problems.push(cannotResolve(`${path}.Principal`, 'the principal', principal));
      continue;
    }
    const condition = textualCondition(statement.Condition);
    const unknown = unresolvedConditions(condition, path);
    const federated = isRecord(principal) ? texts(principal.Federated) : [];
    // One view per federated provider: each admits its own tokens under the same conditions.
    const principals =
      federated.length > 0 ? federated.map((value) => ({ ...(principal as object), Federated: providerHost(value, condition) })) : [principal];
    for (const each of principals) {
      const view = awsStatementView(
        { Effect: 'Allow', Principal: each, Condition: condition },
        { where: { resource: role.resource, path }, access: 'unknown' },
      );
      if (view) views.push(widenView({ ...view, tests: [...view.tests, ...unknown.tests] }));
    }
    if (views.some((view) => view.where.path === path)) problems.push(...unknown.problems);
  }
  return { views, problems };
}

function permissionView(role: ForeignRole, statement: Readonly<Record<string, unknown>>, path: string): PermissionView | undefined {
  const actions = statement.NotAction !== undefined ? [`* except ${texts(statement.NotAction).map(readable).join(', ')}`] : texts(statement.Action).map(readable);
  // Everything but the listed resources is as wide as "*".
  const resources = statement.NotResource !== undefined ? ['*'] : texts(statement.Resource).map(readable);
  if (actions.length === 0) return undefined;
  const reason = resources.includes('*') ? resourceWildcardReasonOf(actions) : undefined;
  return { cloud: 'aws', actions, resources, ...(reason ? { resourceWildcardReason: reason } : {}), where: { resource: role.resource, path } };
}

function sessionOf(role: ForeignRole): { seconds?: number; problems: ScanProblem[] } {
  const located = role.maxSessionDuration;
  const text = asText(located?.value);
  if (located === undefined || text === undefined) return { problems: [] };
  if (isUnresolved(text)) return { problems: [cannotResolve(located.path, 'the maximum session duration', text)] };
  const seconds = Number(text);
  return Number.isFinite(seconds) ? { seconds, problems: [] } : { problems: [{ path: located.path, message: `the maximum session duration "${text}" is not a number of seconds` }] };
}

/**
 * A role's web-identity (or anyone) admissions, with the permissions and session length they lead to. A role that
 * admits no token (it trusts a service or an AWS principal) is not workload identity trust, and is not judged.
 */
export function readAwsRole(role: ForeignRole): Reading {
  const trust = statementsOf(role.trustPolicy, 'trust policy');
  const session = sessionOf(role);
  const admissions = trustViews(role, trust.statements);
  const problems = [...trust.problems, ...admissions.problems];
  if (admissions.views.length === 0) return { resources: [], problems };
  const policies = role.policies.map((policy) => statementsOf(policy, 'policy'));
  const permissions = [
    ...policies.flatMap(({ statements }) =>
      statements.filter(({ statement }) => allows(statement)).map(({ statement, path }) => permissionView(role, statement, path)),
    ),
    ...role.managedPolicyArns.flatMap(({ value, path }) =>
      typeof value === 'string' ? managedPolicyStatements(value).map((statement) => permissionView(role, statement, path)) : [],
    ),
  ].filter((view): view is PermissionView => view !== undefined);
  const sessions: SessionView[] =
    session.seconds !== undefined && role.maxSessionDuration
      ? [{ seconds: session.seconds, where: { resource: role.resource, path: role.maxSessionDuration.path } }]
      : [];
  return {
    resources: [{ trust: admissions.views, permissions, sessions }],
    problems: [...problems, ...session.problems, ...policies.flatMap((p) => p.problems)],
  };
}
