import type { Cloud } from '../catalogue/types';
import type { CiSystem } from '../trust/secret-view';

/**
 * Environment and CI variable names that hand a job a long-lived cloud credential (the access key id alone is not
 * secret, so only its secret half is named).
 */
export const CREDENTIAL_VARIABLES: Readonly<Record<string, Cloud>> = {
  AWS_SECRET_ACCESS_KEY: 'aws',
  GOOGLE_APPLICATION_CREDENTIALS: 'gcp',
  GOOGLE_CREDENTIALS: 'gcp',
  GOOGLE_CLOUD_KEYFILE_JSON: 'gcp',
  ARM_CLIENT_SECRET: 'azure',
  ARM_CLIENT_CERTIFICATE_PASSWORD: 'azure',
  AZURE_CLIENT_SECRET: 'azure',
  AZURE_CREDENTIALS: 'azure',
};

/** One CI job that signs in to a cloud with a long-lived credential: what `scan --propose` replaces. */
export interface CiCredentialUse {
  readonly ci: CiSystem;
  readonly cloud: Cloud;
  /** The CI configuration file, as scan shows it. */
  readonly file: string;
  readonly job: string;
  /** The job's `environment:` as written (GitHub: a name or `{ name }`; GitLab: a name or `{ name }`). */
  readonly environment?: unknown;
  /** When the job runs, as written: GitHub, the workflow's `on:`; GitLab, the job's `rules:` and `only:`. */
  readonly triggers?: unknown;
  /** The finding path of the credential. */
  readonly path: string;
}
