/**
 * The hand-written side of the Pulumi comparison: the resources a user would create with the provider classes
 * directly (`new Role(…)`), from the Plan's values read outside the timed region, so the baseline pays only for
 * Pulumi. Every GCP member is a bucket member, as in the Terraform baseline.
 */
import { PodIdentityAssociation } from '@pulumi/aws/eks/podIdentityAssociation';
import { OpenIdConnectProvider } from '@pulumi/aws/iam/openIdConnectProvider';
import { Role } from '@pulumi/aws/iam/role';
import { RolePolicy } from '@pulumi/aws/iam/rolePolicy';
import { Profile } from '@pulumi/aws/rolesanywhere/profile';
import { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import { FederatedIdentityCredential } from '@pulumi/azure-native/managedidentity/federatedIdentityCredential';
import { UserAssignedIdentity } from '@pulumi/azure-native/managedidentity/userAssignedIdentity';
import { WorkloadIdentityPool } from '@pulumi/gcp/iam/workloadIdentityPool';
import { WorkloadIdentityPoolProvider } from '@pulumi/gcp/iam/workloadIdentityPoolProvider';
import { Account } from '@pulumi/gcp/serviceaccount/account';
import { BucketIAMMember } from '@pulumi/gcp/storage/bucketIAMMember';
import type * as pulumi from '@pulumi/pulumi';
import type { Plan } from 'workload-iam';

/** Creates the Plan's resources by hand, names prefixed with `prefix`; returns them, to wait for their registration. */
export function buildPulumiBaseline(plan: Plan, prefix: string): pulumi.Resource[] {
  const created: pulumi.Resource[] = [];
  const add = <T extends pulumi.Resource>(resource: T): T => {
    created.push(resource);
    return resource;
  };
  for (const [key, account] of Object.entries(plan.aws)) {
    const providers = new Map(
      account.oidcProviders.map((provider) => [
        provider.key,
        add(new OpenIdConnectProvider(`${prefix}-${key}-${provider.key}`, { url: provider.url, clientIdLists: [...provider.clientIds] })),
      ]),
    );
    for (const role of account.roles) {
      const resource = add(
        new Role(
          `${prefix}-${key}-${role.key}`,
          {
            name: role.name,
            path: role.path,
            assumeRolePolicy: JSON.stringify(role.trustPolicy),
            maxSessionDuration: role.maxSessionDuration,
            tags: role.tags,
          },
          { dependsOn: role.oidcProviders.flatMap((provider) => providers.get(provider) ?? []) },
        ),
      );
      for (const [name, document] of Object.entries(role.inlinePolicies)) {
        add(new RolePolicy(`${prefix}-${key}-${role.key}-${name}`, { name, role: resource.name, policy: JSON.stringify(document) }));
      }
    }
    for (const association of account.podIdentityAssociations) {
      add(
        new PodIdentityAssociation(`${prefix}-${key}-${association.key}`, {
          clusterName: association.cluster,
          namespace: association.namespace,
          serviceAccount: association.serviceAccount,
          roleArn: account.roles.find((role) => role.key === association.role)!.arn,
        }),
      );
    }
    for (const profile of account.rolesAnywhereProfiles) {
      add(new Profile(`${prefix}-${key}-${profile.name}`, { name: profile.name, roleArns: [...profile.roleArns], durationSeconds: profile.maxSessionDuration }));
    }
  }
  for (const [key, account] of Object.entries(plan.gcp)) {
    const pool = add(new WorkloadIdentityPool(`${prefix}-${key}-pool`, { project: account.projectId, workloadIdentityPoolId: account.pool.id }));
    for (const provider of account.providers) {
      add(
        new WorkloadIdentityPoolProvider(`${prefix}-${key}-${provider.id}`, {
          project: account.projectId,
          workloadIdentityPoolId: pool.workloadIdentityPoolId,
          workloadIdentityPoolProviderId: provider.id,
          attributeMapping: provider.attributeMapping,
          attributeCondition: provider.attributeCondition,
          ...(provider.type === 'oidc' ? { oidc: { issuerUri: provider.issuer! } } : { aws: { accountId: provider.awsAccountId! } }),
        }),
      );
    }
    for (const serviceAccount of account.serviceAccounts) {
      add(new Account(`${prefix}-${key}-${serviceAccount.workload}`, { project: account.projectId, accountId: serviceAccount.accountId, displayName: serviceAccount.displayName }));
    }
    account.bindings.forEach((binding, index) => {
      add(new BucketIAMMember(`${prefix}-${key}-member-${index}`, { bucket: binding.resource, role: binding.role, member: binding.member }));
    });
  }
  for (const [key, account] of Object.entries(plan.azure)) {
    const identities = new Map(
      account.identities.map((identity) => [
        identity.key,
        add(new UserAssignedIdentity(`${prefix}-${key}-${identity.key}`, { resourceName: identity.name, resourceGroupName: account.resourceGroup, location: account.location })),
      ]),
    );
    for (const credential of account.federatedCredentials) {
      add(
        new FederatedIdentityCredential(`${prefix}-${key}-${credential.identity}-${credential.name}`, {
          federatedIdentityCredentialResourceName: credential.name,
          resourceName: account.identities.find((identity) => identity.key === credential.identity)!.name,
          resourceGroupName: account.resourceGroup,
          issuer: credential.issuer,
          subject: credential.subject,
          audiences: [credential.audience],
        }),
      );
    }
    for (const assignment of account.roleAssignments) {
      add(
        new RoleAssignment(`${prefix}-${key}-${assignment.name}`, {
          roleAssignmentName: assignment.name,
          scope: assignment.scope,
          roleDefinitionId: assignment.roleDefinitionId,
          principalId: 'ref' in assignment.principal ? identities.get(assignment.principal.ref)!.principalId : assignment.principal.objectId,
          principalType: assignment.principalType,
        }),
      );
    }
  }
  return created;
}
