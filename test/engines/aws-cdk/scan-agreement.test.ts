import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeclarationFile } from '../../../lib/declaration/load';
import { toModel } from '../../../lib/declaration/parse';
import { directoryOutput, renderCloudFormationTemplates } from '../../../lib/engines/aws-cdk';
import { compile } from '../../../lib/plan/compile';
import type { Plan } from '../../../lib/plan/plan';
import { blockingFindings, checkPlan } from '../../../lib/rules/check';
import type { Finding } from '../../../lib/rules/rule';
import { scanPath } from '../../../lib/scan/scan';

/**
 * `scan` of what `workload-iam synth --engine aws-cdk` writes agrees with `validate` of the declaration: the same
 * findings per workload, rule and severity, the same acknowledgements (recorded in each role's Metadata), and so the
 * same blocking verdict. Paths differ by design: the declaration's fields there, the template's properties here.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-scan-agreement-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a finding says, wherever it points. */
const verdict = (findings: readonly Finding[]) =>
  [...new Set(findings.map((f) => `${f.workload} ${f.rule} ${f.severity}${f.acknowledged !== undefined ? ` acknowledged: ${f.acknowledged}` : ''}`))].sort();

/** validate's findings on the AWS accounts (the engine renders those), and scan's findings on the synthesized templates. */
function both(plan: Plan, name: string): { validate: Finding[]; scan: Finding[]; templates: string } {
  const templates = join(dir, name);
  renderCloudFormationTemplates(plan, {}, directoryOutput(templates));
  const scanned = scanPath(templates);
  expect(scanned.problems).toEqual([]);
  return { validate: checkPlan(plan, { clouds: ['aws'] }), scan: [...scanned.findings], templates };
}

test('the bundled example: the same findings, acknowledgements and verdict', () => {
  const { validate, scan } = both(compile(loadDeclarationFile(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml'))), 'example');
  expect(verdict(scan)).toEqual(verdict(validate));
  // The pull-request workload only reads: a warning on both sides, not an error on one.
  expect(verdict(scan)).toContain('docs-preview WIAM-GH-001 warning');
  expect(verdict(scan)).toContain('data-pipeline WIAM-SESSION-001 warning acknowledged: The warehouse load step runs up to 100 minutes and cannot renew credentials midway');
  expect(blockingFindings(validate)).toEqual([]);
  expect(blockingFindings(scan)).toEqual([]);
});

const REASON = 'The plan phase applies nothing; the state bucket is versioned and changes are reviewed';
const planPhaseDeclaration = (acknowledge: readonly { rule: string; reason: string }[]) => ({
  version: 1,
  accounts: { 'aws-shared': { cloud: 'aws', accountId: '444455556666' } },
  workloads: [{
    name: 'infra-plan',
    acknowledge,
    identities: [{ terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'networking-prod', runPhase: 'plan' } }],
    grants: { 'aws-shared': [{ resource: 'arn:aws:s3:::acme-terraform-state/networking/', access: 'readWrite' }] },
  }],
});

test('an acknowledged error (HCP Terraform plan phase with write access, WIAM-TFC-002) blocks neither; unacknowledged, it blocks both', () => {
  const acknowledged = [{ rule: 'WIAM-TFC-002', reason: REASON }, { rule: 'WIAM-ID-001', reason: 'AWS STS passes no HCP Terraform id claims; the names are reserved' }];
  const { validate, scan, templates } = both(compile(toModel(planPhaseDeclaration(acknowledged))), 'acknowledged');
  expect(verdict(scan)).toEqual(verdict(validate));
  expect(verdict(scan)).toContain(`infra-plan WIAM-TFC-002 error acknowledged: ${REASON}`);
  expect(blockingFindings(validate)).toEqual([]);
  expect(blockingFindings(scan)).toEqual([]);

  // Without the Metadata's acknowledgements, the same template blocks, as the declaration without them does.
  const [file] = readdirSync(templates);
  const template = JSON.parse(readFileSync(join(templates, file), 'utf8')) as { Resources: Record<string, { Type: string; Metadata?: { 'workload-iam': Record<string, unknown> } }> };
  for (const resource of Object.values(template.Resources)) if (resource.Type === 'AWS::IAM::Role') delete resource.Metadata!['workload-iam'].acknowledge;
  writeFileSync(join(templates, file), JSON.stringify(template));
  const stripped = scanPath(templates).findings;
  const unacknowledged = checkPlan(compile(toModel(planPhaseDeclaration([]))), { clouds: ['aws'] });
  expect(verdict(stripped)).toEqual(verdict(unacknowledged));
  expect(verdict(blockingFindings(stripped))).toEqual(['infra-plan WIAM-TFC-002 error']);
});
