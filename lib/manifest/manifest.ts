import { identityLabel } from '../identity/label';
import type { Account } from '../model/account';
import type { Model, Workload } from '../model/workload';
import type {
  AwsAccountPlan,
  AwsRole,
  AzureAccountPlan,
  AzureCosmosSqlRoleAssignment,
  AzureFederatedCredential,
  AzureManagedIdentity,
  AzureRoleAssignment,
  GcpAccountPlan,
  GcpBinding,
  GcpMember,
  GcpProvider,
  GcpServiceAccount,
  Plan,
  PolicyStatement,
  UnenforcedClaim,
} from '../plan/plan';
import { checkPlan } from '../rules/check';
import type { Finding } from '../rules/rule';
import { groupBy } from '../stable';

export const MANIFEST_VERSION = 1;

/**
 * The reviewer's artifact (SPEC §7): every account, and per workload its identities, effective trust and
 * effective permissions on each cloud, plus justifications and acknowledgements. Each workload's entry depends
 * only on that workload, so adding one leaves the others byte-identical; elements shared between workloads
 * (OIDC providers, GCP providers) live under `shared`.
 */
export interface Manifest {
  readonly manifestVersion: typeof MANIFEST_VERSION;
  readonly accounts: Readonly<Record<string, Account>>;
  readonly workloads: Readonly<Record<string, ManifestWorkload>>;
  readonly shared: ManifestShared;
}

export interface ManifestIdentity {
  readonly index: number;
  readonly kind: string;
  readonly label: string;
}

export interface ManifestGrant {
  readonly index: number;
  readonly account: string;
  readonly resource: string;
  readonly resourceType: string;
  readonly access?: string;
  readonly actions?: readonly string[];
  readonly role?: string;
  readonly roleDefinitionId?: string;
  readonly justification?: string;
}

/** One trust path: which identities it admits and the exact condition a token must meet. */
export interface ManifestTrust {
  readonly identities: readonly number[];
  /** The role / provider+member / federated credential the identities come through. */
  readonly via: string;
  readonly condition: unknown;
}

/** One permission: what is allowed on which resources, and the grant it comes from. */
export interface ManifestPermission {
  readonly grant: number;
  readonly resources: readonly string[];
  readonly actions?: readonly string[];
  readonly role?: string;
  readonly roleDefinitionId?: string;
  readonly roleName?: string;
  readonly condition?: unknown;
}

export interface ManifestAccountAccess {
  readonly cloud: 'aws' | 'gcp' | 'azure';
  /** The role ARN, managed identity name, or pool name the workload is admitted through. */
  readonly principal: string;
  readonly trust: readonly ManifestTrust[];
  readonly permissions: readonly ManifestPermission[];
  readonly unenforcedClaims: readonly UnenforcedClaim[];
  readonly maxSessionDuration?: number;
}

export interface ManifestWorkload {
  readonly description?: string;
  readonly identities: readonly ManifestIdentity[];
  readonly grants: readonly ManifestGrant[];
  readonly acknowledgements: readonly { readonly rule: string; readonly reason: string }[];
  /** The rules' findings on this workload: warnings and acknowledged exceptions a reviewer should see. */
  readonly findings: readonly ManifestFinding[];
  /** Keyed by account key. */
  readonly access: Readonly<Record<string, ManifestAccountAccess>>;
}

export type ManifestFinding = Omit<Finding, 'workload'>;

export interface ManifestShared {
  readonly aws: Readonly<Record<string, { readonly oidcProviders: AwsAccountPlan['oidcProviders'] }>>;
  readonly gcp: Readonly<Record<string, { readonly pool: GcpAccountPlan['pool']; readonly providers: GcpAccountPlan['providers'] }>>;
}

/** Builds the manifest; `findings` default to the rules run on the Plan. */
export function buildManifest(model: Model, plan: Plan, findings: readonly Finding[] = checkPlan(plan)): Manifest {
  const findingsByWorkload = groupBy(findings, (f) => f.workload ?? '');
  // Index every account's elements by workload once, so building the manifest stays linear.
  const accountAccess = [
    ...Object.entries(plan.aws).map(([key, account]) => [key, awsAccessByWorkload(account)] as const),
    ...Object.entries(plan.gcp).map(([key, account]) => [key, gcpAccessByWorkload(account)] as const),
    ...Object.entries(plan.azure).map(([key, account]) => [key, azureAccessByWorkload(account)] as const),
  ].sort(([a], [b]) => (a < b ? -1 : 1));
  const workloads: Record<string, ManifestWorkload> = {};
  // In name order, like every object here, so canonicalJson writes the manifest without copying any of it.
  for (const workload of [...model.workloads].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const access: Record<string, ManifestAccountAccess> = {};
    for (const [key, byWorkload] of accountAccess) {
      const entry = byWorkload.get(workload.name);
      if (entry) access[key] = entry;
    }
    const entry = { access, acknowledgements: workload.acknowledge } as Mutable<ManifestWorkload>;
    if (workload.description) entry.description = workload.description;
    entry.findings = (findingsByWorkload.get(workload.name) ?? []).map(({ workload: _owner, ...rest }) => rest);
    entry.grants = grantsOf(workload);
    entry.identities = workload.identities.map((identity, index) => ({ index, kind: identity.kind, label: identityLabel(identity) }));
    workloads[workload.name] = entry;
  }
  return {
    accounts: model.accounts,
    manifestVersion: MANIFEST_VERSION,
    shared: {
      aws: Object.fromEntries(Object.entries(plan.aws).map(([key, a]) => [key, { oidcProviders: a.oidcProviders }])),
      gcp: Object.fromEntries(Object.entries(plan.gcp).map(([key, g]) => [key, { pool: g.pool, providers: g.providers }])),
    },
    workloads,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function grantsOf(workload: Workload): ManifestGrant[] {
  const grants: ManifestGrant[] = [];
  for (const account of Object.keys(workload.grants).sort()) {
    workload.grants[account].forEach((grant, index) => {
      // Assigned one by one in code-point order: one object shape per set of fields, and no copy in canonicalJson.
      const entry = {} as Mutable<ManifestGrant>;
      if (grant.access) entry.access = grant.access;
      entry.account = account;
      if (grant.actions) entry.actions = grant.actions;
      entry.index = index;
      if (grant.justification) entry.justification = grant.justification;
      entry.resource = grant.resource.id;
      entry.resourceType = grant.resource.type;
      if (grant.role) entry.role = grant.role;
      if (grant.roleDefinitionId) entry.roleDefinitionId = grant.roleDefinitionId;
      grants.push(entry);
    });
  }
  return grants;
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function principalOf(statement: PolicyStatement): string {
  const principal = statement.Principal ?? {};
  return Object.keys(principal)
    .sort()
    .map((type) => `${type}:${asList(principal[type]).join(',')}`)
    .join(' ');
}

const byWorkloadOf = <T extends { readonly workload: string }>(item: T) => item.workload;

function awsAccessByWorkload(account: AwsAccountPlan): Map<string, ManifestAccountAccess> {
  return new Map(account.roles.map((role) => [role.workload, awsAccess(role)]));
}

/**
 * Like every entry of the manifest, permissions and trust conditions are assigned field by field in code-point order,
 * an optional field only when present: no temporary object is spread into each, and canonicalJson copies none.
 */
function awsAccess(role: AwsRole): ManifestAccountAccess {
  const permissions: ManifestPermission[] = [];
  for (const name of Object.keys(role.inlinePolicies)) {
    const statements = role.inlinePolicies[name].Statement;
    const origins = role.permissionOrigins[name];
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      const permission = { actions: asList(statement.Action) } as Mutable<ManifestPermission>;
      if (statement.Condition) permission.condition = statement.Condition;
      permission.grant = origins[i].grants![0];
      permission.resources = asList(statement.Resource);
      permissions.push(permission);
    }
  }
  const trust: ManifestTrust[] = [];
  for (let i = 0; i < role.trustPolicy.Statement.length; i++) {
    const statement = role.trustPolicy.Statement[i];
    const condition: { action: PolicyStatement['Action']; conditions?: PolicyStatement['Condition'] } = { action: statement.Action };
    if (statement.Condition) condition.conditions = statement.Condition;
    trust.push({ condition, identities: role.trustOrigins[i].identities ?? [], via: principalOf(statement) });
  }
  return {
    cloud: 'aws',
    maxSessionDuration: role.maxSessionDuration,
    permissions,
    principal: role.arn,
    trust,
    unenforcedClaims: role.unenforcedClaims.map(({ claim, identity, value }) => ({ claim, identity, value })),
  };
}

function gcpAccessByWorkload(account: GcpAccountPlan): Map<string, ManifestAccountAccess> {
  const providers = new Map(account.providers.map((p) => [p.id, p]));
  const serviceAccounts = new Map(account.serviceAccounts.map((serviceAccount) => [serviceAccount.workload, serviceAccount]));
  const bindings = groupBy(account.bindings, byWorkloadOf);
  // Every workload admitted here has an entry, an identity-only one (granted through an engine) with no permissions.
  return new Map(
    [...groupBy(account.members, byWorkloadOf)].map(([workload, members]) => [
      workload,
      gcpAccess(account, providers, members, bindings.get(workload) ?? [], serviceAccounts.get(workload)),
    ]),
  );
}

function gcpAccess(
  account: GcpAccountPlan,
  providers: ReadonlyMap<string, GcpProvider>,
  members: readonly GcpMember[],
  bindings: readonly GcpBinding[],
  serviceAccount: GcpServiceAccount | undefined,
): ManifestAccountAccess {
  const trust = members.map((member): ManifestTrust => {
    const provider = member.provider ? providers.get(member.provider) : undefined;
    const via = provider ? `${provider.name} ${member.member}` : member.member;
    // The provider's condition and audiences are listed once, under `shared`; the claims are what the member
    // stands for, so a reader of the manifest alone (diff) can tell a wider member from a renamed one.
    const condition = {} as { claims?: GcpMember['claims']; issuer?: string; member: string; provider?: string };
    if (member.claims) condition.claims = member.claims;
    if (provider) condition.issuer = provider.issuer ?? `aws:${provider.awsAccountId}`;
    condition.member = member.member;
    if (provider) condition.provider = provider.id;
    return { condition, identities: member.origin.identities ?? [], via };
  });
  const permissions = new Map<string, ManifestPermission>();
  for (const binding of bindings) {
    // Acting as the service account is how the workload gets its grants, not a grant of its own.
    if (binding.binds === 'impersonation') continue;
    const grant = binding.origin.grants![0];
    // A level may bind several roles, each a permission; a project-level binding reaches only what its condition names.
    const permission = {} as Mutable<ManifestPermission>;
    if (binding.condition) permission.condition = binding.condition;
    permission.grant = grant;
    permission.resources = [binding.resource];
    permission.role = binding.role;
    permissions.set(`${grant}\u0000${binding.role}`, permission);
  }
  return {
    cloud: 'gcp',
    // Bindings come sorted by resource and role, and the sort is stable: a grant's roles stay in order.
    permissions: [...permissions.values()].sort((a, b) => a.grant - b.grant),
    // Impersonating, the workload acts as its service account; otherwise as its members of the pool.
    principal: serviceAccount ? `serviceAccount:${serviceAccount.email}` : account.pool.name,
    trust,
    unenforcedClaims: [],
  };
}

function azureAccessByWorkload(account: AzureAccountPlan): Map<string, ManifestAccountAccess> {
  const identities = new Map(account.identities.map((i) => [i.workload, i]));
  const credentials = groupBy(account.federatedCredentials, (credential) => credential.identity);
  const unenforced = groupBy(account.unenforcedClaims, byWorkloadOf);
  const assignments = groupBy<AzureRoleAssignment | AzureCosmosSqlRoleAssignment>(
    [...account.roleAssignments, ...account.cosmosSqlRoleAssignments],
    byWorkloadOf,
  );
  // A workload is here through its managed identity (an identity-only one has no assignment) or its assignments.
  const workloads = [...new Set([...identities.keys(), ...assignments.keys()])].sort();
  return new Map(
    workloads.map((workload) => {
      const identity = identities.get(workload);
      return [
        workload,
        azureAccess(identity, identity ? credentials.get(identity.key) ?? [] : [], assignments.get(workload) ?? [], unenforced.get(workload) ?? []),
      ];
    }),
  );
}

function azureAccess(
  identity: AzureManagedIdentity | undefined,
  credentials: readonly AzureFederatedCredential[],
  assignments: readonly (AzureRoleAssignment | AzureCosmosSqlRoleAssignment)[],
  unenforced: readonly (UnenforcedClaim & { readonly workload: string })[],
): ManifestAccountAccess {
  const direct = new Map<string, ManifestTrust>();
  for (const assignment of assignments) {
    if ('objectId' in assignment.principal) {
      direct.set(assignment.principal.objectId, {
        condition: { objectId: assignment.principal.objectId },
        identities: assignment.origin.identities ?? [],
        via: `objectId:${assignment.principal.objectId}`,
      });
    }
  }
  const permissions = new Map<number, ManifestPermission>();
  for (const assignment of assignments) {
    const grant = assignment.origin.grants![0];
    // A Cosmos DB data-plane path is reported as the resource declared, so queries match it by its ARM id.
    const permission = { grant, resources: ['resource' in assignment ? assignment.resource : assignment.scope] } as Mutable<ManifestPermission>;
    permission.roleDefinitionId = assignment.roleDefinitionId;
    if (assignment.roleName) permission.roleName = assignment.roleName;
    permissions.set(grant, permission);
  }
  return {
    cloud: 'azure',
    permissions: [...permissions.values()].sort((a, b) => a.grant - b.grant),
    principal: identity?.name ?? 'objectId',
    trust: [
      ...credentials.map((credential) => ({
        condition: { audience: credential.audience, issuer: credential.issuer, subject: credential.subject },
        identities: credential.origin.identities ?? [],
        via: `${identity!.name}/${credential.name}`,
      })),
      ...direct.values(),
    ],
    unenforcedClaims: unenforced.map(({ identity: index, claim, value }) => ({ claim, identity: index, value })),
  };
}
