import type { TrustLocation } from './trust-view';
import type { Cloud } from '../catalogue/types';

/** The long-lived credentials a scan finds, by what the rules say about them. */
export type CredentialKind =
  /** An IAM user access key created by infrastructure code. */
  | 'awsAccessKey'
  /** An IAM user whose only purpose is to hold an access key (no console login). */
  | 'awsKeyOnlyUser'
  | 'gcpServiceAccountKey'
  /** An Entra application or service principal password. */
  | 'azureClientSecret'
  /** An Entra application or service principal certificate. */
  | 'azureClientCertificate'
  /** A Kubernetes Secret manifest that carries a cloud credential. */
  | 'kubernetesSecret'
  /** A cloud credential handed to a CI job (an action input, an environment variable, a CI variable). */
  | 'ciCredential';

/** The CI systems whose configuration a scan reads. */
export type CiSystem = 'github' | 'gitlab';

/**
 * One long-lived credential, where it is created, stored or used: the rules turn each into a finding whose fix is the
 * federated replacement.
 */
export interface SecretView {
  readonly kind: CredentialKind;
  /** The cloud the credential signs in to. */
  readonly cloud: Cloud;
  /** What holds or uses it, in words, e.g. `the aws-access-key-id input of aws-actions/configure-aws-credentials`. */
  readonly what: string;
  /** For a CI credential: the CI system whose job signs in with it. */
  readonly ci?: CiSystem;
  readonly where: TrustLocation;
}
