import type { Manifest } from './manifest';
import { WORKLOAD_NAME } from '../declaration/schema';

/** The forms a resource is named in (SPEC §3): an ARN, a GCP full resource name, an Azure resource id. */
const RESOURCE_FORMS: readonly RegExp[] = [/^arn:[a-z-]+:[a-z0-9-]+:[^:]*:[^:]*:.+$/, /^\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.googleapis\.com\/\S+$/, /^\/subscriptions\/[^/\s]+(?:\/\S*)?$/i];

/** Why `resource` is not a resource name of any cloud, or undefined when it is one. */
export function resourceFormProblem(resource: string): string | undefined {
  if (RESOURCE_FORMS.some((form) => form.test(resource))) return undefined;
  return `${JSON.stringify(resource)} is not an AWS ARN (arn:aws:…), a GCP full resource name (//<service>.googleapis.com/…) or an Azure resource id (/subscriptions/…)`;
}

/** The identity kinds labels start with (lib/identity/label.ts). */
const LABEL_KINDS = ['github', 'gitlab', 'kubernetes', 'terraformCloud', 'spiffe', 'oidc', 'awsRole', 'gcpServiceAccount', 'azureManagedIdentity'];

/** Why `selector` is neither an identity label (or prefix of one) nor a workload name, or undefined. */
export function identityFormProblem(selector: string): string | undefined {
  const kind = /^([A-Za-z]+):./.exec(selector)?.[1];
  if (kind !== undefined ? LABEL_KINDS.includes(kind) : WORKLOAD_NAME.test(selector)) return undefined;
  return `${JSON.stringify(selector)} is neither an identity label (${LABEL_KINDS.map((k) => `${k}:…`).join(', ')}) nor a workload name`;
}

/** Every resource a manifest grants something on. */
export function manifestResources(manifest: Manifest): string[] {
  return Object.values(manifest.workloads).flatMap((workload) =>
    Object.values(workload.access).flatMap((access) => access.permissions.flatMap((permission) => permission.resources)),
  );
}

/** Every workload name and identity label of a manifest. */
export function manifestSelectors(manifest: Manifest): string[] {
  return Object.entries(manifest.workloads).flatMap(([name, workload]) => [name, ...workload.identities.map((identity) => identity.label)]);
}
