/**
 * The hand-written side of the Terraform comparison: the resources a user would write with raw cdktf
 * `TerraformResource`s, built from the Plan's values read outside the timed region (so the baseline pays only for
 * cdktf), one stack per account.
 */
import { App, TerraformResource, TerraformStack } from 'cdktf';
import type { Plan } from 'workload-iam';

/** One resource to write: its stack, type, id, arguments, and the ids in its stack it depends on. */
export interface ResourceSpec {
  readonly stack: string;
  readonly type: string;
  readonly id: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly dependsOn: readonly string[];
}

/** The resources of the Plan, as a user would list them by hand. */
export function resourceSpecs(plan: Plan): ResourceSpec[] {
  const specs: ResourceSpec[] = [];
  for (const [key, account] of Object.entries(plan.aws)) {
    const stack = `workload-iam-${key}`;
    for (const provider of account.oidcProviders) {
      specs.push({ stack, type: 'aws_iam_openid_connect_provider', id: provider.key, attributes: { url: provider.url, client_id_list: provider.clientIds }, dependsOn: [] });
    }
    for (const role of account.roles) {
      specs.push({
        stack,
        type: 'aws_iam_role',
        id: `role-${role.key}`,
        attributes: {
          name: role.name,
          path: role.path,
          assume_role_policy: JSON.stringify(role.trustPolicy),
          max_session_duration: role.maxSessionDuration,
          tags: role.tags,
        },
        dependsOn: role.oidcProviders,
      });
      for (const [name, document] of Object.entries(role.inlinePolicies)) {
        specs.push({ stack, type: 'aws_iam_role_policy', id: `policy-${role.key}`, attributes: { name, role: role.name, policy: JSON.stringify(document) }, dependsOn: [`role-${role.key}`] });
      }
    }
    for (const association of account.podIdentityAssociations) {
      specs.push({
        stack,
        type: 'aws_eks_pod_identity_association',
        id: `pod-${association.key}`,
        attributes: { cluster_name: association.cluster, namespace: association.namespace, service_account: association.serviceAccount },
        dependsOn: [`role-${association.role}`],
      });
    }
    for (const profile of account.rolesAnywhereProfiles) {
      specs.push({ stack, type: 'aws_rolesanywhere_profile', id: profile.name, attributes: { name: profile.name, role_arns: profile.roleArns, duration_seconds: profile.maxSessionDuration }, dependsOn: [] });
    }
  }
  for (const [key, account] of Object.entries(plan.gcp)) {
    const stack = `workload-iam-${key}`;
    specs.push({ stack, type: 'google_iam_workload_identity_pool', id: 'pool', attributes: { project: account.projectId, workload_identity_pool_id: account.pool.id }, dependsOn: [] });
    for (const provider of account.providers) {
      specs.push({
        stack,
        type: 'google_iam_workload_identity_pool_provider',
        id: provider.id,
        attributes: {
          workload_identity_pool_provider_id: provider.id,
          attribute_mapping: provider.attributeMapping,
          attribute_condition: provider.attributeCondition,
        },
        dependsOn: ['pool'],
      });
    }
    account.bindings.forEach((binding, index) => {
      specs.push({ stack, type: 'google_storage_bucket_iam_member', id: `member-${index}`, attributes: { bucket: binding.resource, role: binding.role, member: binding.member }, dependsOn: binding.provider ? [binding.provider] : [] });
    });
  }
  for (const [key, account] of Object.entries(plan.azure)) {
    const stack = `workload-iam-${key}`;
    for (const identity of account.identities) {
      specs.push({ stack, type: 'azurerm_user_assigned_identity', id: identity.key, attributes: { name: identity.name, resource_group_name: account.resourceGroup, location: account.location }, dependsOn: [] });
    }
    for (const credential of account.federatedCredentials) {
      specs.push({ stack, type: 'azurerm_federated_identity_credential', id: `${credential.identity}-${credential.name}`, attributes: { name: credential.name, issuer: credential.issuer, subject: credential.subject, audience: [credential.audience] }, dependsOn: [credential.identity] });
    }
    for (const assignment of account.roleAssignments) {
      specs.push({ stack, type: 'azurerm_role_assignment', id: assignment.name, attributes: { name: assignment.name, scope: assignment.scope, role_definition_id: assignment.roleDefinitionId, principal_type: assignment.principalType }, dependsOn: [] });
    }
  }
  return specs;
}

/** Builds the stacks of the specs and returns their Terraform JSON. */
export function buildTerraformBaseline(specs: readonly ResourceSpec[]): unknown[] {
  const app = new App({ skipValidation: true });
  const stacks = new Map<string, { stack: TerraformStack; resources: Map<string, TerraformResource> }>();
  for (const spec of specs) {
    let entry = stacks.get(spec.stack);
    if (!entry) {
      entry = { stack: new TerraformStack(app, spec.stack), resources: new Map() };
      stacks.set(spec.stack, entry);
    }
    const dependsOn = spec.dependsOn.flatMap((id) => entry.resources.get(id) ?? []);
    const config = { terraformResourceType: spec.type, ...(dependsOn.length > 0 ? { dependsOn } : {}) };
    const resource = new TerraformResource(entry.stack, spec.id, config);
    for (const [name, value] of Object.entries(spec.attributes)) resource.addOverride(name, value);
    entry.resources.set(spec.id, resource);
  }
  return [...stacks.values()].map(({ stack }) => stack.toTerraform());
}
