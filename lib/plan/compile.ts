import { compileAwsAccount } from './aws/compile-aws';
import { compileAzureAccount } from './azure/compile-azure';
import { compileGcpAccount } from './gcp/compile-gcp';
import { LIMITS } from './limits';
import type { AwsAccountPlan, AzureAccountPlan, GcpAccountPlan, Plan } from './plan';
import { ProblemCollector } from './problems';
import { DeclarationError } from '../declaration/errors';
import type { Model } from '../model/workload';
import { deepFreeze } from '../stable';

export interface CompileOptions {
  /**
   * Trust policy size limit of the AWS accounts.
   * @default 2048 (the AWS default; AWS raises it to at most 4096 on request)
   */
  readonly awsTrustPolicyMaxChars?: number;
}

/**
 * Model → Plan: pure and deterministic. Throws a DeclarationError listing every limit the declaration would
 * break at deploy time, so failures happen here and never halfway through a deployment.
 */
export function compile(model: Model, options: CompileOptions = {}): Plan {
  const trustPolicyMaxChars = options.awsTrustPolicyMaxChars ?? LIMITS.aws.trustPolicyChars;
  if (trustPolicyMaxChars < 1 || trustPolicyMaxChars > LIMITS.aws.trustPolicyCharsMax) {
    throw new RangeError(`awsTrustPolicyMaxChars must be between 1 and ${LIMITS.aws.trustPolicyCharsMax}`);
  }
  const problems = new ProblemCollector(model);
  const aws: Record<string, AwsAccountPlan> = {};
  const gcp: Record<string, GcpAccountPlan> = {};
  const azure: Record<string, AzureAccountPlan> = {};
  for (const key of Object.keys(model.accounts).sort()) {
    const account = model.accounts[key];
    switch (account.cloud) {
      case 'aws':
        aws[key] = compileAwsAccount(key, account, model.workloads, { trustPolicyMaxChars }, problems);
        break;
      case 'gcp':
        gcp[key] = compileGcpAccount(key, account, model.workloads, problems);
        break;
      case 'azure':
        azure[key] = compileAzureAccount(key, account, model.workloads, problems);
        break;
    }
  }
  if (problems.all.length > 0) throw new DeclarationError(problems.all);
  const acknowledgements = Object.fromEntries(
    model.workloads
      .filter((w) => w.acknowledge.length > 0)
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((w) => [w.name, w.acknowledge.map((a) => ({ ...a }))]),
  );
  return deepFreeze({ aws, gcp, azure, acknowledgements });
}
