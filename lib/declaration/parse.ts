import { duplicateAccountProblems } from './accounts';
import { clusterProblems } from './clusters';
import { compatibilityProblems } from './compatibility';
import { DeclarationError, type DeclarationProblem } from './errors';
import { resolveGrant } from './grants';
import { resolveIssuers } from './issuer-registry';
import { plainLanguage } from './messages';
import { declarationSchema, type ParsedDeclaration } from './schema';
import { zodProblems } from './zod-problems';
import type { Account } from '../model/account';
import type { Grant, Model, Workload } from '../model/workload';

/**
 * Validates a declaration object (already parsed from YAML/JSON, or built in TypeScript) and returns the
 * Model. Every problem is collected, not just the first, and thrown together as a DeclarationError.
 */
export function toModel(input: unknown): Model {
  const parsed = declarationSchema.safeParse(input, { error: plainLanguage });
  if (!parsed.success) throw new DeclarationError(zodProblems(parsed.error));
  const problems: DeclarationProblem[] = [];
  const model = resolveReferences(parsed.data, problems);
  problems.push(...duplicateAccountProblems(model.accounts), ...clusterProblems(model.workloads, model.accounts));
  const workloads = resolveIssuers(model.workloads, problems);
  if (problems.length > 0) throw new DeclarationError(problems);
  return { ...model, workloads };
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
      grants[accountKey] = accountGrants.flatMap(
        (grant, g) => resolveGrant(grant, accountKey, account, [...path, 'grants', accountKey, g], problems) ?? [],
      );
      workload.identities.forEach((identity, i) => {
        problems.push(...compatibilityProblems(identity, account, accountKey, [...path, 'identities', i]));
      });
    }
    return { ...workload, grants };
  });
  return { version: parsed.version, accounts, workloads };
}
