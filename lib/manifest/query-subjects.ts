import { nearest } from './near-matches';
import { WORKLOAD_NAME } from '../declaration/schema';
import { LABEL_KINDS } from '../identity/label';

/** `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; region and account may be empty (`arn:aws:s3:::bucket`). */
const ARN = /^arn:[a-z][a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[a-z0-9-]*:.+$/;
/** `//SERVICE.googleapis.com/PATH`. */
const GCP_FULL_RESOURCE_NAME = /^\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.googleapis\.com\/.+$/;
/** `/subscriptions/GUID` and what lies under it; ARM reads ids case-insensitively. */
const AZURE_RESOURCE_ID = /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/.*)?$/i;
/** C0 and C1 controls and the Unicode line separators: no identifier or label carries them. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/**
 * Why `resource` cannot name a resource for `who-can-reach`, or undefined when it is an ARN, a GCP full resource
 * name or an Azure resource id.
 */
export function resourceFormProblem(resource: string): string | undefined {
  const quoted = JSON.stringify(resource);
  const text = textProblem(resource);
  if (text) return `${quoted} ${text}`;
  if (isResource(resource)) return undefined;
  if (resource.startsWith('arn:')) {
    return `${quoted} is not a whole ARN: it has six colon-separated parts, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (region and account may be empty, as in arn:aws:s3:::BUCKET)`;
  }
  if (/^(\/\/)?[a-z0-9.-]*googleapis\.com\//.test(resource) || resource.startsWith('projects/')) {
    return `${quoted} is not a GCP full resource name: it starts with //SERVICE.googleapis.com/, as in //storage.googleapis.com/projects/_/buckets/BUCKET`;
  }
  if (/^\/?subscriptions\//i.test(resource)) {
    return `${quoted} is not an Azure resource id: it starts with /subscriptions/ and the subscription's GUID`;
  }
  if (isLabel(resource)) return `${quoted} is an identity, not a resource: what-can-reach lists what an identity reaches`;
  return `${quoted} is not an ARN (arn:aws:…), a GCP full resource name (//SERVICE.googleapis.com/…) or an Azure resource id (/subscriptions/GUID/…)`;
}

/**
 * Why `selector` cannot select identities for `what-can-reach`, or undefined when it is an identity label or a prefix
 * of one (`KIND` or `KIND:…`, e.g. `github:acme/web`) or a workload name.
 */
export function identityFormProblem(selector: string): string | undefined {
  const quoted = JSON.stringify(selector);
  const text = textProblem(selector);
  if (text) return `${quoted} ${text}`;
  if (isLabel(selector) || WORKLOAD_NAME.test(selector)) return undefined;
  if (isResource(selector)) return `${quoted} is a resource, not an identity: who-can-reach lists who reaches a resource`;
  if (selector.includes(':')) {
    const kind = selector.split(':', 1)[0];
    const meant = nearest(kind, LABEL_KINDS, { ignoreCase: true });
    const suggestion = meant.length > 0 ? ` (did you mean "${meant[0]}"?)` : '';
    return `${quoted} starts with the unknown identity kind "${kind}"${suggestion}: labels start with one of ${LABEL_KINDS.join(', ')}`;
  }
  return `${quoted} is neither an identity label (KIND:…, e.g. github:acme/web) nor a workload name (2 to 40 lowercase letters, digits or hyphens, starting with a letter)`;
}

function isResource(text: string): boolean {
  return ARN.test(text) || GCP_FULL_RESOURCE_NAME.test(text) || AZURE_RESOURCE_ID.test(text);
}

/** A label of a known kind or a prefix of one: `github`, `github:acme/web`. */
function isLabel(text: string): boolean {
  return (LABEL_KINDS as readonly string[]).includes(text.split(':', 1)[0]);
}

/**
 * Problems of the text itself: a pasted line break or a stray space at either end is the usual cause of a query that
 * answers nothing. Spaces inside are kept: a GitHub environment name may have them.
 */
function textProblem(text: string): string | undefined {
  if (text === '') return 'is empty';
  if (CONTROL.test(text)) return 'contains a control character or line break';
  if (text.trim() !== text) return 'starts or ends with white space';
  return undefined;
}
