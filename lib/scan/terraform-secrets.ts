import { terraformBlocks, type TerraformBlock } from './terraform-json';
import type { TerraformFile } from './terraform-module';
import type { Cloud } from '../catalogue/types';
import type { CredentialKind, SecretView } from '../trust/secret-view';

/** The Terraform resources that create a long-lived credential. */
const CREDENTIAL_RESOURCES: Readonly<Record<string, { readonly kind: CredentialKind; readonly cloud: Cloud }>> = {
  aws_iam_access_key: { kind: 'awsAccessKey', cloud: 'aws' },
  google_service_account_key: { kind: 'gcpServiceAccountKey', cloud: 'gcp' },
  azuread_application_password: { kind: 'azureClientSecret', cloud: 'azure' },
  azuread_service_principal_password: { kind: 'azureClientSecret', cloud: 'azure' },
  azuread_application_certificate: { kind: 'azureClientCertificate', cloud: 'azure' },
  azuread_service_principal_certificate: { kind: 'azureClientCertificate', cloud: 'azure' },
};

/** The line a block address (`resource.aws_iam_access_key.ci`) is written at in a file of the module, when known. */
export type BlockLine = (file: string, address: string) => number | undefined;

/** The `aws_iam_user` a block's `user` names: by reference (`${aws_iam_user.ci.name}`, as written) or by its literal name. */
function userOf(block: TerraformBlock, users: readonly TerraformBlock[]): TerraformBlock | undefined {
  const { user } = block.body;
  const reference = typeof user === 'string' ? /^\$\{(aws_iam_user\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_]+\}$/.exec(user)?.[1] : undefined;
  return users.find((candidate) => (reference ? reference === candidate.address : user !== undefined && user === candidate.body.name));
}

/**
 * The long-lived credentials one Terraform module creates: access keys, service account keys, Entra application and
 * service principal passwords and certificates, and the IAM users that hold a key and have no console login.
 */
export function readTerraformSecrets(files: readonly TerraformFile[], lineOf: BlockLine): SecretView[] {
  const blocks = files.flatMap(({ config, file }) => terraformBlocks(config, file)).filter((block) => block.kind === 'resource');
  const view = (block: TerraformBlock, kind: CredentialKind, cloud: Cloud): SecretView => {
    const [file, address] = block.path.split('#');
    const line = lineOf(file, address);
    return { kind, cloud, what: block.address, where: { resource: block.address, path: line === undefined ? block.path : `${file}:${line}#${address}` } };
  };
  const users = blocks.filter((block) => block.type === 'aws_iam_user');
  const withKey = new Set(blocks.filter((block) => block.type === 'aws_iam_access_key').map((key) => userOf(key, users)));
  const withLogin = new Set(blocks.filter((block) => block.type === 'aws_iam_user_login_profile').map((login) => userOf(login, users)));
  return [
    ...blocks.flatMap((block) => {
      const credential = CREDENTIAL_RESOURCES[block.type];
      return credential ? [view(block, credential.kind, credential.cloud)] : [];
    }),
    ...users.filter((user) => withKey.has(user) && !withLogin.has(user)).map((user) => view(user, 'awsKeyOnlyUser', 'aws')),
  ];
}
