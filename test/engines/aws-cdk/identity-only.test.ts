import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { runCli } from '../../cli/run-cli';
import { WorkloadIdentities } from 'workload-iam/aws-cdk';

/**
 * An identity-only workload (`grants: { <account>: [] }`): a role trusting the declared identity, with no
 * permissions of its own; CDK grants give it what it may touch. validate, synth and the queries say so.
 */

const DECLARATION = `version: 1
accounts:
  web-prod: { cloud: aws, accountId: "111122223333" }
workloads:
  - name: publisher
    description: Publishes previews; its permissions are CDK grants
    identities:
      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: previews }
    grants:
      web-prod: []
`;

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-identity-only-'));
  file = join(dir, 'workloads.yaml');
  writeFileSync(file, DECLARATION);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('validates with no finding, and its role has a trust and no inline policy', async () => {
  expect((await runCli('validate', file)).code).toBe(0);
  const app = new App();
  const stack = new Stack(app, 'Web', { env: { account: '111122223333', region: 'eu-west-1' } });
  const ci = new WorkloadIdentities(stack, 'Ci', { file });
  new s3.Bucket(stack, 'Previews').grantReadWrite(ci.role('publisher'));
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'wiam-publisher' });
  const [role] = Object.values(template.findResources('AWS::IAM::Role')) as { Properties: Record<string, unknown> }[];
  expect(role.Properties.Policies).toBeUndefined();
  // The CDK grant is the role's only permission.
  template.resourceCountIs('AWS::IAM::Policy', 1);
});

test('what-can-reach names the role and says its permissions are outside the declaration', async () => {
  const result = await runCli('what-can-reach', file, 'publisher');
  expect(result).toEqual({
    code: 0,
    err: '',
    out: 'publisher (aws web-prod) github:acme/web:environment:previews → arn:aws:iam::111122223333:role/workload-iam/wiam-publisher: no permissions declared; what it is granted outside the declaration (e.g. CDK grants) is not in the manifest\n',
  });
  const json = JSON.parse((await runCli('what-can-reach', file, 'github:acme/web', '--format', 'json')).out) as { reaches: unknown[]; grantedOutsideDeclaration: { principal: string }[] };
  expect(json.reaches).toEqual([]);
  expect(json.grantedOutsideDeclaration.map((a) => a.principal)).toEqual(['arn:aws:iam::111122223333:role/workload-iam/wiam-publisher']);
});
