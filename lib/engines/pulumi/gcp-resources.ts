import type * as pulumi from '@pulumi/pulumi';
import type { ChildOptions } from './child-options';
import type { GcpModules } from './cloud-packages';
import type { GcpBinding, GcpProvider, Plan } from '../../plan/plan';
import { digest } from '../../stable';
import { gcpIamTarget } from '../gcp-iam-targets';

type ServiceAccount = InstanceType<GcpModules['Account']>;
type MemberClass = new (name: string, args: Record<string, unknown>, options: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The class of `@pulumi/gcp` that binds a member on each resource type of the catalogue (and a service account). */
const IAM_MEMBERS: Readonly<Record<string, keyof GcpModules>> = {
  'gcs-bucket': 'BucketIAMMember',
  'pubsub-topic': 'TopicIAMMember',
  'pubsub-subscription': 'SubscriptionIAMMember',
  'secretmanager-secret': 'SecretIamMember',
  'artifactregistry-repository': 'RepositoryIamMember',
  'bigquery-dataset': 'DatasetIamMember',
  'cloudrun-service': 'ServiceIamMember',
  'cloudkms-crypto-key': 'CryptoKeyIAMMember',
  'cloudsql-instance': 'ProjectIAMMember',
  'spanner-database': 'SpannerDatabaseIAMMember',
  'firestore-database': 'ProjectIAMMember',
  'cloudfunctions-function': 'ServiceIamMember',
  'iam-service-account': 'ServiceAccountIAMMember',
};

/** Terraform's snake-case argument names as Pulumi's bridged GCP package spells them. */
const camelCase = (target: Record<string, string>) =>
  Object.fromEntries(Object.entries(target).map(([name, value]) => [name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()), value]));

/**
 * One GCP project of the Plan, literally: the pool and its providers (kept by default: Google soft-deletes them for 30
 * days and their ids cannot be reused), the service accounts workloads impersonate, and a resource-level IAM member per
 * binding. Returns each workload's service account.
 */
export function renderGcpAccount(gcp: GcpModules, plan: Plan, key: string, keep: boolean, child: ChildOptions): ReadonlyMap<string, ServiceAccount> {
  const account = plan.gcp[key];
  const project = account.projectId;
  const pool = new gcp.WorkloadIdentityPool(`${child.prefix}-pool`, { project, workloadIdentityPoolId: account.pool.id }, child.shared({ keep }));
  const providers = new Map<string, pulumi.Resource>();
  for (const provider of account.providers) {
    providers.set(
      provider.id,
      new gcp.WorkloadIdentityPoolProvider(
        `${child.prefix}-${provider.id}`,
        {
          project,
          workloadIdentityPoolId: pool.workloadIdentityPoolId,
          workloadIdentityPoolProviderId: provider.id,
          attributeMapping: provider.attributeMapping,
          attributeCondition: provider.attributeCondition,
          ...(provider.type === 'oidc' ? { oidc: oidcOf(provider) } : { aws: { accountId: provider.awsAccountId! } }),
        },
        child.shared({ keep }),
      ),
    );
  }
  const serviceAccounts = new Map<string, ServiceAccount>();
  for (const planned of account.serviceAccounts) {
    serviceAccounts.set(
      planned.workload,
      new gcp.Account(
        `${child.prefix}-${planned.workload}-service-account`,
        { project, accountId: planned.accountId, displayName: planned.displayName },
        child.of(planned.workload),
      ),
    );
  }
  for (const binding of account.bindings) {
    const provider = binding.provider ? [providers.get(binding.provider)!] : [];
    const serviceAccount = serviceAccounts.get(binding.workload);
    renderBinding(gcp, binding, child, [...provider, ...(serviceAccount ? [serviceAccount] : [])]);
  }
  return serviceAccounts;
}

function oidcOf(provider: GcpProvider): { issuerUri: string; allowedAudiences?: string[] } {
  return { issuerUri: provider.issuer!, ...(provider.allowedAudiences.length > 0 ? { allowedAudiences: [...provider.allowedAudiences] } : {}) };
}

/** One binding as its resource type's IAM member, named from what it binds so adding one renames none. */
function renderBinding(gcp: GcpModules, binding: GcpBinding, child: ChildOptions, dependsOn: readonly pulumi.Resource[]): void {
  const member = IAM_MEMBERS[binding.resourceType];
  const memberClass = member === undefined ? undefined : (gcp[member] as unknown as MemberClass);
  if (!memberClass) throw new Error(`no Pulumi IAM member resource for GCP resource type ${binding.resourceType}`);
  new memberClass(
    `${child.prefix}-${binding.workload}-${digest([binding.resource, binding.role, binding.member])}`,
    {
      ...camelCase(gcpIamTarget(binding.resourceType, binding.resource)),
      role: binding.role,
      member: binding.member,
      ...(binding.condition ? { condition: { ...binding.condition } } : {}),
    },
    child.of(binding.workload, { dependsOn }),
  );
}
