/** How a change moves access: more callers or more actions (`widened`), fewer (`narrowed`), or neither (`changed`). */
export type ChangeClass = 'widened' | 'narrowed' | 'changed';

export const CHANGE_CLASSES: readonly ChangeClass[] = ['widened', 'narrowed', 'changed'];

/** What a change is about, in the words of the declaration and the manifest. */
export type ChangeAspect =
  | 'workload'
  | 'name'
  | 'description'
  | 'account'
  | 'identity'
  | 'issuer'
  | 'subject'
  | 'claim pin'
  | 'audience'
  | 'provider condition'
  | 'member'
  | 'principal'
  | 'action'
  | 'role'
  | 'resource'
  | 'scope'
  | 'session length'
  | 'acknowledgement'
  | 'justification';

/** One classified difference between two manifests. */
export interface Change {
  readonly class: ChangeClass;
  readonly aspect: ChangeAspect;
  /** Absent for a change of the accounts themselves. */
  readonly workload?: string;
  /** The account key (the new one when it was renamed). */
  readonly account?: string;
  /** Labels of the identities a trust change is about. */
  readonly identities?: readonly string[];
  readonly message: string;
  readonly before?: string;
  readonly after?: string;
}
