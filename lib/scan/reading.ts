import type { ResourceAcknowledgements } from '../rules/check';
import type { PermissionView, SessionView } from '../trust/permission-view';
import type { TrustView } from '../trust/trust-view';
import type { UnreadableView } from '../trust/unreadable-view';

/** Something the scanner could not read or judge, printed as a `path: message` line. */
export interface ScanProblem {
  readonly path: string;
  readonly message: string;
  /**
   * The file is one scan recognises by its path (a CI configuration) and cannot read: what it holds cannot be
   * vouched for, so the scan fails rather than passing it over.
   */
  readonly recognised?: true;
}

/**
 * One trusting resource (a role, a pool provider, a federated credential) as the rules see it: its admissions,
 * and the permissions and sessions they lead to. The rules judge each resource on its own.
 */
export interface TrustingResource {
  readonly trust: readonly TrustView[];
  readonly permissions: readonly PermissionView[];
  readonly sessions: readonly SessionView[];
  /** Trust or policy values of the resource that could not be read, each judged as wide as it may be. */
  readonly unreadable: readonly UnreadableView[];
  /** Rules acknowledged for this resource where it is written (a template's workload-iam metadata). */
  readonly acknowledgements?: ResourceAcknowledgements;
}

/** What one file (or one Terraform module) yields. */
export interface Reading {
  readonly resources: readonly TrustingResource[];
  readonly problems: readonly ScanProblem[];
}

export function mergeReadings(readings: readonly Reading[]): Reading {
  return { resources: readings.flatMap((r) => r.resources), problems: readings.flatMap((r) => r.problems) };
}
