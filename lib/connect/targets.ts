import { placeholder } from '../declaration/placeholders';
import type { Plan } from '../plan/plan';

/** Where one identity of a workload signs in on AWS: the role, and the audience its trust pins. */
export interface AwsTarget {
  readonly account: string;
  readonly roleArn: string;
  /** The `aud` the trust statement admitting the identity pins; absent for Pod Identity and Roles Anywhere. */
  readonly audience?: string;
  readonly region?: string;
  readonly podIdentity?: { readonly cluster: string; readonly namespace: string; readonly serviceAccount: string };
  readonly rolesAnywhere?: { readonly trustAnchorArn: string; readonly profile: string; readonly region: string };
}

/** Where one identity signs in on GCP: the pool provider (absent for GKE's own pool) and the impersonated account. */
export interface GcpTarget {
  readonly account: string;
  readonly projectId: string;
  /** The provider's full resource name, `projects/NUM/locations/global/workloadIdentityPools/POOL/providers/ID`. */
  readonly provider?: string;
  /** The audience a token must carry: the provider's first allowed audience, else its resource name as a URL. */
  readonly audience?: string;
  /** Whether the provider lists allowed audiences (tools that default to the resource name must then be told). */
  readonly customAudience?: true;
  readonly serviceAccount?: string;
}

/** Where one identity signs in on Azure: the managed identity (its client id is only known after deploy). */
export interface AzureTarget {
  readonly account: string;
  readonly identityName: string;
  readonly resourceGroup: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly audience: string;
}

export interface Targets {
  readonly aws: readonly AwsTarget[];
  readonly gcp: readonly GcpTarget[];
  readonly azure: readonly AzureTarget[];
}

const admits = (origin: { readonly identities?: readonly number[] } | undefined, identity: number) => origin?.identities?.includes(identity) ?? false;

/** The single `…:aud` value a trust statement pins with StringEquals. */
function audienceOf(condition: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>> | undefined): string | undefined {
  const entry = Object.entries(condition?.StringEquals ?? {}).find(([key]) => key.endsWith(':aud'));
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

/**
 * What the Plan created for one identity of a workload, in every account: read from the Plan alone, so `connect`
 * prints exactly the names `synth` deploys. Accounts come in the Plan's (sorted) order.
 */
export function targetsOf(plan: Plan, workload: string, identity: number): Targets {
  const aws = Object.entries(plan.aws).flatMap(([account, accountPlan]): AwsTarget[] => {
    const role = accountPlan.roles.find((r) => r.workload === workload);
    const statement = role?.trustPolicy.Statement.find((_, index) => admits(role.trustOrigins[index], identity));
    if (!role || !statement) return [];
    const association = accountPlan.podIdentityAssociations.find((a) => a.role === role.key && admits(a.origin, identity));
    const profile = accountPlan.rolesAnywhereProfiles.find((p) => p.roles.includes(role.key));
    const rolesAnywhere = statement.Principal?.Service === 'rolesanywhere.amazonaws.com' && profile;
    const audience = audienceOf(statement.Condition);
    return [
      {
        account,
        roleArn: role.arn,
        ...(audience !== undefined ? { audience } : {}),
        ...(accountPlan.region !== undefined ? { region: accountPlan.region } : {}),
        ...(association
          ? { podIdentity: { cluster: association.cluster, namespace: association.namespace, serviceAccount: association.serviceAccount } }
          : {}),
        ...(rolesAnywhere ? { rolesAnywhere: { trustAnchorArn: profile.trustAnchorArn, profile: profile.name, region: profile.region } } : {}),
      },
    ];
  });
  const gcp = Object.entries(plan.gcp).flatMap(([account, accountPlan]): GcpTarget[] => {
    const member = accountPlan.members.find((m) => m.workload === workload && admits(m.origin, identity));
    if (!member) return [];
    const provider = accountPlan.providers.find((p) => p.id === member.provider);
    const serviceAccount = accountPlan.serviceAccounts.find((s) => s.workload === workload);
    return [
      {
        account,
        projectId: accountPlan.projectId,
        ...(provider ? { provider: provider.name, audience: provider.allowedAudiences[0] ?? `https://iam.googleapis.com/${provider.name}` } : {}),
        ...(provider && provider.allowedAudiences.length > 0 ? { customAudience: true as const } : {}),
        ...(serviceAccount ? { serviceAccount: serviceAccount.email } : {}),
      },
    ];
  });
  const azure = Object.entries(plan.azure).flatMap(([account, accountPlan]): AzureTarget[] => {
    const managed = accountPlan.identities.find((i) => i.workload === workload);
    const credential = accountPlan.federatedCredentials.find((c) => c.identity === managed?.key && admits(c.origin, identity));
    if (!managed || !credential) return [];
    return [
      {
        account,
        identityName: managed.name,
        resourceGroup: accountPlan.resourceGroup,
        tenantId: accountPlan.tenantId,
        subscriptionId: accountPlan.subscriptionId,
        audience: credential.audience,
      },
    ];
  });
  return { aws, gcp, azure };
}

/** The managed identity's client id, known once it is deployed: where to read it. */
export const azureClientId = (target: AzureTarget) =>
  placeholder(`client id of managed identity ${target.identityName}, known after deploy (az identity show -g ${target.resourceGroup} -n ${target.identityName} --query clientId -o tsv)`);

/** The region to sign in to: the account's, else a placeholder that says where to declare it. */
export const awsRegion = (target: AwsTarget) => target.region ?? placeholder(`AWS region; declare accounts.${target.account}.region`);
