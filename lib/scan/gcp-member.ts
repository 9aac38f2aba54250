import { isWhollyUnresolved } from './unresolved';

/** A workload identity pool principal (`principal://…` or `principalSet://…`), read from an IAM member string. */
export interface PoolMember {
  /** The pool id, or an unresolved placeholder (e.g. `${google_iam_workload_identity_pool.github.name}`). */
  readonly pool: string;
  /** The whole pool (`…/*`). */
  readonly wholePool: boolean;
  /** The mapped attribute the member names (`google.subject`, `attribute.repository`) and the value it requires. */
  readonly attribute?: { readonly name: string; readonly value: string };
}

/**
 * Reads `principal://iam.googleapis.com/<pool>/subject/S`, `principalSet://…/<pool>/attribute.X/V`,
 * `principalSet://…/<pool>/group/G` and `principalSet://…/<pool>/*`, where `<pool>` is the pool's full name
 * (`projects/N/locations/global/workloadIdentityPools/ID`) or a placeholder standing for it.
 */
export function readPoolMember(member: string): PoolMember | undefined {
  const principal = /^(principal|principalSet):\/\/iam\.googleapis\.com\/(.+)$/.exec(member);
  if (!principal) return undefined;
  const [, kind, rest] = principal;
  const named = /^projects\/[^/]+\/locations\/[^/]+\/workloadIdentityPools\/([^/]+)\/(.+)$/.exec(rest);
  // Or the pool's full name as one placeholder, e.g. `${google_iam_workload_identity_pool.github.name}`.
  const slash = rest.indexOf('/');
  const placeholder = slash > 0 && isWhollyUnresolved(rest.slice(0, slash));
  const [pool, tail] = named ? [named[1], named[2]] : placeholder ? [rest.slice(0, slash), rest.slice(slash + 1)] : [];
  if (pool === undefined || tail === undefined) return undefined;
  if (kind === 'principalSet' && tail === '*') return { pool, wholePool: true };
  const subject = kind === 'principal' ? /^subject\/(.+)$/.exec(tail) : null;
  if (subject) return { pool, wholePool: false, attribute: { name: 'google.subject', value: subject[1] } };
  const attribute = kind === 'principalSet' ? /^(attribute\.[^/]+)\/(.+)$/.exec(tail) : null;
  if (attribute) return { pool, wholePool: false, attribute: { name: attribute[1], value: attribute[2] } };
  return { pool, wholePool: false };
}
