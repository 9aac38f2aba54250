import type { OwaspNhiRisk } from './owasp-nhi';
import type { Breadth } from '../trust/breadth';
import type { PermissionView, SessionView } from '../trust/permission-view';
import type { SecretView } from '../trust/secret-view';
import type { TrustView } from '../trust/trust-view';
import type { UnreadableView } from '../trust/unreadable-view';

export type Severity = 'error' | 'warning';

/** What every rule carries, whatever it judges; RULES.md is generated from these fields. */
export interface RuleInfo {
  /** Stable id `WIAM-<AREA>-<NNN>`. */
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly explanation: string;
  readonly fix: string;
  readonly references: readonly string[];
  /**
   * Whether a workload may acknowledge the rule with a reason (SPEC §3). Rules whose findings always mean that
   * strangers can get in cannot be acknowledged.
   */
  readonly acknowledgeable: boolean;
  /** The OWASP Non-Human Identities Top 10 risks the rule guards against, at least one. */
  readonly owaspNhi: readonly OwaspNhiRisk[];
}

/** One problem a rule found: the message, and a severity when it differs from the rule's (e.g. read-only access). */
export interface Hit {
  readonly message: string;
  readonly severity?: Severity;
  /** A fix more specific than the rule's. */
  readonly fix?: string;
}

/** Judges one admission (a trust statement, a provider condition with a member, a federated credential). */
export interface TrustRule extends RuleInfo {
  readonly judges: 'trust';
  check(view: TrustView, breadth: Breadth): Hit | undefined;
}

/** Judges one permission (actions on resources, or a role). */
export interface PermissionRule extends RuleInfo {
  readonly judges: 'permission';
  check(permission: PermissionView): Hit | undefined;
}

/** Judges a role's session length. */
export interface SessionRule extends RuleInfo {
  readonly judges: 'session';
  check(session: SessionView): Hit | undefined;
}

/** Judges one acknowledgement against the catalogue (an acknowledgement must name a rule that allows it). */
export interface AcknowledgementRule extends RuleInfo {
  readonly judges: 'acknowledgement';
  check(acknowledgement: { readonly rule: string; readonly reason: string }, catalogue: readonly RuleInfo[]): Hit | undefined;
}

/** Judges a trust or policy value that a scan could not read. */
export interface UnreadableRule extends RuleInfo {
  readonly judges: 'unreadable';
  check(value: UnreadableView): Hit | undefined;
}

/** Judges a long-lived credential a scan found: its fix is the federated replacement. */
export interface SecretRule extends RuleInfo {
  readonly judges: 'secret';
  check(secret: SecretView): Hit | undefined;
}

export type Rule = TrustRule | PermissionRule | SessionRule | AcknowledgementRule | UnreadableRule | SecretRule;

/** A rule's finding, located (SPEC §6 `findings[]`), possibly turned into a recorded exception by an acknowledgement. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly workload?: string;
  /** Index of the workload's identity the finding is about. */
  readonly identity?: number;
  readonly account?: string;
  readonly resource?: string;
  readonly path: string;
  /** The line of `path` in the declaration file (or the scanned template), when it is known. */
  readonly line?: number;
  readonly message: string;
  readonly fix: string;
  /** The workload's reason, when it acknowledged the rule; an acknowledged finding blocks nothing. */
  readonly acknowledged?: string;
}

/** True when a trust leads to writes, or may (foreign trust whose permissions are unknown). */
export function mayWrite(view: TrustView): boolean {
  return view.access !== 'read';
}
