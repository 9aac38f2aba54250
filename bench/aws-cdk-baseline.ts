/**
 * The hand-written baseline of the AWS CDK benchmark: the same roles, OIDC providers, EKS Pod Identity associations,
 * IAM Roles Anywhere profiles and outputs as the Plan, built the way a CDK user writes them by hand with plain
 * aws-cdk-lib: `iam.Role` with a principal (`WebIdentityPrincipal`, `ServicePrincipal`, …) and `PolicyStatement`s,
 * `iam.OidcProviderNative`, `Tags.of(role).add`, one `CfnOutput` per role. Roles go into stacks of at most
 * ROLES_PER_STACK roles (the 200-outputs quota), regional resources into one stack per account and region.
 *
 * `roleSpecs(plan)` turns the Plan into plain inputs outside the timed region; `buildBaseline(app, specs)` is the
 * timed, hand-written part.
 */

import { type App, CfnOutput, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rolesanywhere from 'aws-cdk-lib/aws-rolesanywhere';
import type { AwsPodIdentityAssociation, AwsRolesAnywhereProfile, Plan, PolicyStatement } from 'workload-iam';

const ROLES_PER_STACK = 190;

export interface RoleSpec {
  readonly key: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly tags: Record<string, string>;
  readonly trust: readonly PolicyStatement[];
  readonly policies: readonly { readonly name: string; readonly statements: readonly PolicyStatement[] }[];
}

export interface AccountSpec {
  readonly key: string;
  readonly accountId: string;
  readonly providers: readonly { readonly url: string; readonly clientIds: string[] }[];
  readonly roles: readonly RoleSpec[];
  readonly podIdentity: readonly (AwsPodIdentityAssociation & { readonly roleArn: string })[];
  readonly profiles: readonly (AwsRolesAnywhereProfile & { readonly region: string })[];
}

/** The Plan's trust statements name one principal each. */
interface TrustPrincipal {
  readonly Federated?: string;
  readonly Service?: string;
  readonly AWS?: string;
}

/** What a hand-written app would have as literals: per account, its roles, providers and regional resources. */
export function roleSpecs(plan: Plan): AccountSpec[] {
  return Object.keys(plan.aws).sort().map((key) => {
    const account = plan.aws[key];
    return {
      key,
      accountId: account.accountId,
      providers: account.oidcProviders.map((provider) => ({ url: provider.url, clientIds: [...provider.clientIds] })),
      roles: account.roles.map((role) => ({
        key: role.key,
        name: role.name,
        path: role.path,
        arn: role.arn,
        description: role.description,
        maxSessionDuration: role.maxSessionDuration,
        tags: { ...role.tags },
        trust: role.trustPolicy.Statement.map((statement) => structuredClone(statement)),
        policies: Object.entries(role.inlinePolicies).map(([name, document]) => ({ name, statements: structuredClone(document.Statement) })),
      })),
      podIdentity: account.podIdentityAssociations.map((association) => ({
        ...association,
        roleArn: account.roles.find((r) => r.key === association.role)!.arn,
      })),
      profiles: account.rolesAnywhereProfiles.map((profile) => ({ ...profile, region: profile.trustAnchorArn.split(':')[3] })),
    };
  });
}

/** The specs are the baseline's own copies, so CDK may take their lists as they are. */
const list = (value: string | readonly string[]): string[] => (typeof value === 'string' ? [value] : (value as string[]));

/** The principal of a trust statement, as hand-written CDK code names it. */
function principalOf(statement: PolicyStatement): iam.IPrincipal {
  const conditions = statement.Condition ?? {};
  const actions = list(statement.Action);
  const principal = statement.Principal as TrustPrincipal;
  if (principal.Federated) {
    return principal.Federated.startsWith('arn:')
      ? new iam.WebIdentityPrincipal(principal.Federated, conditions)
      : new iam.FederatedPrincipal(principal.Federated, conditions, 'sts:AssumeRoleWithWebIdentity');
  }
  if (principal.Service) {
    const service = new iam.ServicePrincipal(principal.Service, { conditions });
    return actions.includes('sts:TagSession') ? service.withSessionTags() : service;
  }
  return new iam.ArnPrincipal(principal.AWS!);
}

function buildRole(stack: Stack, spec: RoleSpec): iam.Role {
  const [first, ...others] = spec.trust;
  const role = new iam.Role(stack, spec.key, {
    roleName: spec.name,
    path: spec.path,
    description: spec.description,
    maxSessionDuration: Duration.seconds(spec.maxSessionDuration),
    assumedBy: principalOf(first),
    inlinePolicies: Object.fromEntries(
      spec.policies.map((policy) => [
        policy.name,
        new iam.PolicyDocument({
          statements: policy.statements.map(
            (statement) =>
              new iam.PolicyStatement({
                sid: statement.Sid,
                actions: list(statement.Action),
                resources: list(statement.Resource!),
                conditions: statement.Condition,
              }),
          ),
        }),
      ]),
    ),
  });
  for (const statement of others) {
    role.assumeRolePolicy!.addStatements(
      new iam.PolicyStatement({ principals: [principalOf(statement)], actions: list(statement.Action), conditions: statement.Condition }),
    );
  }
  for (const [key, value] of Object.entries(spec.tags)) Tags.of(role).add(key, value);
  new CfnOutput(stack, `${spec.key}-arn`, { value: role.roleArn });
  return role;
}

export function buildBaseline(app: App, specs: readonly AccountSpec[]): void {
  for (const account of specs) {
    const env = { account: account.accountId };
    const stacks: Stack[] = [];
    account.roles.forEach((spec, index) => {
      if (index % ROLES_PER_STACK === 0) stacks.push(new Stack(app, `baseline-${account.key}-${stacks.length + 1}`, { env }));
      buildRole(stacks[stacks.length - 1], spec);
    });
    for (const provider of account.providers) {
      new iam.OidcProviderNative(stacks[0], provider.url, { url: provider.url, clientIds: provider.clientIds });
    }
    const regional = new Map<string, Stack>();
    const regionalStack = (region: string): Stack => {
      if (!regional.has(region)) regional.set(region, new Stack(app, `baseline-${account.key}-${region}`, { env: { ...env, region } }));
      return regional.get(region)!;
    };
    for (const association of account.podIdentity) {
      new eks.CfnPodIdentityAssociation(regionalStack(association.region), association.key, {
        clusterName: association.cluster,
        namespace: association.namespace,
        serviceAccount: association.serviceAccount,
        roleArn: association.roleArn,
      });
    }
    for (const profile of account.profiles) {
      new rolesanywhere.CfnProfile(regionalStack(profile.region), profile.key, {
        name: profile.name,
        enabled: true,
        durationSeconds: profile.maxSessionDuration,
        roleArns: [...profile.roleArns],
      });
    }
  }
}
