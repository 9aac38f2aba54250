import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceSchema, schemaProblems, type Schema } from './provider-schema';
import { toModel } from '../../../lib/declaration/parse';
import { directoryOutput } from '../../../lib/engines/engine-output';
import { ENGINES } from '../../../lib/engines/registry';
import { compile } from '../../../lib/plan/compile';
import { conformanceDeclaration } from '../conformance/fixture';

// Every resource the Terraform engine renders, checked against the real provider schemas (aws 6.25, google 6.50,
// azurerm 4.55, as the prebuilt @cdktf/provider-* packages carry them): no argument the provider does not have, no
// required one missing, nested blocks included. No provider can be downloaded here, so `terraform validate` cannot run.

type Resources = Record<string, Record<string, Record<string, unknown>>>;

let dir: string;
const schemas = new Map<string, Schema>();
const schemaOf = (type: string) => schemas.get(type) ?? schemas.set(type, resourceSchema(type)).get(type)!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-schema-'));
  await ENGINES.cdktf.render(compile(toModel(conformanceDeclaration()), { gcp: { idSuffix: 'v2' } }), {}, directoryOutput(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function renderedResources(): { type: string; name: string; body: Record<string, unknown> }[] {
  return readdirSync(dir).flatMap((stack) => {
    const { resource } = JSON.parse(readFileSync(join(dir, stack, 'cdk.tf.json'), 'utf8')) as { resource: Resources };
    return Object.entries(resource).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ type, name, body })));
  });
}

test('every rendered resource has only arguments its provider knows, and every required one', () => {
  const resources = renderedResources();
  // Every kind of resource the engine writes is among them, so none escapes the oracle.
  expect(new Set(resources.map((r) => r.type)).size).toBeGreaterThanOrEqual(16);
  expect(resources.map((r) => r.type)).toContain('azurerm_cosmosdb_sql_role_assignment');
  expect(resources.flatMap(({ type, name, body }) => schemaProblems(body, schemaOf(type), `${type}.${name}`))).toEqual([]);
});

test('the oracle refuses a misspelled argument and a missing required one (a deliberate mutant)', () => {
  const role = renderedResources().find((r) => r.type === 'aws_iam_role')!;
  const { assume_role_policy: policy, ...rest } = role.body;
  const mutant = { ...rest, assume_role_polcy: policy };
  expect(schemaProblems(mutant, schemaOf('aws_iam_role'), 'aws_iam_role.mutant')).toEqual([
    'aws_iam_role.mutant.assume_role_polcy: not an argument of the resource',
    'aws_iam_role.mutant.assume_role_policy: required, missing',
  ]);
  const provider = renderedResources().find((r) => r.type === 'google_iam_workload_identity_pool_provider' && r.body.oidc !== undefined)!;
  const nested = { ...provider.body, oidc: { ...(provider.body.oidc as object), issuer: 'https://x' } };
  expect(schemaProblems(nested, schemaOf('google_iam_workload_identity_pool_provider'), 'p')).toEqual(['p.oidc[0].issuer: not an argument of the resource']);
});

test('the GCP database members are among them, a project member with its condition block', () => {
  const resources = renderedResources();
  expect(resources.some((r) => r.type === 'google_spanner_database_iam_member')).toBe(true);
  const conditioned = resources.filter((r) => r.type === 'google_project_iam_member' && r.body.condition !== undefined);
  expect(conditioned.length).toBeGreaterThanOrEqual(3);
  // The block's own arguments are checked: a misspelled one is refused, a missing required one too.
  const { expression, ...rest } = conditioned[0].body.condition as Record<string, unknown>;
  const mutant = { ...conditioned[0].body, condition: { ...rest, expresion: expression } };
  expect(schemaProblems(mutant, schemaOf('google_project_iam_member'), 'm')).toEqual([
    'm.condition[0].expresion: not an argument of the resource',
    'm.condition[0].expression: required, missing',
  ]);
});
