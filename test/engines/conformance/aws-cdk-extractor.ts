import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_OTHER_CLOUDS, type Rendered, type RenderedRole } from './rendered';
import type { Plan } from '../../../lib/plan/plan';

interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

type Tag = { Key: string; Value: string };

/**
 * Reads CloudFormation templates back. Stacks are named `workload-iam-<account key>[-shard<N> | -<region>]`, which
 * tells the account of the roles of each template.
 */
export function extractAwsCdk(dir: string, plan: Plan): Rendered {
  const keys = Object.keys(plan.aws).sort((a, b) => b.length - a.length);
  const awsRoles: Record<string, RenderedRole> = {};
  const awsOidcProviders: Record<string, Record<string, string[]>> = {};
  const awsPodIdentity: Record<string, string> = {};
  const awsRolesAnywhere: Record<string, { roleArns: string[]; durationSeconds: number }> = {};
  for (const file of readdirSync(dir).sort()) {
    const stack = file.replace(/\.template\.json$/, '');
    const account = keys.find((key) => stack === `workload-iam-${key}` || stack.startsWith(`workload-iam-${key}-`))!;
    const template = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { Resources: Record<string, CfnResource> };
    for (const { Type, Properties: p } of Object.values(template.Resources)) {
      switch (Type) {
        case 'AWS::IAM::Role': {
          const policies = (p.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[];
          awsRoles[`${account}/${p.RoleName as string}`] = {
            path: p.Path as string,
            trustPolicy: JSON.stringify(p.AssumeRolePolicyDocument),
            inlinePolicies: Object.fromEntries(policies.map((policy) => [policy.PolicyName, JSON.stringify(policy.PolicyDocument)])),
            maxSessionDuration: p.MaxSessionDuration as number,
            tags: Object.fromEntries(((p.Tags ?? []) as Tag[]).map((tag) => [tag.Key, tag.Value])),
          };
          break;
        }
        case 'AWS::IAM::OIDCProvider':
          awsOidcProviders[account] = { ...awsOidcProviders[account], [p.Url as string]: [...(p.ClientIdList as string[])].sort() };
          break;
        case 'AWS::EKS::PodIdentityAssociation':
          awsPodIdentity[`${p.ClusterName as string}/${p.Namespace as string}/${p.ServiceAccount as string}`] = p.RoleArn as string;
          break;
        case 'AWS::RolesAnywhere::Profile':
          awsRolesAnywhere[p.Name as string] = { roleArns: [...(p.RoleArns as string[])].sort(), durationSeconds: p.DurationSeconds as number };
          break;
        default:
          throw new Error(`${file}: unexpected resource type ${Type}: the harness must learn to compare it`);
      }
    }
  }
  // Accounts that create no provider are listed empty, as the Plan side lists them.
  for (const key of keys) awsOidcProviders[key] ??= {};
  return { awsRoles, awsOidcProviders, awsPodIdentity, awsRolesAnywhere, ...NO_OTHER_CLOUDS };
}
