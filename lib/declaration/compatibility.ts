import type { DeclarationProblem } from './errors';
import type { Account } from '../model/account';
import type { Identity } from '../model/identity';

type Path = readonly (string | number)[];

/**
 * Refuses identities a target cloud cannot pin exactly. Each check names the field to add or the identity
 * kind to use instead, because the alternative would be a trust wider than declared.
 */
export function compatibilityProblems(
  identity: Identity,
  account: Account,
  accountKey: string,
  path: Path,
): DeclarationProblem[] {
  const at = (field: string | undefined, message: string): DeclarationProblem => ({
    path: field ? [...path, identity.kind, field] : [...path, identity.kind],
    message: `${message} (needed by the grants in ${account.cloud} account "${accountKey}")`,
  });
  const problems: DeclarationProblem[] = [];
  switch (identity.kind) {
    case 'github':
      if (account.cloud === 'gcp' && !identity.ownerId) {
        problems.push(at('ownerId', 'GCP pins GitHub by immutable ids: ownerId and repositoryId are required'));
      }
      break;
    case 'kubernetes':
      if (identity.eks?.podIdentity && account.cloud !== 'aws') {
        problems.push(at('eks', 'EKS Pod Identity reaches AWS only; use IRSA (the cluster issuer) for other clouds'));
      }
      break;
    case 'spiffe':
      if (identity.x509 && account.cloud !== 'aws') {
        problems.push(at('x509', 'X.509-SVIDs federate through AWS IAM Roles Anywhere only; use a JWT-SVID (jwtIssuer + audience)'));
      }
      if (identity.x509 && account.cloud === 'aws') {
        const anchorAccount = identity.x509.awsTrustAnchorArn.split(':')[4];
        if (account.accountId !== anchorAccount) {
          problems.push(at('x509', `the trust anchor is in account ${anchorAccount}; Roles Anywhere needs it in ${account.accountId}`));
        }
      }
      break;
    case 'oidc':
      if (identity.issuerKind === 'google' && account.cloud === 'aws') {
        problems.push(
          at('issuer', 'AWS trusts Google ID tokens through accounts.google.com, where the aud key is the token\'s azp (the service account\'s unique id): declare a gcpServiceAccount identity (email, uniqueId)'),
        );
      }
      if (Object.keys(identity.claims).length > 0 && account.cloud !== 'gcp') {
        problems.push(
          at('claims', `${account.cloud === 'aws' ? 'AWS STS' : 'an Azure federated credential'} cannot condition on custom claims of a generic issuer; encode them in the subject or grant through GCP`),
        );
      }
      break;
    case 'awsRole':
      if (account.cloud === 'azure') {
        problems.push(at(undefined, 'Azure cannot federate an AWS role directly; use an OIDC identity the role can obtain'));
      }
      break;
    case 'azureManagedIdentity':
      if (account.cloud === 'azure' && identity.tenantId.toLowerCase() !== account.tenantId.toLowerCase()) {
        problems.push(at('tenantId', `the managed identity is in tenant ${identity.tenantId}, the account in ${account.tenantId}`));
      }
      break;
    default:
      break;
  }
  return problems;
}
