import type { Cloud } from '../../../lib/catalogue/types';
import type { Plan } from '../../../lib/plan/plan';

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
}

export interface RenderedRole {
  readonly path: string;
  readonly trustPolicy: string;
  /** Policy name → document text. */
  readonly inlinePolicies: Readonly<Record<string, string>>;
  readonly maxSessionDuration: number;
  readonly tags: Readonly<Record<string, string>>;
}

/** What the Plan says the engine must deploy for the clouds it renders. */
export function renderedFromPlan(plan: Plan, clouds: readonly Cloud[]): Rendered {
  const aws = clouds.includes('aws') ? Object.entries(plan.aws) : [];
  return {
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
