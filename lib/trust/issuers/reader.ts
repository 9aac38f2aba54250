import type { IssuerKind } from '../../model/identity';
import type { Facts, Pattern } from '../facts';

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
  /** True for issuer URLs of this family. */
  recognises(url: string): boolean;
  /** One issuer URL serves many tenants, so a trust must pin the tenant itself. */
  shared(url: string | undefined): boolean;
  subject(pattern: Pattern): Facts;
  /** Facts from a claim other than `sub`; undefined when the claim says nothing about who is admitted. */
  claim(claim: string, pattern: Pattern): Facts | undefined;
}

/** Facts of an exact claim equal to a value, else none (a wildcard on an id claim pins nothing). */
export function exactly(pattern: Pattern, facts: Facts): Facts | undefined {
  return pattern.open ? { open: { field: 'unit', text: pattern.text } } : facts;
}
