import { githubSubjectContext } from './token';
import type { Identity } from '../model/identity';

/**
 * A short, human-readable name for an identity, used by the manifest and the "what can identity I reach"
 * query: `<kind>:<what it is>`, e.g. `github:acme/web:environment:production`.
 */
export function identityLabel(identity: Identity): string {
  switch (identity.kind) {
    case 'github':
      return `github:${identity.repository}:${githubSubjectContext(identity)}`;
    case 'gitlab':
      return `gitlab:${identity.project}:${identity.refType}:${identity.ref}`;
    case 'kubernetes': {
      const cluster = identity.eks?.podIdentity
        ? `eks:${identity.eks.region}/${identity.eks.cluster}`
        : identity.gke
          ? `gke:${identity.gke.projectId}/${identity.gke.location}/${identity.gke.cluster}`
          : identity.issuer;
      return `kubernetes:${identity.namespace}/${identity.serviceAccount}@${cluster}`;
    }
    case 'terraformCloud':
      return `terraformCloud:${identity.organization}/${identity.project}/${identity.workspace}:${identity.runPhase}`;
    case 'spiffe':
      return `spiffe:${identity.id}${identity.x509 ? '#x509' : '#jwt'}`;
    case 'oidc':
      return `oidc:${identity.issuer}#${identity.subject}`;
    case 'awsRole':
      return `awsRole:${identity.arn}`;
    case 'gcpServiceAccount':
      return `gcpServiceAccount:${identity.email}`;
    case 'azureManagedIdentity':
      return `azureManagedIdentity:${identity.tenantId}/${identity.objectId}`;
  }
}

/** True when `selector` names this label or a prefix of it ending at a field boundary. */
export function labelMatches(label: string, selector: string): boolean {
  if (label === selector) return true;
  return label.startsWith(selector) && ':@/#'.includes(label.charAt(selector.length));
}
