import { ISSUER_TITLES } from '../../identity/issuers';
import type { Facts, Pattern } from '../facts';
import { sharedIssuer, type IssuerReader } from './reader';

const PREFIX = 'system:serviceaccount:';

/** `system:serviceaccount:NAMESPACE:NAME`; the issuer is one cluster's. */
function subject(pattern: Pattern): Facts {
  const { literal, open, text } = pattern;
  if (!literal.startsWith(PREFIX)) {
    if (open && PREFIX.startsWith(literal)) return { open: { field: 'whole', text } };
    return { neverMatches: `"${literal}" is not a service account subject (system:serviceaccount:NAMESPACE:NAME)` };
  }
  const [namespace, name] = literal.slice(PREFIX.length).split(':');
  if (name === undefined) return open ? { open: { field: 'unit', text } } : { neverMatches: `"${literal}" names no service account` };
  return open ? { open: { field: 'unit', text } } : { unit: 'name', context: namespace !== '' };
}

export const KUBERNETES: IssuerReader = {
  kind: 'kubernetes',
  title: ISSUER_TITLES.kubernetes,
  shared: (url) => sharedIssuer(url, false),
  offersImmutableIds: false,
  hasContext: false,
  tenantFix: "use the cluster's own issuer",
  unitFix: 'pin one namespace and one service account: system:serviceaccount:NAMESPACE:NAME',
  subject,
  claim: () => undefined,
};
