/**
 * The SPIFFE ID format (SPIFFE standard, "SPIFFE-ID" §2): `spiffe://` + a trust domain of lowercase letters,
 * digits, `.`, `-` and `_` + a path of `/`-separated segments of letters, digits, `.`, `-` and `_`. No
 * percent-encoding, no empty, `.` or `..` segments, no trailing slash, no port, user or query; at most 2048 bytes. An
 * ID outside the format is one no SVID carries, and one that a lenient parser could read as another.
 */
const MAX_BYTES = 2048;
const MAX_TRUST_DOMAIN = 255;
const PREFIX = 'spiffe://';

/** Why `id` is not a workload's SPIFFE ID (one with a path); undefined when it is. */
export function spiffeIdProblem(id: string): string | undefined {
  if (!id.startsWith(PREFIX)) return 'must start with spiffe:// (lowercase)';
  if (Buffer.byteLength(id) > MAX_BYTES) return `is over ${MAX_BYTES} bytes`;
  const rest = id.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  const trustDomain = slash < 0 ? rest : rest.slice(0, slash);
  if (trustDomain === '') return 'has no trust domain';
  if (trustDomain.length > MAX_TRUST_DOMAIN) return `has a trust domain over ${MAX_TRUST_DOMAIN} characters`;
  if (!/^[a-z0-9._-]+$/.test(trustDomain)) {
    return `has trust domain "${trustDomain}": only lowercase letters, digits, ".", "-" and "_" (no port, user or uppercase)`;
  }
  if (slash < 0) return 'needs a path naming one workload: spiffe://trust-domain/path';
  const segments = rest.slice(slash + 1).split('/');
  for (const segment of segments) {
    if (segment === '') return 'has an empty path segment (a "//" or a trailing "/")';
    if (segment === '.' || segment === '..') return `has a "${segment}" path segment`;
    const bad = /[^A-Za-z0-9._-]/.exec(segment);
    if (bad) return `has "${bad[0]}" in its path: segments hold only letters, digits, ".", "-" and "_" (no percent-encoding)`;
  }
  return undefined;
}
