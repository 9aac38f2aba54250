import { parseDeclarationText } from '../../lib/declaration/load';
import type { Change } from '../../lib/diff/change';
import { diffManifests } from '../../lib/diff/diff';
import { buildManifest, type Manifest } from '../../lib/manifest/manifest';
import { compile } from '../../lib/plan/compile';

/**
 * `diff` classifies by effective trust: each case pairs hand-written declarations before and after one change, and a
 * neighbour that looks alike but must not be classed the same way.
 */

const SUBSCRIPTION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const ACCOUNTS = [
  'accounts:',
  '  aws-prod: { cloud: aws, accountId: "111122223333" }',
  '  aws-shared: { cloud: aws, accountId: "444455556666" }',
  '  gcp-prod: { cloud: gcp, projectId: acme-prod, projectNumber: "123456789012" }',
  `  azure-prod: { cloud: azure, tenantId: 7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b, subscriptionId: ${SUBSCRIPTION}, resourceGroup: rg-wi, location: westeurope }`,
];
const BUCKET = 'arn:aws:s3:::acme-web-assets';
const VAULT = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv`;
const SECRET = `${VAULT}/secrets/db-password`;
const GITHUB_MAIN = 'github: { repository: acme/web, ownerId: "65", repositoryId: "74", ref: refs/heads/main }';
const GITHUB_RELEASE = 'github: { repository: acme/web, ownerId: "65", repositoryId: "74", ref: refs/heads/release }';

/** A declaration of one workload, `web`, from its YAML lines (indented under the list item). */
function declaration(lines: readonly string[], accounts: readonly string[] = ACCOUNTS): string {
  return ['version: 1', ...accounts, 'workloads:', '  - name: web', ...lines.map((line) => `    ${line}`), ''].join('\n');
}

function manifestOf(text: string): Manifest {
  const model = parseDeclarationText(text);
  return buildManifest(model, compile(model));
}

/** `class account aspect: message`, one line per change. */
function described(changes: readonly Change[]): string[] {
  return changes.map((c) => `${c.class} ${c.account ?? '-'} ${c.aspect}: ${c.message}`);
}

const diff = (before: readonly string[], after: readonly string[]) =>
  described(diffManifests(manifestOf(declaration(before)), manifestOf(declaration(after))));
const classes = (changes: readonly string[]) => [...new Set(changes.map((line) => line.split(' ')[0]))].sort();

const awsWorkload = (identities: readonly string[], extra: readonly string[] = []) => [
  'identities:',
  ...identities.map((identity) => `  - ${identity}`),
  'grants:',
  '  aws-prod:',
  `    - { resource: "${BUCKET}", access: read }`,
  ...extra,
];

describe('subjects', () => {
  test('an exact ref replaced by two refs is widened by the one ref added, on every cloud', () => {
    const changes = diff(
      ['identities:', `  - ${GITHUB_MAIN}`, 'grants:', '  aws-prod: []', '  azure-prod: []'],
      ['identities:', `  - ${GITHUB_MAIN}`, `  - ${GITHUB_RELEASE}`, 'grants:', '  aws-prod: []', '  azure-prod: []'],
    );
    expect(changes).toEqual([
      'widened aws-prod subject: subject now admits repo:acme/web:ref:refs/heads/release',
      'widened aws-prod subject: subject now admits repo:acme@65/web@74:ref:refs/heads/release',
      'widened azure-prod subject: subject now admits repo:acme/web:ref:refs/heads/release',
      'widened azure-prod subject: subject now admits repo:acme@65/web@74:ref:refs/heads/release',
    ]);
  });

  test('neighbour: the same two refs listed in the other order change nothing', () => {
    expect(diff(awsWorkload([GITHUB_MAIN, GITHUB_RELEASE]), awsWorkload([GITHUB_RELEASE, GITHUB_MAIN]))).toEqual([]);
  });

  test('one ref replaced by another is widened by the new ref and narrowed by the old one', () => {
    expect(diff(awsWorkload([GITHUB_MAIN]), awsWorkload([GITHUB_RELEASE]))).toEqual([
      'widened aws-prod subject: subject now admits repo:acme/web:ref:refs/heads/release',
      'widened aws-prod subject: subject now admits repo:acme@65/web@74:ref:refs/heads/release',
      'narrowed aws-prod subject: subject no longer admits repo:acme/web:ref:refs/heads/main',
      'narrowed aws-prod subject: subject no longer admits repo:acme@65/web@74:ref:refs/heads/main',
    ]);
  });

  test('dropping the classic subject form narrows only', () => {
    const immutable = 'github: { repository: acme/web, ownerId: "65", repositoryId: "74", ref: refs/heads/main, subjectFormat: immutable }';
    expect(diff(awsWorkload([GITHUB_MAIN]), awsWorkload([immutable]))).toEqual(['narrowed aws-prod subject: subject no longer admits repo:acme/web:ref:refs/heads/main']);
  });
});

describe('pins', () => {
  const classic = (fields: string) => `github: { repository: acme/web, ${fields}ref: refs/heads/main, subjectFormat: classic }`;

  test('removing the immutable ids removes the repository_id and repository_owner_id pins: widened', () => {
    expect(diff(awsWorkload([classic('ownerId: "65", repositoryId: "74", ')]), awsWorkload([classic('')]))).toEqual([
      'widened aws-prod claim pin: pin on repository_id removed (was 74)',
      'widened aws-prod claim pin: pin on repository_owner_id removed (was 65)',
    ]);
  });

  test('neighbour: adding the immutable ids is a narrowing, never a widening', () => {
    expect(diff(awsWorkload([classic('')]), awsWorkload([classic('ownerId: "65", repositoryId: "74", ')]))).toEqual([
      'narrowed aws-prod claim pin: pin on repository_id added (74)',
      'narrowed aws-prod claim pin: pin on repository_owner_id added (65)',
    ]);
  });

  test('removing the job_workflow_ref pin is widened on AWS and GCP (Azure never enforced it)', () => {
    const pinned = 'github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: production, workflow: "acme/ci/.github/workflows/deploy.yml@refs/heads/main" }';
    const unpinned = 'github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: production }';
    const grants = ['grants:', '  aws-prod: []', '  gcp-prod: []', '  azure-prod: []'];
    expect(diff(['identities:', `  - ${pinned}`, ...grants], ['identities:', `  - ${unpinned}`, ...grants])).toEqual([
      'widened aws-prod claim pin: pin on job_workflow_ref removed (was acme/ci/.github/workflows/deploy.yml@refs/heads/main)',
      'widened gcp-prod claim pin: pin on job_workflow_ref removed (was acme/ci/.github/workflows/deploy.yml@refs/heads/main)',
    ]);
  });

  test('a GitLab job no longer pinned to its environment or to protected refs is widened where each was enforced', () => {
    const gitlab = (fields: string) => `gitlab: { project: acme/data, projectId: "4242", namespaceId: "77", ref: main, refType: branch${fields} }`;
    const grants = ['grants:', '  aws-prod: []', '  gcp-prod: []'];
    // AWS STS passes no GitLab environment claim, so only GCP enforced the environment; GCP now binds both ref_protected values.
    expect(diff(['identities:', `  - ${gitlab(', environment: production')}`, ...grants], ['identities:', `  - ${gitlab(', protectedRef: false')}`, ...grants])).toEqual([
      'widened aws-prod claim pin: pin on ref_protected removed (was true)',
      'widened gcp-prod claim pin: pin on environment removed (was production)',
      'widened gcp-prod claim pin: pin on ref_protected now admits false',
    ]);
  });

  test('neighbour: a different environment is one widening and one narrowing, not a pin removed', () => {
    const environment = (name: string) => `github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: ${name}, subjectFormat: classic }`;
    expect(diff(awsWorkload([environment('staging')]), awsWorkload([environment('production')]))).toEqual([
      'widened aws-prod subject: subject now admits repo:acme/web:environment:production',
      'narrowed aws-prod subject: subject no longer admits repo:acme/web:environment:staging',
    ]);
  });
});

describe('identities and audiences', () => {
  const oidc = (audience: string) => `oidc: { issuer: https://login.partner.example, audience: ${audience}, subject: "job:sync" }`;

  test('a new audience is widened; the old one no longer admitted is narrowed', () => {
    expect(diff(awsWorkload([oidc('partner-a')]), awsWorkload([oidc('partner-b')]))).toEqual([
      'widened aws-prod audience: audience now admits partner-b',
      'narrowed aws-prod audience: audience no longer admits partner-a',
    ]);
  });

  test('a new identity of another issuer is widened as an identity', () => {
    const kubernetes = 'kubernetes: { issuer: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE, namespace: web, serviceAccount: deployer, eks: { region: eu-west-1, cluster: prod } }';
    expect(diff(awsWorkload([GITHUB_MAIN]), awsWorkload([GITHUB_MAIN, kubernetes]))).toEqual([
      'widened aws-prod identity: admits kubernetes:web/deployer@https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE through Federated:arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
    ]);
  });
});

describe('permissions', () => {
  test('read made readWrite is widened by the actions added only', () => {
    const changes = diff(awsWorkload([GITHUB_MAIN]), [...awsWorkload([GITHUB_MAIN]).slice(0, -1), `    - { resource: "${BUCKET}", access: readWrite }`]);
    expect(classes(changes)).toEqual(['widened']);
    expect(changes).toContain(`widened aws-prod action: now allows s3:AbortMultipartUpload, s3:DeleteObject, s3:PutObject on ${BUCKET}/*`);
  });

  test('neighbour: readWrite made read is narrowed only', () => {
    const changes = diff([...awsWorkload([GITHUB_MAIN]).slice(0, -1), `    - { resource: "${BUCKET}", access: readWrite }`], awsWorkload([GITHUB_MAIN]));
    expect(classes(changes)).toEqual(['narrowed']);
  });

  test('an Azure grant moved from a secret to its whole vault is a broader scope; back is narrower', () => {
    const azure = (grant: string) => ['identities:', `  - ${GITHUB_MAIN}`, 'grants:', '  azure-prod:', `    - ${grant}`];
    const [secret, vault] = [azure(`{ resource: "${SECRET}", access: read }`), azure(`{ resource: "${VAULT}", access: readSecrets }`)];
    expect(diff(secret, vault)).toEqual([`widened azure-prod scope: Key Vault Secrets User on ${SECRET} moved to a broader scope: ${VAULT}`]);
    expect(diff(vault, secret)).toEqual([`narrowed azure-prod scope: Key Vault Secrets User on ${VAULT} moved to a narrower scope: ${SECRET}`]);
  });

  test('a GCP role replaced by a wider one is widened by the new role and narrowed by the old', () => {
    const gcp = (access: string) => ['identities:', `  - ${GITHUB_MAIN}`, 'grants:', '  gcp-prod:', `    - { resource: "//storage.googleapis.com/projects/_/buckets/acme-web", access: ${access} }`];
    expect(diff(gcp('read'), gcp('readWrite'))).toEqual([
      'widened gcp-prod role: now allows roles/storage.objectUser on //storage.googleapis.com/projects/_/buckets/acme-web',
      'narrowed gcp-prod role: no longer allows roles/storage.objectViewer on //storage.googleapis.com/projects/_/buckets/acme-web',
    ]);
  });
});

describe('sessions, accounts, acknowledgements, names', () => {
  const session = (duration: string) => ['sessionDuration: 2h', 'acknowledge:', '  - { rule: WIAM-SESSION-001, reason: "long loads" }'].map((line) => line.replace('2h', duration));

  test('a longer session is widened; a shorter one narrowed', () => {
    expect(diff([...session('1h'), ...awsWorkload([GITHUB_MAIN])], [...session('2h'), ...awsWorkload([GITHUB_MAIN])])).toEqual(['widened aws-prod session length: maximum session longer: 2h (was 1h)']);
    expect(diff([...session('2h'), ...awsWorkload([GITHUB_MAIN])], [...session('1h'), ...awsWorkload([GITHUB_MAIN])])).toEqual(['narrowed aws-prod session length: maximum session shorter: 1h (was 2h)']);
  });

  test('moving a workload to another account is both widened and narrowed', () => {
    const inAccount = (account: string) => ['identities:', `  - ${GITHUB_MAIN}`, 'grants:', `  ${account}:`, `    - { resource: "${BUCKET}", access: read }`];
    const changes = diff(inAccount('aws-prod'), inAccount('aws-shared'));
    expect(changes.map((line) => line.split(':')[0])).toEqual(['narrowed aws-prod account', 'widened aws-shared account']);
    expect(changes[1]).toContain('now admitted to aws-shared (aws 444455556666)');
  });

  test('neighbour: renaming the account key of the same account is only changed', () => {
    const renamed = ACCOUNTS.map((line) => line.replace('aws-prod:', 'production:'));
    const before = manifestOf(declaration(awsWorkload([GITHUB_MAIN])));
    const after = manifestOf(declaration(awsWorkload([GITHUB_MAIN]).map((line) => line.replace('aws-prod:', 'production:')), renamed));
    const changes = described(diffManifests(before, after));
    expect(changes).toContain('changed production account: account key renamed from aws-prod');
    expect(classes(changes)).toEqual(['changed']);
  });

  test('an acknowledgement added is widened (a rule no longer refuses), its reason reworded is changed', () => {
    const acknowledged = (reason: string) => ['acknowledge:', `  - { rule: WIAM-GH-002, reason: "${reason}" }`, ...awsWorkload([GITHUB_MAIN])];
    expect(diff(awsWorkload([GITHUB_MAIN]), acknowledged('releases come from main'))).toEqual(['widened - acknowledgement: acknowledges WIAM-GH-002: releases come from main']);
    expect(diff(acknowledged('releases come from main'), acknowledged('main is protected'))).toEqual(['changed - acknowledgement: reason for acknowledging WIAM-GH-002 changed']);
  });

  test('a description reworded and a workload renamed are changed, never widened', () => {
    const withDescription = (text: string) => [`description: ${text}`, ...awsWorkload([GITHUB_MAIN])];
    expect(diff(withDescription('Deploys the site'), withDescription('Deploys the web site'))).toEqual(['changed - description: description changed']);
    const before = manifestOf(declaration(awsWorkload([GITHUB_MAIN])));
    const after = manifestOf(declaration(awsWorkload([GITHUB_MAIN])).replace('name: web', 'name: site'));
    expect(described(diffManifests(before, after))).toEqual([
      'changed - name: renamed from web',
      'changed aws-prod principal: principal renamed to arn:aws:iam::111122223333:role/workload-iam/wiam-site',
    ]);
  });

  test('neighbour: a workload added under a new name with other access is widened, the old one narrowed', () => {
    const before = manifestOf(declaration(awsWorkload([GITHUB_MAIN])));
    const after = manifestOf(declaration(awsWorkload([GITHUB_RELEASE])).replace('name: web', 'name: site'));
    expect(classes(described(diffManifests(before, after)))).toEqual(['narrowed', 'widened']);
    expect(described(diffManifests(before, after))).toContain('widened - workload: new workload: github:acme/web:ref:refs/heads/release');
  });
});
