import type { Cloud } from '../catalogue/types';
import type { IssuerKind } from '../model/identity';

/** How a claim test compares the claim: exact values, IAM glob (`*`, `?`), prefix, regular expression, or unreadable. */
export type ClaimMatch = 'equals' | 'glob' | 'prefix' | 'regex' | 'opaque';

/**
 * One test a token's claim must pass, as the cloud evaluates it. Values OR together; the tests of a view AND.
 * Modifiers record the operator forms that can widen trust (negation, `IfExists`, set operators).
 */
export interface ClaimTest {
  /** The token claim, e.g. `sub`, `aud`, `repository_id`, `oidc.circleci.com/project-id`. */
  readonly claim: string;
  readonly match: ClaimMatch;
  readonly values: readonly string[];
  readonly negated?: boolean;
  /** AWS `…IfExists`: passes when the claim is absent. */
  readonly ifExists?: boolean;
  /** AWS `ForAllValues:` / `ForAnyValue:` set operators. */
  readonly setOperator?: 'ForAllValues' | 'ForAnyValue';
  readonly ignoreCase?: boolean;
  /** Compared to a non-string literal (a CEL int or bool): claims are strings, so equality never holds. */
  readonly nonString?: boolean;
  /** The test as written, quoted in findings. */
  readonly text: string;
}

/** Where an admission comes from: a Plan element (workload, identity) or a foreign file. */
export interface TrustLocation {
  /** The declaration's account key, or the scanned file. */
  readonly account?: string;
  readonly workload?: string;
  /** Indexes of the workload's identities the admission stands for. */
  readonly identities?: readonly number[];
  /** The role, provider/member or federated credential, named as the cloud names it. */
  readonly resource?: string;
  /** Path of the element, e.g. `aws.aws-prod.roles[web-deploy].trustPolicy.Statement[0]`. */
  readonly path: string;
}


/**
 * One admission, normalised across clouds: everything a token must present to be accepted by one AWS trust
 * statement, one GCP provider condition joined with one member, or one Azure federated credential. Rules read
 * only this, so they judge our own Plan and foreign trust alike.
 */
export interface TrustView {
  readonly cloud: Cloud;
  readonly issuer: { readonly kind: IssuerKind; readonly url?: string };
  /** ANDed tests on token claims. */
  readonly tests: readonly ClaimTest[];
  /**
   * The view is a whole admission, not one clause of it. Rules about what is missing (no subject, no tenant pin)
   * only judge whole admissions.
   */
  readonly complete: boolean;
  /** The principal admits any caller (AWS `*`, a whole workload identity pool). */
  readonly anyPrincipal?: boolean;
  /** Whether the admitted identity can change state; `unknown` (judged as a write) when its permissions cannot be read. */
  readonly access: 'read' | 'write' | 'unknown';
  /** For scanned trust, what makes `access` what it is: the permission that writes, or the policy that cannot be read. */
  readonly accessReason?: string;
  readonly where: TrustLocation;
}
