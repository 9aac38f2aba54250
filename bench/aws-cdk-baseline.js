'use strict';
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

const { CfnOutput, Duration, Stack, Tags } = require('aws-cdk-lib');
const eks = require('aws-cdk-lib/aws-eks');
const iam = require('aws-cdk-lib/aws-iam');
const rolesanywhere = require('aws-cdk-lib/aws-rolesanywhere');

const ROLES_PER_STACK = 190;

/** What a hand-written app would have as literals: per account, its roles, providers and regional resources. */
function roleSpecs(plan) {
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
      podIdentity: account.podIdentityAssociations.map((association) => ({ ...association, roleArn: account.roles.find((r) => r.key === association.role).arn })),
      profiles: account.rolesAnywhereProfiles.map((profile) => ({ ...profile, region: profile.trustAnchorArn.split(':')[3] })),
    };
  });
}

const list = (value) => (Array.isArray(value) ? value : [value]);

/** The principal of a trust statement, as hand-written CDK code names it. */
function principalOf(statement) {
  const conditions = statement.Condition ?? {};
  const actions = list(statement.Action);
  if (statement.Principal.Federated) {
    return statement.Principal.Federated.startsWith('arn:')
      ? new iam.WebIdentityPrincipal(statement.Principal.Federated, conditions)
      : new iam.FederatedPrincipal(statement.Principal.Federated, conditions, 'sts:AssumeRoleWithWebIdentity');
  }
  if (statement.Principal.Service) {
    const service = new iam.ServicePrincipal(statement.Principal.Service, { conditions });
    return actions.includes('sts:TagSession') ? service.withSessionTags() : service;
  }
  return new iam.ArnPrincipal(statement.Principal.AWS);
}

function buildRole(stack, spec) {
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
                resources: list(statement.Resource),
                conditions: statement.Condition,
              }),
          ),
        }),
      ]),
    ),
  });
  for (const statement of others) {
    role.assumeRolePolicy.addStatements(
      new iam.PolicyStatement({ principals: [principalOf(statement)], actions: list(statement.Action), conditions: statement.Condition }),
    );
  }
  for (const [key, value] of Object.entries(spec.tags)) Tags.of(role).add(key, value);
  new CfnOutput(stack, `${spec.key}-arn`, { value: role.roleArn });
  return role;
}

function buildBaseline(app, specs) {
  for (const account of specs) {
    const env = { account: account.accountId };
    const stacks = [];
    account.roles.forEach((spec, index) => {
      if (index % ROLES_PER_STACK === 0) stacks.push(new Stack(app, `baseline-${account.key}-${stacks.length + 1}`, { env }));
      buildRole(stacks[stacks.length - 1], spec);
    });
    for (const provider of account.providers) {
      new iam.OidcProviderNative(stacks[0], provider.url, { url: provider.url, clientIds: provider.clientIds });
    }
    const regional = new Map();
    const regionalStack = (region) => {
      if (!regional.has(region)) regional.set(region, new Stack(app, `baseline-${account.key}-${region}`, { env: { ...env, region } }));
      return regional.get(region);
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

module.exports = { roleSpecs, buildBaseline };
