import { compileAwsAccount } from './aws/compile-aws';
import { compileAzureAccount } from './azure/compile-azure';
import { resolveCompileOptions, type CompileOptions } from './compile-options';
import { compileGcpAccount } from './gcp/compile-gcp';
import type { AwsAccountPlan, AzureAccountPlan, GcpAccountPlan, Plan } from './plan';
import { ProblemCollector } from './problems';
import { DeclarationError } from '../declaration/errors';
import type { Model } from '../model/workload';
import { deepFreeze } from '../stable';

/**
 * Model → Plan: pure and deterministic. Throws a DeclarationError listing every limit the declaration would
 * break at deploy time, so failures happen here and never halfway through a deployment.
 */
export function compile(model: Model, compileOptions?: CompileOptions): Plan {
  const options = resolveCompileOptions(compileOptions);
  const problems = new ProblemCollector(model);
  const aws: Record<string, AwsAccountPlan> = {};
  const gcp: Record<string, GcpAccountPlan> = {};
  const azure: Record<string, AzureAccountPlan> = {};
  for (const key of Object.keys(model.accounts).sort()) {
    const account = model.accounts[key];
    switch (account.cloud) {
      case 'aws':
        aws[key] = compileAwsAccount(key, account, model.workloads, options.aws, problems);
        break;
      case 'gcp':
        gcp[key] = compileGcpAccount(key, account, model.workloads, options.gcp, problems);
        break;
      case 'azure':
        azure[key] = compileAzureAccount(key, account, model.workloads, problems);
        break;
    }
  }
  // An existing provider no role trusts is a typo or a stale option: naming it would import nothing.
  const trusted = new Set(Object.values(aws).flatMap((account) => account.oidcProviders.map((provider) => provider.arn)));
  options.aws.existingOidcProviders.forEach(({ arn }, index) => {
    if (!trusted.has(arn)) {
      problems.add(undefined, ['compileOptions', 'aws', 'existingOidcProviders', index, 'arn'], `${arn} is not an OIDC provider the declaration's roles trust (they trust: ${[...trusted].sort().join(', ') || 'none'})`);
    }
  });
  if (problems.all.length > 0) throw new DeclarationError(problems.all);
  const acknowledgements = Object.fromEntries(
    model.workloads
      .filter((w) => w.acknowledge.length > 0)
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((w) => [w.name, w.acknowledge.map((a) => ({ ...a }))]),
  );
  return deepFreeze({ aws, gcp, azure, acknowledgements });
}
