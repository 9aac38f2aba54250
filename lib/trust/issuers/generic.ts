import { ISSUER_TITLES } from '../../identity/issuers';
import type { Facts, Pattern } from '../facts';
import { sharedIssuer, type IssuerReader } from './reader';

/** Any other issuer: no known subject layout, so any wildcard in the subject leaves the identity open. */
function subject(pattern: Pattern): Facts {
  if (pattern.open) return { open: { field: pattern.literal === '' ? 'whole' : 'unit', text: pattern.text } };
  return { unit: 'name' };
}

export const GENERIC: IssuerReader = {
  kind: 'generic',
  title: ISSUER_TITLES.generic,
  shared: (url) => sharedIssuer(url, false),
  offersImmutableIds: false,
  hasContext: false,
  tenantFix: 'use an issuer dedicated to your organization',
  unitFix: 'pin the exact subject',
  subject,
  claim: () => undefined,
};

/** Google-signed ID tokens: `sub` and `azp` are a service account's numeric unique id, global and immutable. */
export const GOOGLE: IssuerReader = {
  kind: 'google',
  title: ISSUER_TITLES.google,
  // Google signs ID tokens for every account of every customer.
  shared: () => true,
  offersImmutableIds: true,
  hasContext: false,
  tenantFix: 'pin the service account by its unique id in sub (and aud/azp)',
  unitFix: 'pin the service account by its unique id in sub',
  subject: (pattern) =>
    pattern.open
      ? { open: { field: pattern.literal === '' ? 'whole' : 'unit', text: pattern.text } }
      : { tenant: 'immutable', unit: 'immutable' },
  claim: (name, pattern) => {
    if (pattern.open) return undefined;
    if (name === 'azp') return { tenant: 'immutable', unit: 'immutable' };
    if (name === 'email') return { tenant: 'name', unit: 'name' };
    return undefined;
  },
};

/** Entra ID tokens of managed identities: the issuer names one tenant; `sub` is the object id. */
export const AZURE: IssuerReader = {
  kind: 'azure',
  title: ISSUER_TITLES.azure,
  shared: (url) => sharedIssuer(url, false),
  offersImmutableIds: true,
  hasContext: false,
  tenantFix: "use the tenant's own issuer",
  unitFix: 'pin the managed identity by its object id in sub',
  subject: (pattern) =>
    pattern.open ? { open: { field: pattern.literal === '' ? 'whole' : 'unit', text: pattern.text } } : { unit: 'immutable' },
  claim: (name, pattern) => (name === 'oid' && !pattern.open ? { unit: 'immutable' } : undefined),
};
