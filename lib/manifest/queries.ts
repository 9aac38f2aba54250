import type { Manifest, ManifestAccountAccess, ManifestPermission } from './manifest';
import { globMatches } from '../evaluate/glob';
import { labelMatches } from '../identity/label';
import { sortedIndexes } from '../stable';

/** One answer to a reachability query: a workload's identities reaching a resource through one account. */
export interface Reach {
  readonly workload: string;
  readonly account: string;
  readonly cloud: 'aws' | 'gcp' | 'azure';
  /** Labels of the identities admitted to this account. */
  readonly identities: readonly string[];
  /** What they act as: the role ARN, the managed identity, or the GCP pool (or service account) they come through. */
  readonly principal: string;
  readonly resource: string;
  /** Actions (AWS), role (GCP) or role definition (Azure) allowed on it. */
  readonly access: readonly string[];
}

/**
 * Who can reach resource R: every workload, account and identity with a permission on R. A permission on a
 * resource's contents (`arn:aws:s3:::b/*`) or on a parent scope counts as reaching R.
 */
export function whoCanReach(manifest: Manifest, resource: string): Reach[] {
  return allReaches(manifest).filter((reach) =>
    reach.resource === '*' ? sameAwsService(reach.access, resource) : resourceCovers(reach.resource, resource) || resourceCovers(resource, reach.resource) || arnReaches(reach.resource, resource),
  );
}

/**
 * ARNs also nest after `:` (a log group's `:*`, a function's alias), and IAM matches a resource glob anywhere in
 * it (a grant on every method of an API stage reaches each method).
 */
function arnReaches(granted: string, resource: string): boolean {
  if (!resource.startsWith('arn:')) return false;
  return granted.startsWith(`${resource}:`) || (/[*?]/.test(granted) && globMatches(granted, resource));
}

/** A `"*"` resource (actions IAM cannot scope) reaches R only through actions of R's own service. */
function sameAwsService(actions: readonly string[], resource: string): boolean {
  const service = /^arn:[^:]+:([^:]+):/.exec(resource)?.[1];
  return service !== undefined && actions.some((action) => action.startsWith(`${service}:`));
}

/** What can identity I reach: `selector` is an identity label (`github:acme/web`) or a prefix of one, or a workload name. */
export function whatCanReach(manifest: Manifest, selector: string): Reach[] {
  return allReaches(manifest).filter(
    (reach) => reach.workload === selector || reach.identities.some((label) => labelMatches(label, selector)),
  );
}

/** A role (or other principal) whose permissions are not in the declaration: granted through an engine's own API. */
export interface UndeclaredAccess {
  readonly workload: string;
  readonly account: string;
  readonly cloud: 'aws' | 'gcp' | 'azure';
  readonly principal: string;
  readonly identities: readonly string[];
}

/**
 * The principals of identity-only workloads (`grants: { account: [] }`) that `selector` selects: what they can reach
 * is granted outside the declaration (e.g. CDK grants), so the manifest cannot answer for them, and says so.
 */
export function undeclaredAccess(manifest: Manifest, selector: string): UndeclaredAccess[] {
  return Object.keys(manifest.workloads)
    .sort()
    .flatMap((name) => {
      const workload = manifest.workloads[name];
      const labels = new Map(workload.identities.map((identity) => [identity.index, identity.label]));
      return Object.keys(workload.access)
        .sort()
        .flatMap((account) => {
          const access = workload.access[account];
          const identities = admittedLabels(access, labels);
          const selected = name === selector || identities.some((label) => labelMatches(label, selector));
          if (!selected || access.permissions.length > 0) return [];
          return [{ workload: name, account, cloud: access.cloud, principal: access.principal, identities }];
        });
    });
}

function allReaches(manifest: Manifest): Reach[] {
  const reaches: Reach[] = [];
  for (const name of Object.keys(manifest.workloads).sort()) {
    const workload = manifest.workloads[name];
    const labels = new Map(workload.identities.map((identity) => [identity.index, identity.label]));
    for (const account of Object.keys(workload.access).sort()) {
      const access = workload.access[account];
      const identities = admittedLabels(access, labels);
      for (const permission of access.permissions) {
        for (const resource of permission.resources) {
          const { cloud, principal } = access;
          reaches.push({ workload: name, account, cloud, identities, principal, resource, access: accessOf(permission) });
        }
      }
    }
  }
  return reaches;
}

function admittedLabels(access: ManifestAccountAccess, labels: ReadonlyMap<number, string>): string[] {
  const indexes = sortedIndexes(access.trust.flatMap((trust) => trust.identities));
  return indexes.map((index) => labels.get(index)!).filter((label) => label !== undefined);
}

function accessOf(permission: ManifestPermission): string[] {
  if (permission.actions) return [...permission.actions];
  if (permission.role) return [permission.role];
  return [permission.roleName ?? permission.roleDefinitionId!];
}

/** True when `outer` is `inner`, a parent path of it, or an IAM glob (`…/*`) matching it. */
export function resourceCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  const base = outer.endsWith('*') ? outer.slice(0, -1) : `${outer}/`;
  return inner.startsWith(base);
}
