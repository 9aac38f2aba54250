import { planPermissionViews, planSessionViews } from '../../lib/trust/permission-view';
import { identityPath, planTrustViews } from '../../lib/trust/plan-views';
import type { TrustView } from '../../lib/trust/trust-view';
import { ACCOUNT_KEY, AWS_ACCOUNT_ID, AZURE_SUBSCRIPTION_ID, GCP_POOL, READ_RESOURCE, compileWorkloads, workload, type IdentityInput } from '../plan/fixtures';

/**
 * The admissions and permissions a compiled Plan holds, as the rules read them (lib/trust/plan-views.ts,
 * permission-view.ts): one view per identity, per GCP member and workload, per Azure credential, with the access of
 * what the workload may touch. Ids, ARNs and role definition ids are written from the clouds' documentation.
 */

const GITHUB = 'https://token.actions.githubusercontent.com';
const production = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } } satisfies IdentityInput;
const staging = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'staging' } } satisfies IdentityInput;
const WRITE_BUCKET = 'arn:aws:s3:::acme-web-uploads';
const GCP_WRITE = '//storage.googleapis.com/projects/_/buckets/acme-uploads';
const AZURE_WRITE = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/uploads`;

const views = (plan: ReturnType<typeof compileWorkloads>, cloud: TrustView['cloud']) => [...planTrustViews(plan)].filter((v) => v.cloud === cloud);
const subjectOf = (view: TrustView) => view.tests.find((t) => t.claim === 'sub')?.values;
/** Rows in a stable order: the Plan's own order is not what these tests are about. */
const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort().map((row) => JSON.parse(row) as T);

describe('identityPath', () => {
  test('names the first identity an admission stands for, or the workload', () => {
    expect(identityPath('web', [2, 3])).toBe('workloads[web].identities[2]');
    expect(identityPath('web', [])).toBe('workloads[web]');
    expect(identityPath('web', undefined)).toBe('workloads[web]');
  });
});

describe('planTrustViews: AWS', () => {
  test('identities merged into one statement (they differ only in sub) are judged one by one', () => {
    const plan = compileWorkloads([workload('web', [production, staging], ['aws'])]);
    const aws = views(plan, 'aws');
    expect(aws.map((v) => [v.where.path, v.where.identities, v.access])).toEqual([
      ['workloads[web].identities[0]', [0], 'read'],
      ['workloads[web].identities[1]', [1], 'read'],
    ]);
    // Each view holds its own identity's subjects (the classic and the immutable GitHub form), not both identities'.
    expect(subjectOf(aws[0])).toEqual(['repo:acme/web:environment:production', 'repo:acme@65/web@74:environment:production']);
    expect(subjectOf(aws[1])).toEqual(['repo:acme/web:environment:staging', 'repo:acme@65/web@74:environment:staging']);
    expect(aws[0].where).toMatchObject({ account: ACCOUNT_KEY.aws, workload: 'web', resource: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-web` });
    expect(aws[0].issuer).toEqual({ kind: 'github', url: GITHUB });
  });

  test('a role that writes makes each of its admissions a write', () => {
    const plan = compileWorkloads([workload('web', [production], ['aws'], { grants: { [ACCOUNT_KEY.aws]: [{ resource: WRITE_BUCKET, access: 'readWrite' }] } })]);
    expect(views(plan, 'aws').map((v) => v.access)).toEqual(['write']);
  });

  test('the issuer kind is the Plan provider\'s, however the URL would be read', () => {
    const oidc = { oidc: { issuer: 'https://ci.example.com', audience: 'sts.amazonaws.com', subject: 'pipeline:deploy' } } satisfies IdentityInput;
    const plan = compileWorkloads([workload('deploy', [oidc], ['aws'])]);
    expect(views(plan, 'aws').map((v) => v.issuer)).toEqual([{ kind: 'generic', url: 'https://ci.example.com' }]);
  });
});

describe('planTrustViews: GCP', () => {
  test('one view per member and workload, writing when any of its bindings writes', () => {
    const plan = compileWorkloads([
      workload('web', [production], ['gcp'], {
        grants: {
          [ACCOUNT_KEY.gcp]: [
            { resource: READ_RESOURCE.gcp, access: 'read' },
            { resource: GCP_WRITE, access: 'readWrite' },
          ],
        },
      }),
      workload('reader', [staging], ['gcp']),
    ]);
    // Two members per identity: its classic and its immutable subject form, each joined to the repository id.
    const gcp = views(plan, 'gcp');
    expect(sorted(gcp.map((v) => [v.where.workload, v.access, v.where.path]))).toEqual([
      ['reader', 'read', 'workloads[reader].identities[0]'],
      ['reader', 'read', 'workloads[reader].identities[0]'],
      ['web', 'write', 'workloads[web].identities[0]'],
      ['web', 'write', 'workloads[web].identities[0]'],
    ]);
    expect(gcp.filter((v) => v.where.workload === 'web').map((v) => subjectOf(v)).sort()).toEqual([
      ['repo:acme/web:environment:production'],
      ['repo:acme@65/web@74:environment:production'],
    ]);
    expect(gcp[0].issuer).toEqual({ kind: 'github', url: GITHUB });
    expect(gcp[0].where.resource).toMatch(new RegExp(`^principal(Set)?://iam\\.googleapis\\.com/${GCP_POOL}/`));
    expect(gcp[0].anyPrincipal).toBeUndefined();
    // The provider's condition (pinning the owner by id) and the member's own claims are both tests of the view.
    expect(gcp[0].tests.some((t) => t.claim === 'repository_owner_id' && t.values.includes('65') && !t.text.startsWith('member'))).toBe(true);
    expect(gcp[0].tests.some((t) => t.claim === 'sub' && t.text.startsWith('member'))).toBe(true);
  });

  test('a member only meets the way in of its own subject on a shared provider', () => {
    const plan = compileWorkloads([workload('web', [production], ['gcp']), workload('reader', [staging], ['gcp'])]);
    for (const view of views(plan, 'gcp')) {
      const conditionSubjects = view.tests.filter((t) => t.claim === 'sub' && !t.text.startsWith('member')).flatMap((t) => t.values);
      const memberSubject = view.tests.find((t) => t.claim === 'sub' && t.text.startsWith('member'))!.values[0];
      for (const subject of conditionSubjects) expect(subject).toBe(memberSubject);
    }
  });
});

describe('planTrustViews: Azure', () => {
  test('one view per federated credential, with its single audience, writing when the identity has a writing assignment', () => {
    const plan = compileWorkloads([
      workload('web', [production], ['azure'], { grants: { [ACCOUNT_KEY.azure]: [{ resource: AZURE_WRITE, access: 'readWrite' }] } }),
      workload('reader', [staging], ['azure']),
    ]);
    // One credential per subject form (classic and immutable) of each identity.
    const azure = views(plan, 'azure');
    expect(sorted(azure.map((v) => [v.where.workload, v.access, v.where.path]))).toEqual([
      ['reader', 'read', 'workloads[reader].identities[0]'],
      ['reader', 'read', 'workloads[reader].identities[0]'],
      ['web', 'write', 'workloads[web].identities[0]'],
      ['web', 'write', 'workloads[web].identities[0]'],
    ]);
    for (const view of azure) {
      expect(view.tests.find((t) => t.claim === 'aud')?.values).toEqual(['api://AzureADTokenExchange']);
      expect(view.issuer).toEqual({ kind: 'github', url: GITHUB });
    }
  });
});

describe('planPermissionViews', () => {
  const plan = compileWorkloads([
    workload('web', [production], ['aws', 'gcp', 'azure'], {
      grants: {
        [ACCOUNT_KEY.aws]: [{ resource: READ_RESOURCE.aws, access: 'read' }],
        [ACCOUNT_KEY.gcp]: [
          { resource: READ_RESOURCE.gcp, access: 'read' },
          { resource: GCP_WRITE, access: 'readWrite' },
        ],
        [ACCOUNT_KEY.azure]: [
          { resource: READ_RESOURCE.azure, access: 'read' },
          { resource: AZURE_WRITE, access: 'readWrite' },
        ],
      },
    }),
  ]);
  const permissions = [...planPermissionViews(plan)];

  test('AWS: each statement\'s actions on its resources, named after the role and policy', () => {
    const aws = permissions.filter((p) => p.cloud === 'aws');
    expect(aws.length).toBeGreaterThan(0);
    for (const view of aws) {
      expect(view.actions.every((a) => a.startsWith('s3:'))).toBe(true);
      expect(view.resources.every((r) => r === READ_RESOURCE.aws || r === `${READ_RESOURCE.aws}/*`)).toBe(true);
      expect(view.where.resource).toMatch(new RegExp(`^arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-web \\(\\S+( \\S+)?\\)$`));
      expect(view.where.path).toBe(`workloads[web].grants.${ACCOUNT_KEY.aws}`);
    }
    expect(aws.flatMap((v) => v.actions)).toContain('s3:GetObject');
  });

  test('GCP: the role on the exact resource, pointing at the grant it comes from', () => {
    const gcp = permissions.filter((p) => p.cloud === 'gcp');
    // One binding per member (two subject forms) and role.
    expect(sorted(gcp.map((v) => [v.resources, v.actions, v.role, v.where.path]))).toEqual([
      [[GCP_WRITE], [], 'roles/storage.objectUser', `workloads[web].grants.${ACCOUNT_KEY.gcp}[1]`],
      [[GCP_WRITE], [], 'roles/storage.objectUser', `workloads[web].grants.${ACCOUNT_KEY.gcp}[1]`],
      [[READ_RESOURCE.gcp], [], 'roles/storage.objectViewer', `workloads[web].grants.${ACCOUNT_KEY.gcp}[0]`],
      [[READ_RESOURCE.gcp], [], 'roles/storage.objectViewer', `workloads[web].grants.${ACCOUNT_KEY.gcp}[0]`],
    ]);
  });

  test('Azure: the built-in role by its definition GUID and name, at the exact scope', () => {
    const azure = permissions.filter((p) => p.cloud === 'azure');
    expect(sorted(azure.map((v) => [v.role, v.roleName, v.resources, v.actions, v.where.path]))).toEqual([
      ['2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', 'Storage Blob Data Reader', [READ_RESOURCE.azure], [], `workloads[web].grants.${ACCOUNT_KEY.azure}[0]`],
      ['ba92f5b4-2d11-453d-a403-e96b0029c9fe', 'Storage Blob Data Contributor', [AZURE_WRITE], [], `workloads[web].grants.${ACCOUNT_KEY.azure}[1]`],
    ]);
  });

  test('a justification of an escape hatch travels with each permission of the role', () => {
    const justified = compileWorkloads([
      workload('ops', [production], ['aws'], {
        grants: { [ACCOUNT_KEY.aws]: [{ actions: ['s3:GetBucketTagging'], resource: READ_RESOURCE.aws, justification: 'reads bucket tags for the inventory report' }] },
      }),
    ]);
    const [view] = [...planPermissionViews(justified)];
    expect(view).toMatchObject({ actions: ['s3:GetBucketTagging'], resources: [READ_RESOURCE.aws], justification: 'reads bucket tags for the inventory report' });
  });
});

describe('planSessionViews', () => {
  test('each role\'s maximum session, in seconds, pointing at the workload\'s sessionDuration', () => {
    const plan = compileWorkloads([workload('web', [production], ['aws'], { sessionDuration: '2h' }), workload('api', [staging], ['aws'])]);
    expect(sorted(planSessionViews(plan).map((v) => [v.seconds, v.where.path, v.where.workload]))).toEqual([
      [3600, 'workloads[api].sessionDuration', 'api'],
      [7200, 'workloads[web].sessionDuration', 'web'],
    ]);
  });
});
