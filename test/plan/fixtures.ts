import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  compile,
  DeclarationError,
  parseDeclarationText,
  toModel,
  type AwsAccountPlan,
  type AwsRole,
  type AzureAccountPlan,
  type CompileOptions,
  type DeclarationInput,
  type GcpAccountPlan,
  type GcpProvider,
  type Plan,
} from '../../lib/index';

/**
 * Declarations for the plan tests, built as typed objects. Every expected value in the tests is written by hand
 * from the providers' documentation (shared/reference/CLAIMS.md); these helpers only assemble inputs and look
 * elements up.
 */

export type Cloud = 'aws' | 'gcp' | 'azure';
export type WorkloadInput = DeclarationInput['workloads'][number];
export type IdentityInput = WorkloadInput['identities'][number];

export const AWS_ACCOUNT_ID = '111122223333';
export const GCP_PROJECT_ID = 'acme-prod';
export const GCP_PROJECT_NUMBER = '123456789012';
export const GCP_POOL = `projects/${GCP_PROJECT_NUMBER}/locations/global/workloadIdentityPools/workload-iam`;
export const AZURE_TENANT_ID = '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
export const AZURE_SUBSCRIPTION_ID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

export const ACCOUNT_KEY: Readonly<Record<Cloud, string>> = { aws: 'aws-prod', gcp: 'gcp-prod', azure: 'azure-prod' };

export const ACCOUNTS: DeclarationInput['accounts'] = {
  'aws-prod': { cloud: 'aws', accountId: AWS_ACCOUNT_ID },
  'gcp-prod': { cloud: 'gcp', projectId: GCP_PROJECT_ID, projectNumber: GCP_PROJECT_NUMBER },
  'azure-prod': {
    cloud: 'azure',
    tenantId: AZURE_TENANT_ID,
    subscriptionId: AZURE_SUBSCRIPTION_ID,
    resourceGroup: 'rg-workload-identity',
    location: 'westeurope',
  },
};

/** One resource per cloud with a read access level, so a workload has something to be trusted for. */
export const READ_RESOURCE: Readonly<Record<Cloud, string>> = {
  aws: 'arn:aws:s3:::acme-web-assets',
  gcp: '//storage.googleapis.com/projects/_/buckets/acme-web',
  azure: `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`,
};

/** A workload reading the sample resource of each of `clouds`. */
export function workload(
  name: string,
  identities: readonly IdentityInput[],
  clouds: readonly Cloud[],
  extra: Partial<Omit<WorkloadInput, 'name' | 'identities'>> = {},
): WorkloadInput {
  return {
    name,
    identities: [...identities],
    grants: Object.fromEntries(clouds.map((cloud) => [ACCOUNT_KEY[cloud], [{ resource: READ_RESOURCE[cloud], access: 'read' }]])),
    ...extra,
  };
}

export function declaration(workloads: readonly WorkloadInput[]): DeclarationInput {
  return { version: 1, accounts: ACCOUNTS, workloads: [...workloads] };
}

export function compileWorkloads(workloads: readonly WorkloadInput[], options?: CompileOptions): Plan {
  return compile(toModel(declaration(workloads)), options);
}

/** The workload every single-workload test compiles. */
export const SUBJECT_WORKLOAD = 'subject-workload';

/** Compiles one workload with these identities, granted on one cloud. */
export function compileIdentities(cloud: Cloud, identities: readonly IdentityInput[], options?: CompileOptions): Plan {
  return compileWorkloads([workload(SUBJECT_WORKLOAD, identities, [cloud])], options);
}

export function awsAccountOf(plan: Plan, key = ACCOUNT_KEY.aws): AwsAccountPlan {
  const account = plan.aws[key];
  if (!account) throw new Error(`no AWS account ${key} in the plan`);
  return account;
}

export function awsRoleOf(plan: Plan, workloadName = SUBJECT_WORKLOAD, key = ACCOUNT_KEY.aws): AwsRole {
  const role = awsAccountOf(plan, key).roles.find((r) => r.workload === workloadName);
  if (!role) throw new Error(`no AWS role for ${workloadName} in ${key}`);
  return role;
}

export function gcpAccountOf(plan: Plan, key = ACCOUNT_KEY.gcp): GcpAccountPlan {
  const account = plan.gcp[key];
  if (!account) throw new Error(`no GCP account ${key} in the plan`);
  return account;
}

export function gcpProviderOf(plan: Plan, id: string, key = ACCOUNT_KEY.gcp): GcpProvider {
  const provider = gcpAccountOf(plan, key).providers.find((p) => p.id === id);
  if (!provider) throw new Error(`no GCP provider ${id} in ${key}`);
  return provider;
}

export function azureAccountOf(plan: Plan, key = ACCOUNT_KEY.azure): AzureAccountPlan {
  const account = plan.azure[key];
  if (!account) throw new Error(`no Azure account ${key} in the plan`);
  return account;
}

/** The DeclarationError `run` throws (fails the test when it throws nothing or something else). */
export function declarationErrorOf(run: () => unknown): DeclarationError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeclarationError) return error;
    throw error;
  }
  throw new Error('expected a DeclarationError, but nothing was thrown');
}

/** The text of the bundled example declaration. */
export const EXAMPLE_TEXT = readFileSync(join(__dirname, '..', '..', 'examples', 'workloads.yaml'), 'utf8');

/** The bundled example, as the object a YAML reader produces (so tests can add workloads to it). */
export function exampleDeclaration(): DeclarationInput {
  return parse(EXAMPLE_TEXT) as DeclarationInput;
}

/** The bundled example, parsed and compiled as a user would. */
export function compileExample(): Plan {
  return compile(parseDeclarationText(EXAMPLE_TEXT));
}

/**
 * Evaluates a GCP attribute mapping made only of string literals and `assertion.<claim>` joined by `+`, the
 * way Security Token Service evaluates it against a token's claims. Anything else is refused, so a test never
 * passes on an expression it did not really evaluate.
 */
export function evaluateConcatenation(expression: string, token: Readonly<Record<string, string>>): string {
  return expression
    .split(' + ')
    .map((term) => {
      const literal = /^'([^'\\]*)'$/.exec(term);
      if (literal) return literal[1];
      const claim = /^assertion\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(term);
      if (claim && token[claim[1]] !== undefined) return token[claim[1]];
      throw new Error(`cannot evaluate "${term}" of "${expression}" on this token`);
    })
    .join('');
}

/** Every object and array in the tree, for invariants that must hold everywhere. */
export function* nodesOf(value: unknown): Generator<object> {
  if (value && typeof value === 'object') {
    yield value;
    for (const child of Object.values(value)) yield* nodesOf(child);
  }
}
