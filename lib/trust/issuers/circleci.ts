import { ISSUER_TITLES } from '../../identity/issuers';
import type { Facts, Pattern, WildcardField } from '../facts';
import { exactly, sharedIssuer, type IssuerReader } from './reader';

/** Subject layout: each keyword opens the field that follows it. */
const FIELDS: readonly { readonly keyword: string; readonly field: WildcardField }[] = [
  { keyword: 'org/', field: 'tenant' },
  { keyword: '/project/', field: 'unit' },
  { keyword: '/user/', field: 'member' },
  { keyword: '/vcs-origin/', field: 'member' },
  { keyword: '/vcs-ref/', field: 'ref' },
];

/**
 * CircleCI subjects: `org/ORG_ID/project/PROJECT_ID/user/USER_ID[/vcs-origin/ORIGIN/vcs-ref/REF]`, all ids but the
 * VCS origin and ref. The issuer (`https://oidc.circleci.com/org/ORG_ID`) already serves one organization.
 */
function subject(pattern: Pattern): Facts {
  const { literal, open, text } = pattern;
  let position = 0;
  let facts: Facts = {};
  for (const [index, { keyword, field }] of FIELDS.entries()) {
    if (!literal.startsWith(keyword, position)) {
      if (open && keyword.startsWith(literal.slice(position))) return { ...facts, open: { field, text } };
      if (position === literal.length && index >= 3) return facts;
      return { ...facts, neverMatches: `"${literal}" is not a CircleCI subject (org/ID/project/ID/user/ID...)` };
    }
    const start = position + keyword.length;
    const next = FIELDS.slice(index + 1).find((f) => literal.includes(f.keyword, start));
    const end = next ? literal.indexOf(next.keyword, start) : literal.length;
    if (end === literal.length && open) {
      // `org/ID/` + wildcard: the value is complete and the wildcard opens the next field.
      const following = FIELDS[index + 1];
      const value = literal.slice(start);
      const completes = following && [...following.keyword].some((_, k) => value.length > k + 1 && value.endsWith(following.keyword.slice(0, k + 1)));
      if (!completes) return { ...facts, open: { field, text } };
      return { ...facts, ...pinned(field), open: { field: following.field, text } };
    }
    facts = { ...facts, ...pinned(field) };
    position = end;
  }
  return facts;
}

function pinned(field: WildcardField): Facts {
  switch (field) {
    case 'tenant':
      return { tenant: 'immutable' };
    case 'unit':
      return { unit: 'immutable' };
    default:
      return { context: true };
  }
}

function claim(name: string, pattern: Pattern): Facts | undefined {
  switch (name) {
    case 'oidc.circleci.com/org-id':
      return exactly(pattern, { tenant: 'immutable' }, 'tenant');
    case 'oidc.circleci.com/project-id':
      return exactly(pattern, { unit: 'immutable' });
    case 'oidc.circleci.com/vcs-ref':
      return exactly(pattern, { context: true }, 'ref');
    default:
      return undefined;
  }
}

export const CIRCLECI: IssuerReader = {
  kind: 'circleci',
  title: ISSUER_TITLES.circleci,
  shared: (url) => sharedIssuer(url, false),
  offersImmutableIds: false,
  hasContext: true,
  tenantFix: 'use the organization issuer https://oidc.circleci.com/org/ORG_ID',
  unitFix: 'pin the full subject org/ORG_ID/project/PROJECT_ID/user/USER_ID, or the project id and the VCS ref',
  subject,
  claim,
};
