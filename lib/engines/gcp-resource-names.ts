/**
 * A GCP full resource name (`//storage.googleapis.com/projects/_/buckets/b`) in parts: the relative name
 * (`projects/_/buckets/b`) and the id of each collection in it (`{ projects: '_', buckets: 'b' }`), which every engine
 * maps to its own resource arguments.
 */
export interface GcpResourceName {
  readonly service: string;
  readonly relative: string;
  readonly ids: Readonly<Record<string, string>>;
}

export function gcpResourceName(fullName: string): GcpResourceName {
  const match = /^\/\/([^/]+)\/(.+)$/.exec(fullName);
  if (!match) throw new Error(`${fullName} is not a GCP full resource name`);
  const segments = match[2].split('/');
  const ids: Record<string, string> = {};
  for (let i = 0; i + 1 < segments.length; i += 2) ids[segments[i]] = segments[i + 1];
  return { service: match[1], relative: match[2], ids };
}
