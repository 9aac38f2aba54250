import { AZURE_SUBSCRIPTION_ID, azureAccountOf, compileWorkloads, exampleDeclaration, workload } from './fixtures';
import { compile, toModel, type DeclarationInput } from '../../lib/index';

/**
 * The order of workloads and accounts in a declaration changes nothing in the Plan (design/PLAN.md invariant 1):
 * every list is sorted by a key derived from names, and account maps are keyed in sorted order.
 */

const reordered = (declaration: DeclarationInput): DeclarationInput => ({
  ...declaration,
  accounts: Object.fromEntries(Object.entries(declaration.accounts).reverse()),
  workloads: [...declaration.workloads].reverse(),
});

test('the example with its workloads and accounts reversed compiles to the same bytes', () => {
  const declaration = exampleDeclaration();
  const forward = compile(toModel(declaration));
  const backward = compile(toModel(reordered(declaration)));
  expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  expect(Object.keys(forward.acknowledgements).length).toBeGreaterThan(1);
  expect(Object.keys(forward.acknowledgements)).toEqual([...Object.keys(forward.acknowledgements)].sort());
  expect(Object.keys(forward.aws)).toEqual([...Object.keys(forward.aws)].sort());
});

test('only workloads that acknowledge something are listed under acknowledgements', () => {
  const declaration = exampleDeclaration();
  const plan = compile(toModel(declaration));
  const acknowledging = declaration.workloads.filter((w) => (w.acknowledge ?? []).length > 0).map((w) => w.name).sort();
  expect(Object.keys(plan.acknowledgements)).toEqual(acknowledging);
});

describe('Azure names derive from what they stand for', () => {
  const identity = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } } as const;
  const scope = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`;
  const assignmentNames = (resource: string, name = 'web') =>
    azureAccountOf(compileWorkloads([workload(name, [identity], ['azure'], { grants: { 'azure-prod': [{ resource, access: 'read' }] } })])).roleAssignments.map((a) => a.name);

  test('role assignment names are GUIDs, equal for scopes that differ only in case (Azure ids ignore case)', () => {
    const [name] = assignmentNames(scope);
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(assignmentNames(scope.replace('rg-web', 'RG-WEB'))).toEqual([name]);
    // Another principal (workload) on the same scope and role gets another assignment.
    expect(assignmentNames(scope, 'api')).not.toEqual([name]);
  });

  test('federated credential names differ per subject, and name the identity kind', () => {
    const account = azureAccountOf(compileWorkloads([workload('web', [identity], ['azure'])]));
    const names = account.federatedCredentials.map((c) => c.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^github-[0-9a-f]{12}$/);
  });
});
