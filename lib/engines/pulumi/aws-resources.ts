import type * as pulumi from '@pulumi/pulumi';
import type { ChildOptions } from './child-options';
import type { AwsModules } from './cloud-packages';
import type { Plan } from '../../plan/plan';
import { awsAccountIndex } from '../aws-accounts';
import { permissionsBoundaryArn, type AwsEngineOptions } from '../aws-options';

type Role = InstanceType<AwsModules['Role']>;

/**
 * One AWS account of the Plan, literally: an OIDC provider per issuer it creates (no thumbprints), a role per workload
 * with the Plan's trust document and an inline policy per document, Pod Identity associations and Roles Anywhere
 * profiles. Returns each workload's role.
 */
export function renderAwsAccount(
  aws: AwsModules,
  plan: Plan,
  key: string,
  options: AwsEngineOptions,
  child: ChildOptions,
): ReadonlyMap<string, Role> {
  const account = awsAccountIndex(plan, key);
  const providers = new Map<string, pulumi.Resource>();
  for (const provider of account.plan.oidcProviders) {
    // An existing provider is referenced by ARN in the trust: nothing to create.
    if (provider.imported) continue;
    providers.set(
      provider.key,
      new aws.OpenIdConnectProvider(`${child.prefix}-${provider.key}`, { url: provider.url, clientIdLists: [...provider.clientIds] }, child.shared()),
    );
  }
  const roles = new Map<string, Role>();
  for (const role of account.plan.roles) {
    const dependsOn = role.oidcProviders.flatMap((provider) => providers.get(provider) ?? []);
    const boundary = permissionsBoundaryArn(options, account.plan);
    const resource = new aws.Role(
      `${child.prefix}-${role.key}`,
      {
        name: role.name,
        path: role.path,
        description: role.description,
        assumeRolePolicy: JSON.stringify(role.trustPolicy),
        maxSessionDuration: role.maxSessionDuration,
        ...(boundary ? { permissionsBoundary: boundary } : {}),
        tags: role.tags,
      },
      child.of(role.workload, { dependsOn }),
    );
    for (const [name, document] of Object.entries(role.inlinePolicies)) {
      new aws.RolePolicy(`${child.prefix}-${role.key}-${name}`, { name, role: resource.name, policy: JSON.stringify(document) }, child.of(role.workload));
    }
    for (const association of account.podIdentityAssociations.get(role.key) ?? []) {
      new aws.PodIdentityAssociation(
        `${child.prefix}-${role.key}-pod-identity-${association.cluster}-${association.namespace}-${association.serviceAccount}`,
        {
          clusterName: association.cluster,
          namespace: association.namespace,
          serviceAccount: association.serviceAccount,
          roleArn: role.arn,
          tags: role.tags,
        },
        child.of(role.workload, { dependsOn: [resource], region: association.region }),
      );
    }
    roles.set(role.workload, resource);
  }
  for (const profile of account.plan.rolesAnywhereProfiles) {
    new aws.Profile(
      `${child.prefix}-${profile.name}`,
      { name: profile.name, enabled: true, roleArns: [...profile.roleArns], durationSeconds: profile.maxSessionDuration },
      child.shared({ dependsOn: profile.roles.flatMap((role) => roles.get(account.roles.get(role)?.workload ?? '') ?? []), region: profile.region }),
    );
  }
  return roles;
}
