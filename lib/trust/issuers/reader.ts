import { knownIssuerOf } from '../../identity/issuers';
import type { IssuerKind } from '../../model/identity';
import type { Facts, Pattern, WildcardField } from '../facts';

/**
 * What workload-iam knows about one family of token issuers: how to recognise its URLs, whether one issuer
 * serves many tenants, and how to read its subjects and claims into Facts. Sources: reference/CLAIMS.md.
 */
export interface IssuerReader {
  readonly kind: IssuerKind;
  /** A human name for messages, e.g. `GitHub Actions`. */
  readonly title: string;
  /** Tokens carry immutable ids that a trust can pin instead of recyclable names. */
  readonly offersImmutableIds: boolean;
  /** Subjects carry a context (ref, environment, run phase, user) below the repository or project. */
  readonly hasContext: boolean;
  /** How to pin this issuer's tenant by immutable id, for fixes. */
  readonly tenantFix: string;
  /** How to pin one repository/project/workspace and its context, for fixes. */
  readonly unitFix: string;
  /** One issuer URL serves many tenants, so a trust must pin the tenant itself. */
  shared(url: string | undefined): boolean;
  subject(pattern: Pattern): Facts;
  /** Facts from a claim other than `sub`; undefined when the claim says nothing about who is admitted. */
  claim(claim: string, pattern: Pattern): Facts | undefined;
  /**
   * Whether a token of this issuer can carry `value` in `claim`: false only where the issuer's documented format rules
   * the value out (letters in a numeric id, `:` in a git ref), so that an attribute joined from several claims splits
   * back into them one way.
   * @default every value
   */
  issuable?(claim: string, value: string): boolean;
}

/**
 * The facts of a claim compared with one exact value; a wildcard there pins nothing and leaves `field` (the part of
 * the caller the claim names) open.
 */
export function exactly(pattern: Pattern, facts: Facts, field: WildcardField = 'unit'): Facts {
  return pattern.open ? { open: { field, text: pattern.text } } : facts;
}

/**
 * Whether the issuer at `url` serves many tenants (however the URL is spelled); an issuer that cannot be told
 * (unresolved in a template) is as shared as its family's public issuer may be.
 */
export function sharedIssuer(url: string | undefined, whenUnknown: boolean): boolean {
  return url === undefined ? whenUnknown : (knownIssuerOf(url)?.shared ?? false);
}
