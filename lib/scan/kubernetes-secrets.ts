import { locatedPath } from './located-path';
import type { LocatedDocument } from './yaml-documents';
import type { Cloud } from '../catalogue/types';
import type { SecretView } from '../trust/secret-view';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Kubernetes object: an `apiVersion` and a `kind`. */
export function isKubernetesManifest(data: unknown): data is Record<string, unknown> {
  return isRecord(data) && typeof data.apiVersion === 'string' && typeof data.kind === 'string';
}

/** Secret keys that name a cloud credential, compared without case, `-`, `_` or `.`. */
const CREDENTIAL_KEYS: Readonly<Record<string, Cloud>> = {
  awssecretaccesskey: 'aws',
  secretaccesskey: 'aws',
  googleapplicationcredentials: 'gcp',
  googlecredentials: 'gcp',
  gcpcredentials: 'gcp',
  serviceaccountkey: 'gcp',
  armclientsecret: 'azure',
  azureclientsecret: 'azure',
  clientsecret: 'azure',
};

/** What a credential file holds, whatever the key is called: an AWS credentials file, a GCP key, an Azure SDK auth file. */
function cloudOfContent(content: string): Cloud | undefined {
  if (/aws_secret_access_key\s*=/.test(content)) return 'aws';
  if (/"type"\s*:\s*"service_account"/.test(content) && /"private_key"\s*:/.test(content)) return 'gcp';
  if (/"clientSecret"\s*:/.test(content)) return 'azure';
  return undefined;
}

/** `data` values are base64; `stringData` values are written as they are. */
function contentOf(section: 'data' | 'stringData', value: unknown): string {
  if (typeof value !== 'string') return '';
  return section === 'data' ? Buffer.from(value, 'base64').toString('utf8') : value;
}

/**
 * The cloud credentials that Kubernetes Secret manifests carry: one per key, found by the key's name or by what its
 * value holds. A document of a multi-document stream is named by its index.
 */
export function readKubernetesSecrets(documents: readonly LocatedDocument[], file: string): SecretView[] {
  return documents.flatMap((document, index) => {
    const { data } = document;
    if (!isKubernetesManifest(data) || data.kind !== 'Secret') return [];
    const metadata = isRecord(data.metadata) ? data.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
    const prefix = documents.length > 1 ? [index] : [];
    return (['data', 'stringData'] as const).flatMap((section) =>
      Object.entries(isRecord(data[section]) ? data[section] : {}).flatMap(([key, value]) => {
        const cloud = CREDENTIAL_KEYS[key.toLowerCase().replace(/[-_.]/g, '')] ?? cloudOfContent(contentOf(section, value));
        if (!cloud) return [];
        const segments = [...prefix, section, key];
        return [
          {
            kind: 'kubernetesSecret' as const,
            cloud,
            what: `Secret ${name} key ${key}`,
            where: { resource: `Secret/${name}`, path: locatedPath(file, segments, document.lineOf([section, key])) },
          },
        ];
      }),
    );
  });
}
