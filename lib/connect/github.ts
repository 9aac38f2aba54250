import type { Snippet } from './snippet';
import { awsRegion, azureClientId, type Targets } from './targets';
import type { GithubIdentity } from '../model/identity';

/** The audience configure-aws-credentials requests unless told otherwise (its action.yml). */
const AWS_ACTION_AUDIENCE = 'sts.amazonaws.com';
/** The audience azure/login requests unless told otherwise. */
const AZURE_ACTION_AUDIENCE = 'api://AzureADTokenExchange';

/** The trigger that makes a job run in the identity's context. */
function triggerOf(identity: GithubIdentity): Record<string, unknown> {
  if (identity.pullRequest) return { pull_request: {} };
  const ref = identity.ref ?? '';
  if (ref.startsWith('refs/tags/')) return { push: { tags: [ref.slice('refs/tags/'.length)] } };
  if (ref.startsWith('refs/heads/')) return { push: { branches: [ref.slice('refs/heads/'.length)] } };
  return { workflow_dispatch: {} };
}

/** The sign-in steps, one per account the identity reaches, in the Plan's order. */
function signInSteps(targets: Targets): Record<string, unknown>[] {
  return [
    ...targets.aws.map((target) => ({
      name: `Sign in to AWS (${target.account})`,
      uses: 'aws-actions/configure-aws-credentials@v4',
      with: {
        'role-to-assume': target.roleArn,
        'aws-region': awsRegion(target),
        ...(target.audience !== undefined && target.audience !== AWS_ACTION_AUDIENCE ? { audience: target.audience } : {}),
      },
    })),
    ...targets.gcp.map((target) => ({
      name: `Sign in to GCP (${target.account})`,
      uses: 'google-github-actions/auth@v2',
      with: {
        workload_identity_provider: target.provider,
        ...(target.serviceAccount ? { service_account: target.serviceAccount } : {}),
        ...(target.customAudience && target.audience !== undefined ? { audience: target.audience } : {}),
      },
    })),
    ...targets.azure.map((target) => ({
      name: `Sign in to Azure (${target.account})`,
      uses: 'azure/login@v2',
      with: {
        'client-id': azureClientId(target),
        'tenant-id': target.tenantId,
        'subscription-id': target.subscriptionId,
        ...(target.audience !== AZURE_ACTION_AUDIENCE ? { audience: target.audience } : {}),
      },
    })),
  ];
}

/**
 * A GitHub Actions workflow whose job signs in to every account the identity reaches: `id-token: write`, the
 * environment or trigger the trust admits, one sign-in step per account.
 */
export function githubSnippet(workload: string, identity: GithubIdentity, targets: Targets): Snippet {
  const notes = [
    ...(identity.environment !== undefined ? [`the job must run in environment ${identity.environment}: the trust admits no other`] : []),
    ...(identity.ref !== undefined ? [`the trust admits runs on ${identity.ref} only`] : []),
    ...(identity.workflow !== undefined ? [`the trust admits only the reusable workflow ${identity.workflow}: put these steps there and call it from ${identity.repository}`] : []),
  ];
  return {
    title: `GitHub Actions workflow of ${identity.repository}`,
    yaml: {
      name: workload,
      on: triggerOf(identity),
      jobs: {
        [workload]: {
          'runs-on': 'ubuntu-latest',
          ...(identity.environment !== undefined ? { environment: identity.environment } : {}),
          // The job asks GitHub for its OIDC token; `contents: read` keeps checkout working.
          'permissions': { 'id-token': 'write', 'contents': 'read' },
          'steps': signInSteps(targets),
        },
      },
    },
    notes,
  };
}
