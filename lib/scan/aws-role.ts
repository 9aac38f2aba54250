import { managedPolicyStatements } from './aws-managed-policies';
import type { Reading, ScanProblem } from './reading';
import { isUnresolved, isWhollyUnknown, readable, widenView } from './unresolved';
import { resourceWildcardReasonOf } from '../catalogue/access';
import { awsActionOnlyReads } from '../catalogue/aws-action-access';
import type { ResourceAcknowledgements } from '../rules/check';
import { awsStatementView } from '../trust/aws-view';
import type { PermissionView, SessionView } from '../trust/permission-view';
import type { TrustLocation, TrustView } from '../trust/trust-view';
import type { UnreadableView } from '../trust/unreadable-view';

/** A policy document where it was found: a JSON object, JSON text, or an unresolved placeholder. */
export interface LocatedPolicy {
  readonly document: unknown;
  readonly path: string;
  /** The key statements are listed under: `Statement` in IAM JSON, `statement` in a Terraform policy document. */
  readonly statementKey?: string;
  /** Where each listed statement is written, when that is not `path.statementKey[index]` (merged documents). */
  readonly statementPaths?: readonly string[];
  /** Parts of the document that cannot be read (a merged document from `file()`, a `dynamic` block). */
  readonly unreadableParts?: readonly UnreadablePart[];
}

/** A part of a policy that cannot be read, where it is written. */
export interface UnreadablePart {
  /** What the part is, e.g. `the merged policy document`. */
  readonly what: string;
  readonly value: string;
  readonly path: string;
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
  /** The workload-iam workload the role renders, as its template records it (see workload-metadata.ts). */
  readonly workload?: string;
  /** The rules acknowledged for the role where it is written (its template's workload-iam metadata). */
  readonly acknowledgements?: ResourceAcknowledgements;
}

/** Where a finding on the role points: the role, its workload when its template records one, and the path. */
function whereOf(role: ForeignRole, path: string): TrustLocation {
  return { resource: role.resource, ...(role.workload !== undefined ? { workload: role.workload } : {}), path };
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

/** What a trust or a permission policy that cannot be read may be at worst. */
const WORST: Readonly<Record<PolicyKind, string>> = {
  'trust policy': 'it may admit any principal',
  'policy': 'it may grant any action on any resource',
};

type PolicyKind = 'trust policy' | 'policy';

/** What one policy document yields: its statements, what cannot be read, and what is not a policy at all. */
interface ReadStatements {
  readonly statements: LocatedStatement[];
  readonly unreadable: UnreadableView[];
  readonly problems: ScanProblem[];
}

/** The statements of a policy document, each with its path; a part that cannot be read is judged as wide as it may be. */
function statementsOf(role: ForeignRole, policy: LocatedPolicy, kind: PolicyKind): ReadStatements {
  const cannotRead = (path: string, what: string, value: string): UnreadableView => ({
    what,
    value: readable(value),
    worst: WORST[kind],
    where: whereOf(role, path),
  });
  const parts = (policy.unreadableParts ?? []).map((part) => cannotRead(part.path, part.what, part.value));
  let document = policy.document;
  if (document === undefined) return { statements: [], unreadable: parts, problems: [] };
  if (typeof document === 'string') {
    const text = document;
    try {
      document = JSON.parse(text);
    } catch (error) {
      if (isUnresolved(text)) return { statements: [], unreadable: [...parts, cannotRead(policy.path, `the ${kind}`, text)], problems: [] };
      return { statements: [], unreadable: parts, problems: [{ path: policy.path, message: `the ${kind} is not valid JSON: ${(error as Error).message}` }] };
    }
  }
  if (!isRecord(document)) return { statements: [], unreadable: parts, problems: [{ path: policy.path, message: `the ${kind} is not a policy document` }] };
  const key = policy.statementKey ?? 'Statement';
  const listed = document[key];
  if (typeof listed === 'string') return { statements: [], unreadable: [...parts, cannotRead(`${policy.path}.${key}`, `the ${kind}'s statement list`, listed)], problems: [] };
  // A single statement may stand without a list around it.
  const entries = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
  const statements: LocatedStatement[] = [];
  const unreadable = [...parts];
  entries.forEach((statement, index) => {
    const path = policy.statementPaths?.[index] ?? (Array.isArray(listed) ? `${policy.path}.${key}[${index}]` : `${policy.path}.${key}`);
    if (isRecord(statement)) statements.push({ statement, path });
    else if (typeof statement === 'string') unreadable.push(cannotRead(path, `a statement of the ${kind}`, statement));
  });
  return { statements, unreadable, problems: [] };
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
 * A condition block, or one operator of it, that is a single placeholder (a parameter, an import) may be absent, and
 * conditions only ever narrow: it is judged as absent, and as a value that cannot be read.
 */
function unreadableConditions(condition: unknown, path: string): { condition: unknown; unreadable: [string, string][] } {
  if (typeof condition === 'string') return { condition: undefined, unreadable: [[`${path}.Condition`, condition]] };
  if (!isRecord(condition)) return { condition, unreadable: [] };
  const blocks = Object.entries(condition);
  return {
    condition: Object.fromEntries(blocks.filter(([, keys]) => typeof keys !== 'string')),
    unreadable: blocks.flatMap(([operator, keys]) => (typeof keys === 'string' ? [[`${path}.Condition.${operator}`, keys] as [string, string]] : [])),
  };
}

/** A principal value that may be "*": a placeholder standing for the whole value. */
function wildPrincipal(principal: unknown): string | undefined {
  if (typeof principal === 'string') return isWhollyUnknown(principal) ? principal : undefined;
  if (!isRecord(principal)) return undefined;
  return [principal.AWS, principal.Federated]
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .find((value): value is string => typeof value === 'string' && isWhollyUnknown(value));
}

/**
 * The provider host a `Federated` principal names. When the ARN cannot be resolved, the condition keys
 * (`<provider host>:sub`) name the same provider, as IAM requires; global keys (`aws:…`, `sts:…`) name no host.
 */
function providerHost(federated: string, condition: unknown): string | undefined {
  const provider = /:oidc-provider\/(.+)$/.exec(federated)?.[1];
  if (provider !== undefined && !isUnresolved(provider)) return provider;
  if (!isUnresolved(federated)) return federated;
  const keys = isRecord(condition) ? Object.values(condition).flatMap((block) => (isRecord(block) ? Object.keys(block) : [])) : [];
  return keys.map((key) => key.slice(0, key.lastIndexOf(':')).toLowerCase()).find((host) => host.includes('.') && !isUnresolved(host));
}

/** What the role's permissions let it do, and why, as a trust view records it. */
type RoleAccess = Pick<TrustView, 'access' | 'accessReason'>;

function trustViews(
  role: ForeignRole,
  statements: readonly LocatedStatement[],
  access: RoleAccess,
): { views: TrustView[]; unreadable: UnreadableView[] } {
  const views: TrustView[] = [];
  const unreadable: UnreadableView[] = [];
  const cannotRead = (path: string, what: string, value: string, worst: string) =>
    unreadable.push({ what, value: readable(value), worst, where: whereOf(role, path) });
  for (const { statement, path } of statements.filter(({ statement: s }) => allows(s))) {
    const read = unreadableConditions(textualCondition(statement.Condition), path);
    const condition = read.condition;
    const principal = statement.Principal;
    const federated = isRecord(principal) ? texts(principal.Federated) : [];
    // A Federated ARN that cannot be read still names its provider through the condition keys (IAM requires it).
    const hosts = federated.map((value) => providerHost(value, condition));
    const unknownProvider = federated.find((_, index) => hosts[index] === undefined);
    if (unknownProvider !== undefined) {
      cannotRead(`${path}.Principal.Federated`, 'the federated provider', unknownProvider, 'any OIDC provider, a shared issuer included');
      continue;
    }
    const wild = wildPrincipal(isRecord(principal) ? { ...principal, Federated: hosts } : principal);
    if (wild !== undefined) {
      cannotRead(`${path}.Principal`, 'the principal', wild, 'it may be "*", any principal');
      continue;
    }
    for (const [where, value] of read.unreadable) cannotRead(where, 'the condition', value, 'judged as absent, no condition at all');
    // One view per federated provider: each admits its own tokens under the same conditions.
    const principals = hosts.length > 0 ? hosts.map((host) => ({ ...(principal as object), Federated: host as string })) : [principal];
    for (const each of principals) {
      const view = awsStatementView(
        { Effect: 'Allow', Principal: each, ...(statement.NotPrincipal !== undefined ? { NotPrincipal: statement.NotPrincipal } : {}), Condition: condition },
        { where: whereOf(role, path), access: access.access },
      );
      if (view) views.push(widenView(access.accessReason === undefined ? view : { ...view, accessReason: access.accessReason }));
    }
  }
  return { views, unreadable };
}

/**
 * An action that may be anything (any placeholder in it: even a resource's attribute may hold "*"), or a resource
 * that may be "*" (a placeholder that may be anything is the whole of it; a resource of the template is one thing).
 */
function wildPermission(statement: Readonly<Record<string, unknown>>): { field: string; value: string } | undefined {
  for (const field of ['Action', 'NotAction']) {
    const value = texts(statement[field]).find(isUnresolved);
    if (value !== undefined) return { field, value };
  }
  for (const field of ['Resource', 'NotResource']) {
    const value = texts(statement[field]).find(isWhollyUnknown);
    if (value !== undefined) return { field, value };
  }
  return undefined;
}

function permissionView(role: ForeignRole, statement: Readonly<Record<string, unknown>>, path: string): PermissionView | undefined {
  const actions = statement.NotAction !== undefined ? [`* except ${texts(statement.NotAction).map(readable).join(', ')}`] : texts(statement.Action).map(readable);
  // Everything but the listed resources is as wide as "*".
  const resources = statement.NotResource !== undefined ? ['*'] : texts(statement.Resource).map(readable);
  if (actions.length === 0) return undefined;
  const reason = resources.includes('*') ? resourceWildcardReasonOf(actions) : undefined;
  return { cloud: 'aws', actions, resources, ...(reason ? { resourceWildcardReason: reason } : {}), where: whereOf(role, path) };
}

/**
 * Whether the role can change state, judged from every permission the template gives it: `read` when each allowed
 * action only reads (AWS's Read and List levels, the catalogue's read-only access), `write` when one may write,
 * `unknown` when a policy or managed policy cannot be read here (it is then judged as a write).
 */
function roleAccess(
  role: ForeignRole,
  granted: readonly LocatedStatement[],
  unreadable: readonly UnreadableView[],
  problems: readonly ScanProblem[],
): RoleAccess {
  for (const { statement, path } of granted) {
    if (statement.NotAction !== undefined) return { access: 'write', accessReason: `NotAction at ${path}` };
    // An action that cannot be read is among the unreadable values, judged below.
    const writing = texts(statement.Action).find((action) => !isUnresolved(action) && !awsActionOnlyReads(action));
    if (writing !== undefined) return { access: 'write', accessReason: `${readable(writing)} at ${path}` };
  }
  for (const { value, path } of role.managedPolicyArns) {
    const shown = typeof value === 'string' ? readable(value) : JSON.stringify(value);
    const known = typeof value === 'string' && managedPolicyStatements(value).length > 0;
    return known
      ? { access: 'write', accessReason: `the managed policy ${shown} at ${path}` }
      : { access: 'unknown', accessReason: `the managed policy ${shown} at ${path} is not in the template` };
  }
  if (unreadable.length > 0) return { access: 'unknown', accessReason: `${unreadable[0].what} at ${unreadable[0].where.path} cannot be read` };
  if (problems.length > 0) return { access: 'unknown', accessReason: `the policy at ${problems[0].path} cannot be read` };
  // A role the file grants nothing gets its permissions elsewhere; a workload-iam role has exactly its declaration's.
  if (granted.length === 0 && role.workload === undefined) {
    return { access: 'unknown', accessReason: 'nothing here grants it a permission, so its policies are attached elsewhere' };
  }
  return { access: 'read' };
}

/** IAM's longest role session: what a session length that cannot be read may be. */
const LONGEST_SESSION_SECONDS = 43200;

function sessionOf(role: ForeignRole): { seconds?: number; problems: ScanProblem[] } {
  const located = role.maxSessionDuration;
  const text = asText(located?.value);
  if (located === undefined || text === undefined) return { problems: [] };
  if (isUnresolved(text)) return { seconds: LONGEST_SESSION_SECONDS, problems: [] };
  const seconds = Number(text);
  return Number.isFinite(seconds) ? { seconds, problems: [] } : { problems: [{ path: located.path, message: `the maximum session duration "${text}" is not a number of seconds` }] };
}

/**
 * A role's web-identity (or anyone) admissions, with the permissions and session length they lead to. A role that
 * admits no token (it trusts a service or an AWS principal) is not workload identity trust, and is not judged; a
 * role whose trust cannot be read may admit anyone, and is.
 */
export function readAwsRole(role: ForeignRole): Reading {
  const trust = statementsOf(role, role.trustPolicy, 'trust policy');
  const session = sessionOf(role);
  const policies = role.policies.map((policy) => statementsOf(role, policy, 'policy'));
  const granted = policies.flatMap(({ statements }) => statements.filter(({ statement }) => allows(statement)));
  const policiesUnreadable: UnreadableView[] = [
    ...policies.flatMap((policy) => policy.unreadable),
    ...granted.flatMap(({ statement, path }) => {
      const wild = wildPermission(statement);
      return wild ? [{ what: `the ${wild.field}`, value: readable(wild.value), worst: 'it may be "*"', where: whereOf(role, path) }] : [];
    }),
    ...role.managedPolicyArns.flatMap(({ value, path }) =>
      typeof value === 'string' && isWhollyUnknown(value)
        ? [{ what: 'the managed policy', value: readable(value), worst: 'it may be AdministratorAccess', where: whereOf(role, path) }]
        : [],
    ),
  ];
  const admissions = trustViews(role, trust.statements, roleAccess(role, granted, policiesUnreadable, policies.flatMap((p) => p.problems)));
  const trustUnreadable = [...trust.unreadable, ...admissions.unreadable];
  if (admissions.views.length === 0 && trustUnreadable.length === 0) return { resources: [], problems: trust.problems };
  const unreadable = [...trustUnreadable, ...policiesUnreadable];
  const permissions = [
    ...granted.map(({ statement, path }) => permissionView(role, statement, path)),
    ...role.managedPolicyArns.flatMap(({ value, path }) =>
      typeof value === 'string' ? managedPolicyStatements(value).map((statement) => permissionView(role, statement, path)) : [],
    ),
  ].filter((view): view is PermissionView => view !== undefined);
  const sessions: SessionView[] =
    session.seconds !== undefined && role.maxSessionDuration
      ? [{ seconds: session.seconds, where: whereOf(role, role.maxSessionDuration.path) }]
      : [];
  return {
    resources: [
      { trust: admissions.views, permissions, sessions, unreadable, ...(role.acknowledgements ? { acknowledgements: role.acknowledgements } : {}) },
    ],
    problems: [...trust.problems, ...session.problems, ...policies.flatMap((p) => p.problems)],
  };
}
