import { azurePermissionFor, grantWrites } from '../../catalogue/access';
import type { AzurePermission } from '../../catalogue/types';
import { AZURE_FEDERATION_AUDIENCE } from '../../declaration/identities';
import { tokenFactsOf } from '../../identity/token';
import type { AzureAccount } from '../../model/account';
import type { Identity } from '../../model/identity';
import type { Workload } from '../../model/workload';
import { compareText, digest, sortedBy, sortedIndexes, sortedRecord, stableGuid } from '../../stable';
import { LIMITS } from '../limits';
import type {
  AzureAccountPlan,
  AzureCosmosSqlRoleAssignment,
  AzureFederatedCredential,
  AzureManagedIdentity,
  AzurePrincipal,
  AzureRoleAssignment,
  UnenforcedClaim,
} from '../plan';
import type { ProblemCollector } from '../problems';

const MANAGED_IDENTITY_PREFIX = 'wiam-';

/**
 * One Azure subscription: a user-assigned managed identity per workload, one federated credential per identity
 * and subject form (exact issuer, subject and audience), and built-in role assignments at the exact scope.
 */
export function compileAzureAccount(
  accountKey: string,
  account: AzureAccount,
  workloads: readonly Workload[],
  problems: ProblemCollector,
): AzureAccountPlan {
  const identities: AzureManagedIdentity[] = [];
  const credentials: AzureFederatedCredential[] = [];
  const assignments: AzureRoleAssignment[] = [];
  const cosmosAssignments: AzureCosmosSqlRoleAssignment[] = [];
  const unenforcedClaims: (UnenforcedClaim & { workload: string })[] = [];

  for (const workload of workloads) {
    const grants = workload.grants[accountKey];
    if (!grants) continue;
    const key = workload.name;
    const own: AzureFederatedCredential[] = [];
    const principals: { principal: AzurePrincipal; identities: number[] }[] = [];
    workload.identities.forEach((identity, index) => {
      if (identity.kind === 'azureManagedIdentity') {
        principals.push({ principal: { objectId: identity.objectId }, identities: [index] });
        return;
      }
      own.push(...federatedCredentials(identity, index, key, workload.name));
      unenforcedClaims.push(...unenforced(identity, index).map((claim) => ({ ...claim, workload: workload.name })));
    });
    if (own.length > 0) {
      identities.push({ key, name: `${MANAGED_IDENTITY_PREFIX}${workload.name}`, workload: workload.name, tags: sortedRecord({ 'workload-iam:workload': workload.name }) });
      credentials.push(...own);
      principals.unshift({ principal: { ref: key, attr: 'principalId' }, identities: identitiesOf(own) });
      checkCredentials(workload.name, own, problems);
    }
    grants.forEach((grant, index) => {
      const permission = grant.roleDefinitionId
        ? { roleDefinitionId: grant.roleDefinitionId, scope: grant.resource.id }
        : azurePermissionFor(grant.resource, grant.access!)!;
      for (const { principal, identities: admitted } of principals) {
        const principalKey = 'ref' in principal ? `identity:${accountKey}/${principal.ref}` : `object:${principal.objectId}`;
        const origin = { workload: workload.name, identities: admitted, grants: [index] };
        if ('cosmosAccount' in permission && permission.cosmosAccount !== undefined) {
          const cosmos = { ...permission, cosmosAccount: permission.cosmosAccount };
          cosmosAssignments.push(cosmosAssignment(cosmos, principal, principalKey, grant.resource.id, origin, grantWrites(grant)));
          continue;
        }
        assignments.push({
          name: stableGuid([permission.scope.toLowerCase(), permission.roleDefinitionId, principalKey]),
          principal,
          principalType: 'ServicePrincipal',
          scope: permission.scope,
          roleDefinitionId: `/subscriptions/${account.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${permission.roleDefinitionId}`,
          ...('roleName' in permission ? { roleName: permission.roleName } : {}),
          workload: workload.name,
          origin,
          ...(grant.justification ? { justification: grant.justification } : {}),
          writes: grantWrites(grant),
        });
      }
    });
  }

  return {
    tenantId: account.tenantId,
    subscriptionId: account.subscriptionId,
    resourceGroup: account.resourceGroup,
    location: account.location,
    identities: sortedBy(identities, (i) => i.key),
    federatedCredentials: credentials.sort((a, b) => compareText(a.identity, b.identity) || compareText(a.name, b.name)),
    roleAssignments: assignments.sort(byWorkloadScopeRoleName),
    cosmosSqlRoleAssignments: cosmosAssignments.sort(byWorkloadScopeRoleName),
    unenforcedClaims: sortedBy(unenforcedClaims, (c) => `${c.workload}\u0000${c.identity}\u0000${c.claim}`),
  };
}

/** Assignments of one workload together, then by where and what they grant. */
function byWorkloadScopeRoleName(a: { workload: string; scope: string; roleDefinitionId: string; name: string }, b: typeof a): number {
  return (
    compareText(a.workload, b.workload) ||
    compareText(a.scope, b.scope) ||
    compareText(a.roleDefinitionId, b.roleDefinitionId) ||
    compareText(a.name, b.name)
  );
}

/** A Cosmos DB SQL role assignment in the account, at the data-plane path of the declared resource. */
function cosmosAssignment(
  permission: Required<AzurePermission>,
  principal: AzurePrincipal,
  principalKey: string,
  resource: string,
  origin: AzureCosmosSqlRoleAssignment['origin'],
  writes: boolean,
): AzureCosmosSqlRoleAssignment {
  const account = permission.cosmosAccount;
  const [, resourceGroup, accountName] = /\/resourceGroups\/([^/]+)\/.*\/databaseAccounts\/([^/]+)$/i.exec(account)!;
  return {
    name: stableGuid(['cosmos-sql', permission.scope.toLowerCase(), permission.roleDefinitionId, principalKey]),
    principal,
    resourceGroup,
    accountName,
    resource,
    scope: permission.scope,
    roleDefinitionId: `${account}/sqlRoleDefinitions/${permission.roleDefinitionId}`,
    roleName: permission.roleName,
    workload: origin.workload,
    origin,
    writes,
  };
}

/** One credential per subject form; named from issuer and subject so reordering identities renames nothing. */
function federatedCredentials(identity: Identity, index: number, key: string, workload: string): AzureFederatedCredential[] {
  const facts = tokenFactsOf(identity)!;
  return facts.subjects.map((subject) => ({
    identity: key,
    name: `${identity.kind}-${digest([facts.issuer, subject], 12)}`,
    issuer: facts.issuer,
    issuerKind: facts.issuerKind,
    subject,
    audience: facts.audience ?? AZURE_FEDERATION_AUDIENCE,
    origin: { workload, identities: [index] },
  }));
}

/**
 * A federated credential matches issuer, subject and audience only: every other pinned claim is recorded as
 * unenforced, except GitHub's immutable ids when only the id-based subject form is trusted.
 */
function unenforced(identity: Identity, index: number): UnenforcedClaim[] {
  const facts = tokenFactsOf(identity)!;
  const inSubject = identity.kind === 'github' && identity.subjectFormat === 'immutable' ? ['repository_id', 'repository_owner_id'] : [];
  return Object.keys(facts.claims)
    .sort()
    .filter((claim) => !inSubject.includes(claim))
    .map((claim) => ({ identity: index, claim, value: facts.claims[claim] }));
}

function identitiesOf(credentials: readonly AzureFederatedCredential[]): number[] {
  return sortedIndexes(credentials.flatMap((c) => c.origin.identities ?? []));
}

function checkCredentials(workload: string, credentials: readonly AzureFederatedCredential[], problems: ProblemCollector): void {
  if (credentials.length > LIMITS.azure.credentialsPerIdentity) {
    problems.add(
      workload,
      ['identities'],
      `needs ${credentials.length} federated identity credentials on one managed identity, over the Azure limit of ${LIMITS.azure.credentialsPerIdentity}; split the identities over several workloads`,
    );
  }
  const seen = new Set<string>();
  for (const credential of credentials) {
    const index = credential.origin.identities![0];
    if (credential.issuer.length > LIMITS.azure.issuerChars || credential.subject.length > LIMITS.azure.subjectChars) {
      problems.add(workload, ['identities', index], `issuer and subject of an Azure federated credential are limited to ${LIMITS.azure.subjectChars} characters each`);
    }
    const pair = `${credential.issuer}\u0000${credential.subject}`;
    if (seen.has(pair)) {
      problems.add(workload, ['identities', index], `duplicate identity: issuer ${credential.issuer} with subject ${credential.subject} is already declared for this workload`);
    }
    seen.add(pair);
  }
}
