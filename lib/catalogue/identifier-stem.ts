import type { RecognisedType } from './definition';

/**
 * The service an identifier names, read without a pattern: the service of an ARN (`arn:<partition>:<service>:`),
 * the host of a GCP full resource name (`//<host>/`), or the provider namespace of an Azure resource id
 * (`/subscriptions/<id>/resourceGroups/<group>/providers/<namespace>/`, in lower case: Azure ids are not
 * case-sensitive). Undefined when the identifier has none of these forms.
 */
export function stemOfIdentifier(id: string): string | undefined {
  if (id.startsWith('arn:')) {
    const service = id.split(':', 3)[2];
    return service === undefined ? undefined : `aws:${service}`;
  }
  if (id.startsWith('//')) {
    const end = id.indexOf('/', 2);
    return end < 0 ? undefined : `gcp:${id.slice(2, end)}`;
  }
  const parts = id.split('/', 7);
  if (parts.length === 7 && parts[0] === '' && parts[5].toLowerCase() === 'providers') return `azure:${parts[6].toLowerCase()}`;
  return undefined;
}

// The literal service each cloud's identifier patterns start with; anything else in the pattern has no `:` (ARN
// partitions) or `/` (Azure subscription ids and resource group names), so a match always has that stem.
const AWS_STEM = /^\^arn:\(\?<partition>[^():/]*\):([a-z0-9-]+):/;
const GCP_STEM = /^\^\\\/\\\/((?:[a-z0-9-]|\\\.)+)\\\//;
const AZURE_STEM = /^\^\\\/subscriptions\\\/\(\?<subscriptionId>[^/()]*\)\\\/resourceGroups\\\/\[-\\w\.\(\)\]\{0,89\}\[-\\w\(\)\]\\\/providers\\\/((?:[A-Za-z0-9]|\\\.)+)\\\//;

/**
 * The stem every identifier a type's pattern matches has, when the pattern is written in its cloud's usual form;
 * undefined for any other pattern, which is then tried on every identifier.
 */
export function stemOfType(type: Pick<RecognisedType, 'pattern'>): string | undefined {
  const { source, flags } = type.pattern;
  const aws = AWS_STEM.exec(source);
  if (aws && !flags.includes('i')) return `aws:${aws[1]}`;
  const gcp = GCP_STEM.exec(source);
  if (gcp && !flags.includes('i')) return `gcp:${gcp[1].replace(/\\\./g, '.')}`;
  const azure = AZURE_STEM.exec(source);
  if (azure) return `azure:${azure[1].replace(/\\\./g, '.').toLowerCase()}`;
  return undefined;
}
