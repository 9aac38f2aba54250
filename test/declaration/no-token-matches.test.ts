import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toModel } from '../../lib/declaration/parse';
import { runCli } from '../cli/run-cli';
import {
  ACCOUNTS,
  awsRoleOf,
  azureAccountOf,
  compileIdentities,
  declaration,
  declarationErrorOf,
  gcpAccountOf,
  workload,
  type IdentityInput,
} from '../plan/fixtures';

// Input that no token can match, or that a spec forbids, is invalid input (exit 2), never a trust that silently
// admits nobody (or someone else): control characters, ids as no provider writes them, values git, HCP Terraform or
// the SPIFFE spec refuse, a separator inside a subject field, one account or cluster declared twice.

const problemsOf = (identity: IdentityInput) => declarationErrorOf(() => compileIdentities('aws', [identity])).message;
const accepted = (identity: IdentityInput, cloud: 'aws' | 'gcp' | 'azure' = 'aws') => expect(() => compileIdentities(cloud, [identity])).not.toThrow();

const github = (fields: object): IdentityInput => ({ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', ...fields } }) as IdentityInput;
const gitlab = (fields: object): IdentityInput => ({ gitlab: { project: 'acme/app', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch', ...fields } }) as IdentityInput;
const terraform = (fields: object): IdentityInput =>
  ({ terraformCloud: { organization: 'acme', organizationId: 'org-AbC123', project: 'core', workspace: 'dns', runPhase: 'apply', ...fields } }) as IdentityInput;
const spiffe = (id: string): IdentityInput => ({ spiffe: { id, jwtIssuer: 'https://spire.acme.example', audience: 'workload-iam' } });

describe('control characters and line breaks, in any value that reaches a subject, claim or CEL string', () => {
  test.each([
    ['a newline in a GitHub environment', github({ environment: 'production\nrepo:evil/x' }), 'github.environment', 'U+000A'],
    ['a NUL in a GitHub ref', github({ environment: undefined, ref: 'refs/heads/main\u0000' }), 'github.ref', 'U+0000'],
    ['a carriage return in a GitLab environment', gitlab({ environment: 'prod\r' }), 'gitlab.environment', 'U+000D'],
    ['a tab in an oidc subject', { oidc: { issuer: 'https://idp.acme.example', audience: 'a', subject: 'svc\ta' } }, 'oidc.subject', 'U+0009'],
    ['a line separator in an oidc claim', { oidc: { issuer: 'https://idp.acme.example', audience: 'a', subject: 's', claims: { team: 'red\u2028' } } }, 'oidc.claims.team', 'U+2028'],
    ['a DEL in an audience', { spiffe: { id: 'spiffe://example.org/web', jwtIssuer: 'https://spire.acme.example', audience: 'aud\u007f' } }, 'spiffe.audience', 'U+007F'],
    ['a newline in an issuer URL', { kubernetes: { issuer: 'https://k8s.acme.example/\n', namespace: 'ns', serviceAccount: 'sa' } }, 'kubernetes.issuer', 'U+000A'],
    ['a C1 control in an HCP Terraform project', terraform({ project: 'core\u0085' }), 'terraformCloud.project', 'U+0085'],
  ] as const)('%s is refused', (_what, identity, field, codePoint) => {
    const message = problemsOf(identity as IdentityInput);
    expect(message).toContain(`identities[0].${field}: `);
    expect(message).toContain(`must not contain control characters or line breaks (found ${codePoint})`);
  });

  test('the neighbour: letters of any script and punctuation GitHub encodes are accepted', () => {
    accepted(github({ environment: 'prod-é:eu' }));
    accepted({ oidc: { issuer: 'https://idp.acme.example', audience: 'a', subject: 'svc/日本' } });
  });
});

describe('an empty value is refused, and the format it also fails is still named', () => {
  test.each([
    ['an empty issuer URL', { oidc: { issuer: '', audience: 'a', subject: 's' } }, 'oidc.issuer', 'issuer must be an https URL'],
    ['an empty GitHub ref', github({ environment: undefined, ref: '' }), 'github.ref', 'ref must start with refs/heads/ or refs/tags/'],
  ] as const)('%s', (_what, identity, field, format) => {
    const lines = problemsOf(identity as IdentityInput).split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`identities\\[0\\]\\.${field.replace('.', '\\.')}: ${field.split('.')[1]} must not be empty`)));
    expect(lines).toContainEqual(expect.stringContaining(`identities[0].${field}: ${format}`));
  });
});

describe('a : inside a value is encoded %3A in GitHub subjects, as GitHub mints them', () => {
  const identity = github({ environment: 'prod:eu' });
  const subjects = ['repo:acme/web:environment:prod%3Aeu', 'repo:acme@65/web@74:environment:prod%3Aeu'];

  test('AWS trust', () => {
    expect(awsRoleOf(compileIdentities('aws', [identity])).trustPolicy.Statement[0].Condition!.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(subjects);
  });

  test('Azure federated credentials', () => {
    expect(azureAccountOf(compileIdentities('azure', [identity])).federatedCredentials.map((c) => c.subject).sort()).toEqual(subjects);
  });

  test('GCP members', () => {
    const members = gcpAccountOf(compileIdentities('gcp', [identity])).bindings.map((b) => b.member);
    expect(members.every((member) => member.endsWith('environment:prod%3Aeu'))).toBe(true);
  });
});

describe('ids as providers issue them: digits without a leading zero', () => {
  test.each([
    ['GitHub ownerId "065"', github({ ownerId: '065' }), 'github.ownerId'],
    ['GitHub repositoryId "7e4"', github({ repositoryId: '7e4' }), 'github.repositoryId'],
    ['GitHub repositoryId " 74"', github({ repositoryId: ' 74' }), 'github.repositoryId'],
    ['GitLab projectId "04242"', gitlab({ projectId: '04242' }), 'gitlab.projectId'],
    ['GitLab namespaceId "-77"', gitlab({ namespaceId: '-77' }), 'gitlab.namespaceId'],
    ['GitLab namespaceId "0"', gitlab({ namespaceId: '0' }), 'gitlab.namespaceId'],
  ] as const)('%s is refused', (_what, identity, field) => {
    expect(problemsOf(identity)).toContain(`identities[0].${field}: ${field.split('.')[1]} must be the numeric id as issued: digits without a leading zero`);
  });

  test('the neighbours: ids as issued, and an AWS account id that starts with 0', () => {
    accepted(github({ ownerId: '65', repositoryId: '1296269' }));
    const model = toModel({ ...declaration([workload('deploy', [github({})], ['aws'])]), accounts: { 'aws-prod': { cloud: 'aws', accountId: '012345678901' } } });
    expect(model.accounts['aws-prod']).toMatchObject({ accountId: '012345678901' });
  });
});

describe('refs git refuses and separators that would forge subject fields', () => {
  test.each([
    ['a GitLab ref with ":"', gitlab({ ref: 'main:ref_type:tag' }), 'gitlab.ref', 'contains ":"'],
    ['a GitLab ref with ".."', gitlab({ ref: 'release/..x' }), 'gitlab.ref', 'contains ".."'],
    ['a GitLab ref ending in .lock', gitlab({ ref: 'main.lock' }), 'gitlab.ref', 'ending with ".lock"'],
    ['a GitLab ref with a space', gitlab({ ref: 'my branch' }), 'gitlab.ref', 'contains " "'],
    ['a GitHub ref with ":"', github({ environment: undefined, ref: 'refs/heads/a:b' }), 'github.ref', 'contains ":"'],
    ['a GitHub ref with "//"', github({ environment: undefined, ref: 'refs/heads//main' }), 'github.ref', 'empty path component'],
  ] as const)('%s is refused', (_what, identity, field, reason) => {
    const message = problemsOf(identity);
    expect(message).toContain(`identities[0].${field}: `);
    expect(message).toContain(reason);
  });

  test.each([
    ['organization', terraform({ organization: 'acme:project:x' })],
    ['project', terraform({ project: 'core:workspace:dns' })],
    ['workspace', terraform({ workspace: 'dns:run_phase:apply' })],
  ])('an HCP Terraform %s with ":" is refused', (field, identity) => {
    expect(problemsOf(identity)).toContain(`identities[0].terraformCloud.${field}: ${field} must be an HCP Terraform name`);
  });

  test('the neighbours: branch names with / - . _, and HCP Terraform names as HCP Terraform allows them', () => {
    accepted(gitlab({ ref: 'release/v1.2_x-y' }));
    accepted(github({ environment: undefined, ref: 'refs/tags/v1.2.3' }));
    accepted(terraform({ organization: 'acme_corp-1', project: 'Core Platform', workspace: 'dns_prod-1' }));
  });
});

describe('SPIFFE IDs outside the SPIFFE ID specification', () => {
  test.each([
    ['spiffe://example.org/a/../b', 'has a ".." path segment'],
    ['spiffe://example.org/./b', 'has a "." path segment'],
    ['spiffe://example.org/a//b', 'has an empty path segment'],
    ['spiffe://example.org/a/', 'has an empty path segment'],
    ['spiffe://example.org/a%2Fb', 'has "%" in its path'],
    ['spiffe://example.org/a b', 'has " " in its path'],
    ['spiffe://example.org/a@b', 'has "@" in its path'],
    ['spiffe://Example.org/a', 'has trust domain "Example.org"'],
    ['spiffe://example.org:443/a', 'has trust domain "example.org:443"'],
    ['spiffe://user@example.org/a', 'has trust domain "user@example.org"'],
    ['SPIFFE://example.org/a', 'must start with spiffe://'],
    ['spiffe:///a', 'has no trust domain'],
    ['spiffe://example.org', 'needs a path'],
    [`spiffe://example.org/${'a'.repeat(2040)}`, 'is over 2048 bytes'],
  ].map(([id, reason]) => [id.length > 60 ? `${id.slice(0, 40)}… (${id.length} bytes)` : id, id, reason]))('%s is refused', (_title, id, reason) => {
    expect(problemsOf(spiffe(id))).toContain(`identities[0].spiffe.id: id ${reason}`);
  });

  test.each(['spiffe://example.org/ns/prod/sa/web', 'spiffe://mesh.acme-corp.internal/Web_1.v2-a'])('the neighbour %s is accepted', (id) => {
    accepted(spiffe(id));
  });
});

describe('one account, project or cluster is declared once', () => {
  const withAccounts = (accounts: object) => () => toModel({ ...declaration([]), accounts: accounts as typeof ACCOUNTS });
  const azure = (subscriptionId: string, resourceGroup: string, tenantId = '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b') =>
    ({ cloud: 'azure', tenantId, subscriptionId, resourceGroup, location: 'westeurope' }) as const;
  const SUBSCRIPTION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

  test.each([
    ['two keys for one AWS account', { b: { cloud: 'aws', accountId: '111122223333' }, a: { cloud: 'aws', accountId: '111122223333' } }, 'accounts.b: is AWS account 111122223333 (aws), like accounts.a'],
    [
      'two keys for one GCP project',
      { prod: { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012' }, main: { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012' } },
      'accounts.prod: is GCP project acme-prod, like accounts.main',
    ],
    [
      'two projects with one number',
      { a: { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012' }, b: { cloud: 'gcp', projectId: 'acme-other', projectNumber: '123456789012' } },
      'accounts.b: is GCP project number 123456789012, like accounts.a',
    ],
    ['one resource group, cased differently', { a: azure(SUBSCRIPTION, 'rg-wi'), b: azure(SUBSCRIPTION.toUpperCase(), 'RG-WI') }, 'accounts.b: is Azure subscription'],
    ['one subscription in two tenants', { a: azure(SUBSCRIPTION, 'rg-one'), b: azure(SUBSCRIPTION, 'rg-two', '11111111-2222-4333-8444-555555555555') }, 'accounts.b.tenantId: subscription'],
  ])('%s is refused', (_what, accounts, message) => {
    expect(declarationErrorOf(withAccounts(accounts)).message).toContain(message);
  });

  test('the neighbours: one id in two partitions, two resource groups of one subscription', () => {
    expect(withAccounts({ a: { cloud: 'aws', accountId: '111122223333' }, b: { cloud: 'aws', accountId: '111122223333', partition: 'aws-cn' } })).not.toThrow();
    expect(withAccounts({ a: azure(SUBSCRIPTION, 'rg-one'), b: azure(SUBSCRIPTION, 'rg-two') })).not.toThrow();
  });

  const eks = (name: string, issuer: string, cluster: string) =>
    workload(name, [{ kubernetes: { issuer, namespace: 'jobs', serviceAccount: name, eks: { region: 'eu-west-1', cluster } } }], ['aws']);
  const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/5C3F9A0D1B2E4F6A8B7C9D0E1F2A3B4C';
  const OTHER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9';

  test('one cluster issuer under two cluster names is refused, however the issuer is spelled', () => {
    const error = declarationErrorOf(() => toModel(declaration([eks('one', ISSUER, 'main'), eks('two', `${ISSUER.toLowerCase()}/`, 'blue')])));
    expect(error.message).toContain(`workloads[0].identities[0].kubernetes.eks.cluster: issuer ${ISSUER} is the issuer of EKS cluster eu-west-1/main here and of eu-west-1/blue`);
  });

  test('one cluster with two issuers is refused', () => {
    expect(declarationErrorOf(() => toModel(declaration([eks('one', ISSUER, 'main'), eks('two', OTHER, 'main')]))).message).toContain('EKS cluster eu-west-1/main has issuer');
  });

  test('the neighbour: two clusters with their own issuers', () => {
    expect(() => toModel(declaration([eks('one', ISSUER, 'main'), eks('two', OTHER, 'blue')]))).not.toThrow();
  });
});

describe('the CLI refuses such input with exit 2 and one path: message line per problem', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wiam-no-token-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('validate', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'accounts:',
        '  aws-prod: { cloud: aws, accountId: "111122223333" }',
        'workloads:',
        '  - name: deploy',
        '    identities:',
        '      - github: { repository: acme/web, ownerId: "065", repositoryId: "74", environment: "prod\\nx" }',
        '      - kubernetes: { issuer: "https://token.actions.githubusercontent.com", namespace: ns, serviceAccount: sa }',
        '    grants:',
        '      aws-prod: [{ resource: "arn:aws:s3:::acme-web", access: read }]',
        '',
      ].join('\n'),
    );
    const { code, out, err } = await runCli('validate', file);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err.trim().split('\n')).toEqual([
      'workloads[0].identities[0].github.ownerId: ownerId must be the numeric id as issued: digits without a leading zero (line 7)',
      'workloads[0].identities[0].github.environment: environment must not contain control characters or line breaks (found U+000A) (line 7)',
      'workloads[0].identities[1].kubernetes.issuer: https://token.actions.githubusercontent.com is the GitHub Actions issuer, not a Kubernetes one; declare its identities as github (line 8)',
    ]);
  });
});
