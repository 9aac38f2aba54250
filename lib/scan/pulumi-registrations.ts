import { ASSIGNMENT_TYPES } from './azure-identity-access';
import { WORKLOAD_METADATA_KEY } from './workload-metadata';

/** One recorded Pulumi registration, as `workload-iam synth --engine pulumi` writes `resources.json`. */
export interface PulumiRegistration {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
}

/** A `resources.json`: a list of registrations, each with a Pulumi type token, a name and its inputs. */
export function isPulumiRegistrations(data: unknown): data is PulumiRegistration[] {
  return (
    Array.isArray(data) &&
    data.length > 0 &&
    data.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as PulumiRegistration).type === 'string' &&
        /^[a-z0-9-]+:[^:]*:[A-Za-z0-9]+$/.test((item as PulumiRegistration).type) &&
        typeof (item as PulumiRegistration).name === 'string' &&
        typeof (item as PulumiRegistration).inputs === 'object',
    )
  );
}

/** `serviceAccountId` → `service_account_id`: the bridged providers' inputs are Terraform's arguments in camel case. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCase(key), snakeKeys(inner)]));
}

/** A Terraform resource name for a Pulumi one: the characters Terraform refuses in names become `_`. */
const addressName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

/** The Terraform address a registration is judged at (what a finding's `resource` names), if it is judged at all. */
export function registrationAddress(registration: Pick<PulumiRegistration, 'type' | 'name'>): string | undefined {
  const type = terraformTypeOf(registration.type);
  return type === undefined ? undefined : `${type}.${addressName(registration.name)}`;
}

/** `${<type>::<name>.<output>}`: an output the cloud assigns on create, as the engine records it. */
const DEPLOYED_OUTPUT = /^\$\{([^}]+)::([^}]+)\.([A-Za-z]+)\}$/;

const AWS_TYPES: Readonly<Record<string, string>> = {
  'iam/role:Role': 'aws_iam_role',
  'iam/rolePolicy:RolePolicy': 'aws_iam_role_policy',
  'iam/openIdConnectProvider:OpenIdConnectProvider': 'aws_iam_openid_connect_provider',
};

const AZURE_TYPES: Readonly<Record<string, string>> = {
  UserAssignedIdentity: 'azurerm_user_assigned_identity',
  FederatedIdentityCredential: 'azurerm_federated_identity_credential',
  RoleAssignment: 'azurerm_role_assignment',
  SqlResourceSqlRoleAssignment: 'azurerm_cosmosdb_sql_role_assignment',
};

/**
 * The Terraform resource each recorded type is judged as: the bridged AWS and GCP packages have Terraform's resources
 * and arguments; Azure Native's managed identities, credentials and role assignments (Cosmos DB SQL ones included) map
 * onto azurerm's.
 */
function terraformTypeOf(type: string): string | undefined {
  const [cloud, module, resource] = type.split(':');
  const kind = module.split('/')[0];
  if (cloud === 'aws') return AWS_TYPES[`${module}:${resource}`];
  if (cloud === 'gcp') {
    if (resource === 'WorkloadIdentityPool') return 'google_iam_workload_identity_pool';
    if (resource === 'WorkloadIdentityPoolProvider') return 'google_iam_workload_identity_pool_provider';
    if (kind === 'serviceaccount') return resource === 'Account' ? 'google_service_account' : /^IAM(Member|Binding)$/.test(resource) ? `google_service_account_iam_${resource.slice(3).toLowerCase()}` : undefined;
    const iam = /I[Aa][Mm](Member|Binding)$/.exec(resource);
    // The project's own members are Terraform's `google_project_iam_*`.
    return iam ? `google_${kind === 'projects' ? 'project' : kind}_iam_${iam[1].toLowerCase()}` : undefined;
  }
  if (cloud === 'azure-native') return AZURE_TYPES[resource];
  return undefined;
}

/**
 * Recorded Pulumi registrations as the Terraform JSON configuration `scan` judges: each resource of a known type under
 * its Terraform type and arguments, the workload and acknowledgements of its `workload-iam:index:Workload` ancestor in
 * its `//` comment, and Azure's references between identities, credentials and role assignments as Terraform
 * references.
 */
export function pulumiRegistrationsAsTerraform(registrations: readonly PulumiRegistration[]): Record<string, unknown> {
  const byKey = new Map(registrations.map((registration) => [`${registration.type}::${registration.name}`, registration]));
  const metadataOf = (registration: PulumiRegistration): unknown => {
    const seen = new Set<string>();
    for (let key = registration.parent; key !== undefined && !seen.has(key); key = byKey.get(key)?.parent) {
      seen.add(key);
      const ancestor = byKey.get(key);
      if (ancestor?.type === 'workload-iam:index:Workload') return ancestor.inputs[WORKLOAD_METADATA_KEY];
    }
    return undefined;
  };
  const identityRegistrations = registrations.filter((r) => terraformTypeOf(r.type) === 'azurerm_user_assigned_identity');
  const identities = new Map(identityRegistrations.map((r) => [String(r.inputs.resourceName), addressName(r.name)]));
  // A deployed stack carries the principal ids themselves; a recorded one, the output each will be.
  const principals = new Map(identityRegistrations.filter((r) => typeof r.inputs.principalId === 'string').map((r) => [r.inputs.principalId as string, addressName(r.name)]));
  const principalReference = (value: unknown) => {
    const output = typeof value === 'string' ? DEPLOYED_OUTPUT.exec(value) : null;
    const identity = output && terraformTypeOf(output[1]) === 'azurerm_user_assigned_identity' ? addressName(output[2]) : principals.get(value as string);
    return identity === undefined ? value : `\${azurerm_user_assigned_identity.${identity}.principal_id}`;
  };
  const resource: Record<string, Record<string, unknown>> = {};
  for (const registration of registrations) {
    const type = terraformTypeOf(registration.type);
    if (type === undefined) continue;
    const body = snakeKeys(registration.inputs) as Record<string, unknown>;
    if (type === 'azurerm_user_assigned_identity') body.name = registration.inputs.resourceName;
    if (type === 'azurerm_federated_identity_credential') {
      body.name = registration.inputs.federatedIdentityCredentialResourceName;
      body.audience = registration.inputs.audiences;
      const identity = identities.get(String(registration.inputs.resourceName));
      body.parent_id = identity ? `\${azurerm_user_assigned_identity.${identity}.id}` : registration.inputs.resourceName;
    }
    if (ASSIGNMENT_TYPES.has(type)) body.principal_id = principalReference(registration.inputs.principalId);
    if (type === 'azurerm_cosmosdb_sql_role_assignment') body.name = registration.inputs.roleAssignmentId;
    const metadata = metadataOf(registration);
    if (metadata !== undefined) body['//'] = { [WORKLOAD_METADATA_KEY]: metadata };
    (resource[type] ??= {})[addressName(registration.name)] = body;
  }
  return { resource };
}
