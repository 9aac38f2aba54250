import type { Snippet } from './snippet';
import { awsRegion, azureClientId, type Targets } from './targets';
import type { GitlabIdentity } from '../model/identity';

/** A CI/CD variable name for the token of one account: `AWS_PROD_ID_TOKEN`. */
const tokenName = (account: string) => `${account.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_ID_TOKEN`;

/**
 * A GitLab CI job that requests one `id_tokens` token per account, with the audience each trust pins, and exchanges
 * it: the AWS SDKs and CLI through AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE, gcloud through an external-account
 * credential configuration, the Azure CLI through `az login --federated-token`.
 */
export function gitlabSnippet(workload: string, identity: GitlabIdentity, targets: Targets): Snippet {
  const idTokens: Record<string, { aud: string }> = {};
  const variables: Record<string, string> = {};
  const script: string[] = [];
  for (const target of targets.aws) {
    const token = tokenName(target.account);
    idTokens[token] = { aud: target.audience ?? 'sts.amazonaws.com' };
    variables.AWS_ROLE_ARN = target.roleArn;
    variables.AWS_REGION = awsRegion(target);
    variables.AWS_WEB_IDENTITY_TOKEN_FILE = '$CI_BUILDS_DIR/.aws-web-identity-token';
    script.push(`printf '%s' "$${token}" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`);
  }
  for (const target of targets.gcp) {
    const token = tokenName(target.account);
    idTokens[token] = { aud: target.audience ?? '' };
    const file = `$CI_BUILDS_DIR/.${target.account}-credentials.json`;
    script.push(
      `printf '%s' "$${token}" > "$CI_BUILDS_DIR/.${target.account}-id-token"`,
      [
        `gcloud iam workload-identity-pools create-cred-config ${target.provider}`,
        ...(target.serviceAccount ? [`--service-account=${target.serviceAccount}`] : []),
        `--credential-source-file="$CI_BUILDS_DIR/.${target.account}-id-token"`,
        `--output-file="${file}"`,
      ].join(' '),
      `gcloud auth login --cred-file="${file}"`,
    );
  }
  for (const target of targets.azure) {
    const token = tokenName(target.account);
    idTokens[token] = { aud: target.audience };
    script.push(
      `az login --service-principal --username "${azureClientId(target)}" --tenant ${target.tenantId} --federated-token "$${token}"`,
      `az account set --subscription ${target.subscriptionId}`,
    );
  }
  return {
    title: `GitLab CI job of ${identity.project}`,
    yaml: {
      [workload]: {
        ...(identity.environment !== undefined ? { environment: identity.environment } : {}),
        rules: [{ if: `$CI_COMMIT_${identity.refType === 'tag' ? 'TAG' : 'BRANCH'} == "${identity.ref}"` }],
        id_tokens: idTokens,
        ...(Object.keys(variables).length > 0 ? { variables } : {}),
        script,
      },
    },
    notes: [
      `the trust admits ${identity.refType} ${identity.ref} of project ${identity.project}${identity.protectedRef ? ' when it is protected' : ''}${identity.environment !== undefined ? `, environment ${identity.environment}` : ''}`,
    ],
  };
}
