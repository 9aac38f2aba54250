import type { TrustLocation } from './trust-view';

/**
 * A trust or policy value a scan could not read (a Terraform `file()`, a merged policy document it cannot see, an
 * unknown parameter where a principal or an action belongs). It is judged as wide as it may be: the rules cannot
 * show it is safe, so it is an error of its own rather than a note beside the findings.
 */
export interface UnreadableView {
  /** What the value is, e.g. `the trust policy`, `the principal`, `the actions`. */
  readonly what: string;
  /** The value as written, e.g. `${file("trust.json")}`. */
  readonly value: string;
  /** What it may be at worst, e.g. `any principal`, `any action on any resource`. */
  readonly worst: string;
  readonly where: TrustLocation;
}
