import type { IdentityTrust } from './trust';
import { sortedBy, sortedIndexes, sortedRecord, sortedUnique } from '../../stable';
import type { Origin, PolicyDocument, PolicyStatement } from '../plan';

/**
 * Builds the trust policy from per-identity statements. Within one statement condition values OR together
 * while keys AND, so only statements identical except for their subjects are merged (their `sub` values
 * unioned); identities that differ in anything else keep separate statements, never a cross-product.
 * Statements are sorted by their canonical JSON, so identity order in the declaration does not matter.
 */
export function buildTrustPolicy(
  workload: string,
  trusts: readonly IdentityTrust[],
): { readonly document: PolicyDocument; readonly origins: readonly Origin[] } {
  const groups = new Map<
    string,
    { statement: PolicyStatement; subjectKey?: string; subjects: string[]; identities: number[]; byIdentity: Map<number, string[]> }
  >();
  for (const trust of trusts) {
    // A single identity (most workloads) has nothing to merge with.
    const signature = trusts.length === 1 ? '' : JSON.stringify([trust.statement, trust.subjectKey ?? null]);
    const group = groups.get(signature);
    if (group) {
      group.subjects.push(...trust.subjects);
      group.identities.push(trust.identity);
      group.byIdentity.set(trust.identity, [...(group.byIdentity.get(trust.identity) ?? []), ...trust.subjects]);
    } else {
      groups.set(signature, {
        statement: trust.statement,
        subjectKey: trust.subjectKey,
        subjects: [...trust.subjects],
        identities: [trust.identity],
        byIdentity: new Map([[trust.identity, [...trust.subjects]]]),
      });
    }
  }
  const merged = sortedBy(
    [...groups.values()].map((group) => {
      const identities = sortedIndexes(group.identities);
      return {
        statement: withSubjects(group.statement, group.subjectKey, sortedUnique(group.subjects)),
        origin: {
          workload,
          identities,
          ...(identities.length > 1 && group.subjectKey ? { subjects: identities.map((i) => sortedUnique(group.byIdentity.get(i) ?? [])) } : {}),
        },
      };
    }),
    (entry) => JSON.stringify(entry.statement),
  );
  return {
    document: { Version: '2012-10-17', Statement: merged.map((entry) => entry.statement) },
    origins: merged.map((entry) => entry.origin),
  };
}

function withSubjects(statement: PolicyStatement, subjectKey: string | undefined, subjects: readonly string[]): PolicyStatement {
  if (!subjectKey || subjects.length === 0) return statement;
  const equals = { ...statement.Condition?.StringEquals, [subjectKey]: subjects.length === 1 ? subjects[0] : subjects };
  return { ...statement, Condition: { ...statement.Condition, StringEquals: sortedRecord(equals) } };
}
