import { ISSUER_TITLES } from '../../identity/issuers';
import type { Facts, Pattern } from '../facts';
import { sharedIssuer, type IssuerReader } from './reader';

/** `spiffe://TRUST_DOMAIN/PATH`: the trust domain is the tenant, the path one workload. */
function subject(pattern: Pattern): Facts {
  const { literal, open, text } = pattern;
  const match = /^spiffe:\/\/([^/]*)(\/.*)?$/.exec(literal);
  if (!match) return open && 'spiffe://'.startsWith(literal) ? { open: { field: 'whole', text } } : { neverMatches: `"${literal}" is not a SPIFFE id` };
  const [, , path] = match;
  // Before the path, a wildcard may still extend the trust domain (`spiffe://example.org.evil/…`).
  if (open) return path === undefined ? { open: { field: 'tenant', text } } : { tenant: 'name', open: { field: 'unit', text } };
  // An exact id admits that one id, even one without a path (the trust domain's own) or ending in `/`.
  return { tenant: 'name', unit: 'name' };
}

export const SPIFFE: IssuerReader = {
  kind: 'spiffe',
  title: ISSUER_TITLES.spiffe,
  shared: (url) => sharedIssuer(url, false),
  offersImmutableIds: false,
  hasContext: false,
  tenantFix: 'use the trust domain’s own JWT issuer',
  unitFix: 'pin one SPIFFE id: spiffe://TRUST_DOMAIN/PATH',
  subject,
  claim: () => undefined,
};
