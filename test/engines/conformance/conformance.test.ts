import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAwsCdk } from './aws-cdk-extractor';
import { conformanceDeclaration } from './fixture';
import { extractPulumi } from './pulumi-extractor';
import { renderedFromPlan, type Rendered } from './rendered';
import { extractTerraform } from './terraform-extractor';
import type { Cloud } from '../../../lib/catalogue/types';
import { toModel } from '../../../lib/declaration/parse';
import { directoryOutput } from '../../../lib/engines/engine-output';
import { ENGINES, type EngineName } from '../../../lib/engines/registry';
import { compile } from '../../../lib/plan/compile';
import type { CompileOptions } from '../../../lib/plan/compile-options';
import type { Plan } from '../../../lib/plan/plan';
import { checkPlan } from '../../../lib/rules/check';
import type { Finding } from '../../../lib/rules/rule';
import { scanPath } from '../../../lib/scan/scan';

/**
 * Every engine of the registry renders the same fixtures; what its output deploys, read back by its extractor, must
 * be what the Plan says (documents byte for byte), and `scan` of its output must find what the rules find on the Plan.
 */
interface Extractor {
  readonly extract: (dir: string, plan: Plan) => Rendered;
  /** The clouds whose rendered output `scan` must judge as the rules judge the Plan. */
  readonly scanned: readonly Cloud[];
}

const EXTRACTORS: Readonly<Record<EngineName, Extractor>> = {
  'aws-cdk': { extract: extractAwsCdk, scanned: ['aws'] },
  'cdktf': { extract: extractTerraform, scanned: ['aws', 'gcp', 'azure'] },
  'cdktn': { extract: extractTerraform, scanned: ['aws', 'gcp', 'azure'] },
  'pulumi': { extract: extractPulumi, scanned: ['aws', 'gcp', 'azure'] },
};

const OPTIONS: Readonly<Record<string, CompileOptions>> = {
  'default names': {},
  'compile options': {
    aws: {
      rolePath: '/ci/platform/',
      roleNamePrefix: 'acme-',
      existingOidcProviders: [{ arn: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com', 'other'] }],
    },
    gcp: { idSuffix: 'v2' },
  },
};

/** What a finding says in which account, wherever it points: the two sides locate findings in their own inputs. */
const verdicts = (findings: readonly (Finding & { readonly account?: string })[]) =>
  [...new Set(findings.map((f) => `${f.account ?? '-'} ${f.workload ?? '-'} ${f.rule} ${f.severity}${f.acknowledged !== undefined ? ` acknowledged: ${f.acknowledged}` : ''}`))].sort();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-conformance-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('every registered engine runs through the harness', () => {
  expect(Object.keys(EXTRACTORS).sort()).toEqual(Object.keys(ENGINES).sort());
});

describe.each(Object.keys(ENGINES) as EngineName[])('%s', (name) => {
  const engine = ENGINES[name];

  describe.each(Object.keys(OPTIONS))('with %s', (label) => {
    const plan = compile(toModel(conformanceDeclaration()), OPTIONS[label]);
    let out: string;
    beforeAll(async () => {
      out = join(dir, name, label.replace(/ /g, '-'));
      await engine.render(plan, {}, directoryOutput(out));
    });

    test('renders exactly what the Plan holds for its clouds', () => {
      const rendered = EXTRACTORS[name].extract(out, plan);
      expect(rendered).toEqual(renderedFromPlan(plan, engine.clouds));
      // The comparison is never of two empty sides.
      expect(Object.keys(rendered.awsRoles).length).toBeGreaterThan(10);
    });

    test('scan of its output finds what the rules find on the Plan, acknowledged errors and warnings included', () => {
      const { scanned: clouds } = EXTRACTORS[name];
      const scanned = scanPath(out);
      expect(scanned.problems).toEqual([]);
      const planned = checkPlan(plan, { clouds });
      const accounts = new Set(clouds.flatMap((cloud) => Object.keys(plan[cloud])));
      // Findings on the output of the clouds scan reads: each stack or template is named after its account.
      // Pulumi's resources are named `workload-iam-<account>-…`; the longest key that fits is the account.
      const keys = [...accounts].sort((a, b) => b.length - a.length);
      const accountOf = (path: string) => keys.find((key) => [`workload-iam-${key}/`, `workload-iam-${key}.`, `workload-iam-${key}-`].some((part) => path.includes(part)));
      const ofScannedClouds = scanned.findings.flatMap((finding) => {
        const account = accountOf(finding.path);
        return account === undefined ? [] : [{ ...finding, account }];
      });
      expect(verdicts(ofScannedClouds)).toEqual(verdicts(planned));
      // Every cloud the engine's output is scanned for has findings of its own in the comparison.
      for (const cloud of clouds) {
        expect(planned.some((finding) => finding.account !== undefined && Object.keys(plan[cloud]).includes(finding.account))).toBe(true);
      }
      expect(planned.some((finding) => finding.severity === 'error' && finding.acknowledged !== undefined)).toBe(true);
      expect(planned.some((finding) => finding.severity === 'warning' && finding.acknowledged !== undefined)).toBe(true);
      expect(planned.some((finding) => finding.severity === 'warning' && finding.acknowledged === undefined)).toBe(true);
    });
  });
});
