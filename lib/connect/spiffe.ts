import type { Snippet } from './snippet';
import { awsRegion, type Targets } from './targets';
import { placeholder } from '../declaration/placeholders';
import type { SpiffeIdentity } from '../model/identity';

/** Where spiffe-helper writes the JWT-SVID the cloud SDKs read. */
const SVID_DIRECTORY = '/run/spiffe';

/**
 * A SPIFFE workload: spiffe-helper writes a JWT-SVID for each audience the trusts pin, which the SDKs exchange; an
 * X.509-SVID signs in to AWS through IAM Roles Anywhere with aws_signing_helper.
 */
export function spiffeSnippets(identity: SpiffeIdentity, targets: Targets): Snippet[] {
  const snippets: Snippet[] = [];
  const rolesAnywhere = targets.aws.filter((target) => target.rolesAnywhere);
  for (const target of rolesAnywhere) {
    const { trustAnchorArn, profile, region } = target.rolesAnywhere!;
    snippets.push({
      title: `AWS (${target.account}) through IAM Roles Anywhere with the X.509-SVID of ${identity.id}`,
      text: [
        `[profile ${target.account}]`,
        `credential_process = ${[
          'aws_signing_helper credential-process',
          `--trust-anchor-arn ${trustAnchorArn}`,
          `--profile-arn ${placeholder(`ARN of Roles Anywhere profile ${profile} in ${region}, known after deploy`)}`,
          `--role-arn ${target.roleArn}`,
          `--certificate ${SVID_DIRECTORY}/svid.pem --private-key ${SVID_DIRECTORY}/svid_key.pem --intermediates ${SVID_DIRECTORY}/bundle.pem`,
        ].join(' ')}`,
        '',
      ].join('\n'),
      notes: ['add the profile to ~/.aws/config; spiffe-helper keeps the certificate files current'],
    });
  }
  const jwt = [
    ...targets.aws.filter((target) => !target.rolesAnywhere).map((target) => ({ audience: target.audience ?? '', file: `${target.account}.jwt`, env: `AWS_ROLE_ARN=${target.roleArn} AWS_WEB_IDENTITY_TOKEN_FILE=${SVID_DIRECTORY}/${target.account}.jwt AWS_REGION=${awsRegion(target)}` })),
    ...targets.gcp.map((target) => ({ audience: target.audience ?? '', file: `${target.account}.jwt`, env: `gcloud iam workload-identity-pools create-cred-config ${target.provider}${target.serviceAccount ? ` --service-account=${target.serviceAccount}` : ''} --credential-source-file=${SVID_DIRECTORY}/${target.account}.jwt --output-file=credentials.json` })),
    ...targets.azure.map((target) => ({ audience: target.audience, file: `${target.account}.jwt`, env: `AZURE_FEDERATED_TOKEN_FILE=${SVID_DIRECTORY}/${target.account}.jwt AZURE_TENANT_ID=${target.tenantId}` })),
  ];
  if (jwt.length > 0) {
    snippets.push({
      title: `spiffe-helper configuration (helper.conf) for ${identity.id}`,
      text: [
        'agent_address = "/run/spire/sockets/agent.sock"',
        `cert_dir = "${SVID_DIRECTORY}"`,
        'jwt_svids = [',
        ...jwt.map(({ audience, file }) => `  { jwt_audience = "${audience}", jwt_svid_file_name = "${file}" },`),
        ']',
        '',
      ].join('\n'),
      notes: jwt.map(({ env }) => `then: ${env}`),
    });
  }
  return snippets;
}
