import type { Account } from './account';
import type { Identity } from './identity';
import type { ResourceRef } from '../catalogue/types';

/** Access to one resource: a named catalogue level, or a justified escape hatch. */
export interface Grant {
  readonly resource: ResourceRef;
  /** The catalogue access level; absent when an escape hatch is used. */
  readonly access?: string;
  /** Escape hatch (AWS): explicit actions. */
  readonly actions?: readonly string[];
  /** Escape hatch (GCP): an explicit role. */
  readonly role?: string;
  /** Escape hatch (Azure): an explicit role definition id. */
  readonly roleDefinitionId?: string;
  /** Why an escape hatch is needed; required with one, carried into the manifest. */
  readonly justification?: string;
}

/** A deliberate, recorded exception to a rule for one workload. */
export interface Acknowledgement {
  readonly rule: string;
  readonly reason: string;
}

/** Who a workload is (identities) and what it may touch (grants, per account key). */
export interface Workload {
  readonly name: string;
  readonly description?: string;
  /** Maximum session, in seconds. */
  readonly sessionDuration: number;
  readonly identities: readonly Identity[];
  readonly grants: Readonly<Record<string, readonly Grant[]>>;
  /** GCP accounts where the workload acts as a service account it impersonates, instead of as its federated members. */
  readonly impersonate?: readonly string[];
  readonly acknowledge: readonly Acknowledgement[];
}

/** The validated declaration: the only input of the compiler. */
export interface Model {
  readonly version: 1;
  readonly accounts: Readonly<Record<string, Account>>;
  readonly workloads: readonly Workload[];
}
