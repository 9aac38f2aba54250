import type { Cloud } from '../../../lib/catalogue/types';
import type { GcpBinding, Plan } from '../../../lib/plan/plan';

/**
 * What an engine's output deploys, as every engine's extractor reads it back, and as the Plan says it: the harness
 * compares the two. Documents are kept as JSON text, so they are compared byte for byte where the Plan is literal.
 */
export interface Rendered {
  /** `<account key>/<role name>` → the role. */
  readonly awsRoles: Readonly<Record<string, RenderedRole>>;
  /** `<account key>` → the OIDC providers it creates: `url` → sorted client ids. */
  readonly awsOidcProviders: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** `<cluster>/<namespace>/<service account>` → role ARN. */
  readonly awsPodIdentity: Readonly<Record<string, string>>;
  /** Profile name → its sorted role ARNs and session length. */
  readonly awsRolesAnywhere: Readonly<Record<string, { readonly roleArns: readonly string[]; readonly durationSeconds: number }>>;
  /** `<account key>` → its pool id. */
  readonly gcpPools: Readonly<Record<string, string>>;
  /** `<account key>/<provider id>` → the provider, its mapping as JSON text. */
  readonly gcpProviders: Readonly<Record<string, RenderedGcpProvider>>;
  /** `<account key> <full resource name> <role> <member>`, sorted. */
  readonly gcpBindings: readonly string[];
  /** `<account key>/<service account id>` → its display name. */
  readonly gcpServiceAccounts: Readonly<Record<string, string>>;
  /** `<account key>/<identity name>` → where it lives. */
  readonly azureIdentities: Readonly<Record<string, string>>;
  /** `<account key>/<identity name>/<credential name>` → `issuer subject audience`. */
  readonly azureCredentials: Readonly<Record<string, string>>;
  /** `<account key>/<assignment name>` → `scope role-definition principal principal-type`. */
  readonly azureRoleAssignments: Readonly<Record<string, string>>;
  /** `<account key>/<assignment name>` → `resource-group account scope role-definition principal`. */
  readonly azureCosmosSqlRoleAssignments: Readonly<Record<string, string>>;
}

/** An attribute mapping as text, its keys in order: a mapping is a map, whichever order a format keeps it in. */
export function mappingText(mapping: unknown): string {
  return JSON.stringify(Object.fromEntries(Object.entries(mapping as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1))));
}

export interface RenderedGcpProvider {
  readonly issuer: string;
  readonly allowedAudiences: readonly string[];
  readonly attributeMapping: string;
  readonly attributeCondition: string;
}

export interface RenderedRole {
  readonly path: string;
  readonly trustPolicy: string;
  /** Policy name → document text. */
  readonly inlinePolicies: Readonly<Record<string, string>>;
  readonly maxSessionDuration: number;
  readonly tags: Readonly<Record<string, string>>;
}

/** A Rendered to fill in, as an extractor reads an engine's output back. */
export function emptyRendered() {
  return {
    awsRoles: {} as Record<string, RenderedRole>,
    awsOidcProviders: {} as Record<string, Record<string, string[]>>,
    awsPodIdentity: {} as Record<string, string>,
    awsRolesAnywhere: {} as Record<string, { roleArns: string[]; durationSeconds: number }>,
    gcpPools: {} as Record<string, string>,
    gcpProviders: {} as Record<string, RenderedGcpProvider>,
    gcpBindings: [] as string[],
    gcpServiceAccounts: {} as Record<string, string>,
    azureIdentities: {} as Record<string, string>,
    azureCredentials: {} as Record<string, string>,
    azureRoleAssignments: {} as Record<string, string>,
    azureCosmosSqlRoleAssignments: {} as Record<string, string>,
  };
}

/** The GCP and Azure parts of an engine that renders AWS only. */
export const NO_OTHER_CLOUDS = {
  gcpPools: {},
  gcpProviders: {},
  gcpBindings: [],
  gcpServiceAccounts: {},
  azureIdentities: {},
  azureCredentials: {},
  azureRoleAssignments: {},
  azureCosmosSqlRoleAssignments: {},
} as const;

/** A project-level binding as the project and the condition narrowing it, every field of the condition included. */
export function projectBinding(project: string, condition: Readonly<Record<string, unknown>> | undefined): string {
  const of = condition ? ` if ${condition.expression as string} (${condition.title as string}: ${condition.description as string})` : '';
  return `//cloudresourcemanager.googleapis.com/projects/${project}${of}`;
}

/**
 * Where Google's documentation says a binding of the Plan is set: a conditioned one on the project holding its
 * resource; a 2nd gen function's on the Cloud Run service of the same name; any other on its resource.
 */
function boundOn(binding: GcpBinding): string {
  if (binding.condition) return projectBinding(/\/projects\/([^/]+)\//.exec(binding.resource)![1], { ...binding.condition });
  const fn = /^\/\/cloudfunctions\.googleapis\.com\/(projects\/[^/]+\/locations\/[^/]+)\/functions\/([^/]+)$/.exec(binding.resource);
  return fn ? `//run.googleapis.com/${fn[1]}/services/${fn[2]}` : binding.resource;
}

/** What the Plan says the engine must deploy for the clouds it renders. */
export function renderedFromPlan(plan: Plan, clouds: readonly Cloud[]): Rendered {
  const aws = clouds.includes('aws') ? Object.entries(plan.aws) : [];
  const gcp = clouds.includes('gcp') ? Object.entries(plan.gcp) : [];
  const azure = clouds.includes('azure') ? Object.entries(plan.azure) : [];
  return {
    gcpPools: Object.fromEntries(gcp.map(([key, account]) => [key, account.pool.id])),
    gcpProviders: Object.fromEntries(
      gcp.flatMap(([key, account]) =>
        account.providers.map((provider) => [
          `${key}/${provider.id}`,
          {
            issuer: provider.issuer ?? `aws:${provider.awsAccountId}`,
            allowedAudiences: [...provider.allowedAudiences],
            attributeMapping: mappingText(provider.attributeMapping),
            attributeCondition: provider.attributeCondition,
          },
        ]),
      ),
    ),
    gcpBindings: gcp.flatMap(([key, account]) => account.bindings.map((binding) => `${key} ${boundOn(binding)} ${binding.role} ${binding.member}`)).sort(),
    gcpServiceAccounts: Object.fromEntries(gcp.flatMap(([key, account]) => account.serviceAccounts.map((sa) => [`${key}/${sa.accountId}`, sa.displayName]))),
    azureIdentities: Object.fromEntries(azure.flatMap(([key, account]) => account.identities.map((identity) => [`${key}/${identity.name}`, `${account.resourceGroup} ${account.location}`]))),
    azureCredentials: Object.fromEntries(
      azure.flatMap(([key, account]) => {
        const names = new Map(account.identities.map((identity) => [identity.key, identity.name]));
        return account.federatedCredentials.map((credential) => [
          `${key}/${names.get(credential.identity)}/${credential.name}`,
          `${credential.issuer} ${credential.subject} ${credential.audience}`,
        ]);
      }),
    ),
    azureRoleAssignments: Object.fromEntries(
      azure.flatMap(([key, account]) => {
        const names = new Map(account.identities.map((identity) => [identity.key, identity.name]));
        return account.roleAssignments.map((assignment) => [
          `${key}/${assignment.name}`,
          `${assignment.scope} ${assignment.roleDefinitionId} ${'ref' in assignment.principal ? names.get(assignment.principal.ref) : assignment.principal.objectId} ${assignment.principalType}`,
        ]);
      }),
    ),
    azureCosmosSqlRoleAssignments: Object.fromEntries(
      azure.flatMap(([key, account]) => {
        const names = new Map(account.identities.map((identity) => [identity.key, identity.name]));
        return account.cosmosSqlRoleAssignments.map((assignment) => [
          `${key}/${assignment.name}`,
          `${assignment.resourceGroup} ${assignment.accountName} ${assignment.scope} ${assignment.roleDefinitionId} ${'ref' in assignment.principal ? names.get(assignment.principal.ref) : assignment.principal.objectId}`,
        ]);
      }),
    ),
    awsRoles: Object.fromEntries(
      aws.flatMap(([key, account]) =>
        account.roles.map((role) => [
          `${key}/${role.name}`,
          {
            path: role.path,
            trustPolicy: JSON.stringify(role.trustPolicy),
            inlinePolicies: Object.fromEntries(Object.entries(role.inlinePolicies).map(([name, document]) => [name, JSON.stringify(document)])),
            maxSessionDuration: role.maxSessionDuration,
            tags: role.tags,
          },
        ]),
      ),
    ),
    awsOidcProviders: Object.fromEntries(
      aws.map(([key, account]) => [
        key,
        Object.fromEntries(account.oidcProviders.filter((provider) => !provider.imported).map((provider) => [provider.url, [...provider.clientIds]])),
      ]),
    ),
    awsPodIdentity: Object.fromEntries(
      aws.flatMap(([, account]) =>
        account.podIdentityAssociations.map((association) => [
          `${association.cluster}/${association.namespace}/${association.serviceAccount}`,
          account.roles.find((role) => role.key === association.role)!.arn,
        ]),
      ),
    ),
    awsRolesAnywhere: Object.fromEntries(
      aws.flatMap(([, account]) =>
        account.rolesAnywhereProfiles.map((profile) => [
          profile.name,
          { roleArns: [...profile.roleArns], durationSeconds: profile.maxSessionDuration },
        ]),
      ),
    ),
  };
}
