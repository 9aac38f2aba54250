import type { DeclarationProblem } from './errors';
import type { GrantInput } from './schema';
import { accessLevelsOf } from '../catalogue/access';
import { recogniseResource } from '../catalogue/recognise';
import type { ResourceRef } from '../catalogue/types';
import type { Account } from '../model/account';
import type { Grant } from '../model/workload';

/** Which escape hatch belongs to which cloud: an AWS action list makes no sense on a GCP resource. */
const ESCAPE_HATCH_CLOUD = { actions: 'aws', role: 'gcp', roleDefinitionId: 'azure' } as const;
const ESCAPE_HATCH_OF = { aws: 'actions', gcp: 'role', azure: 'roleDefinitionId' } as const;

type Path = readonly (string | number)[];

/**
 * Resolves one grant against its account: the resource must be recognised, belong to that account's cloud and
 * (where the identifier names one) to that very account, and the access level must exist for its type.
 */
export function resolveGrant(
  input: GrantInput,
  accountKey: string,
  account: Account,
  listPath: Path,
  index: number,
  problems: DeclarationProblem[],
): Grant | undefined {
  // The grant's path is built only for a problem: most grants have none, and a large declaration has many grants.
  const path = (field: string): Path => [...listPath, index, field];
  const resource = recogniseResource(input.resource);
  if (!resource) {
    problems.push({
      path: path('resource'),
      message: `"${input.resource}" is not a recognised resource identifier (an exact AWS ARN, GCP full resource name or Azure resource id of a catalogued type)`,
    });
    return undefined;
  }
  if (resource.cloud !== account.cloud) {
    problems.push({
      path: path('resource'),
      message: `a ${resource.cloud} resource cannot be granted through ${account.cloud} account "${accountKey}"`,
    });
    return undefined;
  }
  const ownerProblem = ownershipProblem(resource, account);
  if (ownerProblem) {
    problems.push({ path: path('resource'), message: `${ownerProblem}; grant it through the account that owns it` });
    return undefined;
  }
  for (const hatch of ['actions', 'role', 'roleDefinitionId'] as const) {
    if (input[hatch] !== undefined && ESCAPE_HATCH_CLOUD[hatch] !== resource.cloud) {
      problems.push({
        path: path(hatch),
        message: `${hatch} is the escape hatch for ${ESCAPE_HATCH_CLOUD[hatch]} resources; this ${resource.cloud} resource takes ${ESCAPE_HATCH_OF[resource.cloud]} (or an access level)`,
      });
      return undefined;
    }
  }
  if (input.access !== undefined) {
    const levels = accessLevelsOf(resource.type);
    if (!levels.includes(input.access)) {
      const use = levels.length > 0 ? `use one of: ${levels.join(', ')}` : `it has none; grant ${ESCAPE_HATCH_OF[resource.cloud]} with a justification`;
      problems.push({
        path: path('access'),
        message: `"${input.access}" is not an access level of ${resource.type} (${use})`,
      });
      return undefined;
    }
  }
  const { resource: _declared, ...rest } = input;
  return { resource, ...rest };
}

function ownershipProblem(resource: ResourceRef, account: Account): string | undefined {
  switch (account.cloud) {
    case 'aws':
      if (resource.partition && resource.partition !== account.partition) {
        return `the resource is in partition ${resource.partition}, the account in ${account.partition}`;
      }
      if (resource.accountId && resource.accountId !== account.accountId) {
        return `the resource belongs to AWS account ${resource.accountId}, not ${account.accountId}`;
      }
      return undefined;
    case 'gcp':
      if (resource.project && resource.project !== account.projectId && resource.project !== account.projectNumber) {
        return `the resource belongs to project ${resource.project}, not ${account.projectId}`;
      }
      return undefined;
    case 'azure':
      if (resource.subscriptionId && resource.subscriptionId.toLowerCase() !== account.subscriptionId.toLowerCase()) {
        return `the resource belongs to subscription ${resource.subscriptionId}, not ${account.subscriptionId}`;
      }
      return undefined;
  }
}
