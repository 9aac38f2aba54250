import { duplicateAccountProblems } from './accounts';
import { clusterProblems } from './clusters';
import { compatibilityProblems } from './compatibility';
import { DeclarationError, type DeclarationProblem } from './errors';
import { resolveGrant } from './grants';
import { resolveIssuers } from './issuer-namings';
import { plainLanguage } from './messages';
import { placeholderProblems } from './placeholders';
import { declarationSchema, type ParsedDeclaration } from './schema';
import { zodProblems } from './zod-problems';
import type { Account } from '../model/account';
import type { Grant, Model, Workload } from '../model/workload';

/**
 * Validates a declaration object (already parsed from YAML/JSON, or built in TypeScript) and returns the
 * Model. Every problem is collected, not just the first, and thrown together as a DeclarationError.
 */
export function toModel(input: unknown): Model {
  // A draft's placeholders are reported alone: the guesses around them would only add noise.
  const placeholders = placeholderProblems(input);
  if (placeholders.length > 0) throw new DeclarationError(placeholders);
  const parsed = declarationSchema.safeParse(input, { error: plainLanguage });
  if (!parsed.success) throw new DeclarationError(zodProblems(parsed.error));
  const problems: DeclarationProblem[] = [];
  const model = resolveReferences(parsed.data, problems);
  problems.push(...duplicateAccountProblems(model.accounts), ...clusterProblems(model.workloads, model.accounts));
  const workloads = resolveIssuers(model.workloads, problems);
  if (problems.length > 0) throw new DeclarationError(problems);
  return { ...model, workloads };
}

/** Why `impersonate` may not name `key`: only a GCP account the workload has grants for (an empty list is fine). */
function impersonationProblem(
  key: string,
  accounts: Readonly<Record<string, Account>>,
  grants: Readonly<Record<string, unknown>>,
  repeated: boolean,
): string | undefined {
  const gcp = Object.keys(accounts).filter((k) => accounts[k].cloud === 'gcp').sort();
  if (repeated) return `"${key}" is listed twice`;
  if (!accounts[key]) return `unknown account "${key}" (GCP accounts: ${gcp.join(', ') || 'none'})`;
  if (accounts[key].cloud !== 'gcp') return `"${key}" is a ${accounts[key].cloud} account: only GCP workloads act through a service account they impersonate`;
  if (!Object.hasOwn(grants, key)) return `the workload has no grants for "${key}"; add \`grants: { ${key}: [...] }\` (an empty list for a service account granted outside the declaration)`;
  return undefined;
}

/** Cross-references zod cannot see: unique names, account keys, resources, identity/cloud fit. */
function resolveReferences(parsed: ParsedDeclaration, problems: DeclarationProblem[]): Model {
  const accounts = parsed.accounts as Record<string, Account>;
  const firstIndexByName = new Map<string, number>();
  const workloads = parsed.workloads.map((workload, index): Workload => {
    const path = ['workloads', index];
    const first = firstIndexByName.get(workload.name);
    if (first !== undefined) {
      problems.push({
        path: [...path, 'name'],
        message: `duplicate workload name "${workload.name}" (first used by workloads[${first}])`,
      });
    } else {
      firstIndexByName.set(workload.name, index);
    }
    const grants: Record<string, Grant[]> = {};
    for (const [accountKey, accountGrants] of Object.entries(workload.grants)) {
      const account = accounts[accountKey];
      if (!account) {
        problems.push({
          path: [...path, 'grants', accountKey],
          message: `unknown account "${accountKey}" (declared accounts: ${Object.keys(accounts).sort().join(', ')})`,
        });
        continue;
      }
      const listPath = [...path, 'grants', accountKey];
      // A loop, not flatMap: flatMap's generic path costs about 10 ms over the grants of 10,000 workloads.
      const resolved: Grant[] = [];
      for (let g = 0; g < accountGrants.length; g++) {
        const grant = resolveGrant(accountGrants[g], accountKey, account, listPath, g, problems);
        if (grant) resolved.push(grant);
      }
      grants[accountKey] = resolved;
      workload.identities.forEach((identity, i) => {
        problems.push(...compatibilityProblems(identity, account, accountKey, [...path, 'identities', i]));
      });
    }
    workload.impersonate.forEach((key, i) => {
      const problem = impersonationProblem(key, accounts, workload.grants, workload.impersonate.indexOf(key) !== i);
      if (problem) problems.push({ path: [...path, 'impersonate', i], message: problem });
    });
    return { ...workload, grants };
  });
  return { version: parsed.version, accounts, workloads };
}
