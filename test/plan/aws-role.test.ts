import { ACCOUNT_KEY, AWS_ACCOUNT_ID, awsAccountOf, awsRoleOf, compileWorkloads, declarationErrorOf, workload, type IdentityInput, type WorkloadInput } from './fixtures';

/**
 * Everything of an AWS role the Plan holds besides its trust: name, path, ARN, tags, session length, the inline
 * permissions policy (statements written from escape-hatch grants, so the expected actions are the declared ones),
 * and the account-level elements (providers, Pod Identity associations, Roles Anywhere profiles) in a stable order.
 * IAM facts: policy language version 2012-10-17; inline policies of a role total at most 10,240 characters; an OIDC
 * provider's client id is at most 255 characters.
 */

const production: IdentityInput = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } };
const BUCKET = 'arn:aws:s3:::acme-web-assets';
const TABLE = `arn:aws:dynamodb:eu-west-1:${AWS_ACCOUNT_ID}:table/orders`;
const justified = (actions: string[], resource: string, justification = 'the catalogue has no access level for exactly this'): NonNullable<WorkloadInput['grants']>[string][number] => ({
  actions,
  resource,
  justification,
});

describe('the role', () => {
  const plan = compileWorkloads([
    workload('web', [production], ['aws'], {
      description: 'Deploys the web front end',
      sessionDuration: '2h',
      grants: {
        [ACCOUNT_KEY.aws]: [justified(['s3:PutBucketTagging', 's3:GetBucketTagging'], BUCKET), justified(['dynamodb:DescribeTable'], TABLE, 'reads the table schema for migrations')],
      },
    }),
  ]);
  const role = awsRoleOf(plan, 'web');

  test('is named, placed and tagged after its workload', () => {
    expect(role).toMatchObject({
      key: 'web',
      name: 'wiam-web',
      path: '/workload-iam/',
      arn: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-web`,
      workload: 'web',
      description: 'Deploys the web front end',
      maxSessionDuration: 7200,
      tags: { 'workload-iam:workload': 'web' },
      oidcProviders: ['token.actions.githubusercontent.com'],
    });
  });

  test('has one inline policy with a statement per grant: sorted actions, the exact resource, a Sid naming the grant', () => {
    expect(role.inlinePolicies).toEqual({
      'workload-iam-grants': {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Grant0', Effect: 'Allow', Action: ['s3:GetBucketTagging', 's3:PutBucketTagging'], Resource: BUCKET },
          { Sid: 'Grant1', Effect: 'Allow', Action: 'dynamodb:DescribeTable', Resource: TABLE },
        ],
      },
    });
    expect(role.permissionOrigins).toEqual({ 'workload-iam-grants': [{ workload: 'web', grants: [0] }, { workload: 'web', grants: [1] }] });
  });

  test('records every justification once, sorted, and whether any grant writes', () => {
    expect(role.justifications).toEqual(['reads the table schema for migrations', 'the catalogue has no access level for exactly this']);
    expect(role.writes).toBe(true);
  });

  test('a workload without a description has none; a read-only workload does not write', () => {
    const reader = awsRoleOf(compileWorkloads([workload('reader', [production], ['aws'])]), 'reader');
    expect(reader).not.toHaveProperty('description');
    expect(reader.writes).toBe(false);
    expect(reader.justifications).toEqual([]);
  });

  test('reading a bucket takes two statements (listing the bucket, getting its objects), numbered as parts of the grant', () => {
    const reader = awsRoleOf(compileWorkloads([workload('reader', [production], ['aws'])]), 'reader');
    expect(reader.inlinePolicies['workload-iam-grants'].Statement).toEqual([
      { Sid: 'Grant0Part0', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET },
      { Sid: 'Grant0Part1', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
    ]);
  });

  test('one writing grant among reading ones makes the role write', () => {
    const mixed = compileWorkloads([
      workload('mixed', [production], ['aws'], {
        grants: { [ACCOUNT_KEY.aws]: [{ resource: BUCKET, access: 'read' }, { resource: TABLE, access: 'readWrite' }] },
      }),
    ]);
    expect(awsRoleOf(mixed, 'mixed').writes).toBe(true);
  });
});

describe('the account', () => {
  test('roles, providers, associations and profiles are sorted by key, whatever the workload order', () => {
    const anchor = (n: number) => `arn:aws:rolesanywhere:eu-west-1:${AWS_ACCOUNT_ID}:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5${n}`;
    const workloads = [
      workload('zeta', [{ kubernetes: { namespace: 'z', serviceAccount: 'z', eks: { region: 'eu-west-1', cluster: 'prod', podIdentity: true } } }], ['aws']),
      workload('alpha', [{ spiffe: { id: 'spiffe://mesh.acme.internal/ns/a/sa/a', x509: { awsTrustAnchorArn: anchor(2) } } }], ['aws']),
      workload('mid', [{ kubernetes: { namespace: 'm', serviceAccount: 'm', eks: { region: 'eu-west-1', cluster: 'prod', podIdentity: true } } }, production], ['aws']),
      workload('beta', [{ spiffe: { id: 'spiffe://mesh.acme.internal/ns/b/sa/b', x509: { awsTrustAnchorArn: anchor(1) } } }], ['aws'], { sessionDuration: '3h' }),
      workload('gamma', [{ spiffe: { id: 'spiffe://mesh.acme.internal/ns/g/sa/g', x509: { awsTrustAnchorArn: anchor(1) } } }], ['aws'], { sessionDuration: '2h' }),
    ];
    const account = awsAccountOf(compileWorkloads(workloads));
    expect(account.roles.map((r) => r.key)).toEqual(['alpha', 'beta', 'gamma', 'mid', 'zeta']);
    expect(account.podIdentityAssociations.map((a) => [a.key, a.role, a.cluster, a.region, a.namespace, a.serviceAccount, a.origin])).toEqual([
      ['mid/prod/m/m', 'mid', 'prod', 'eu-west-1', 'm', 'm', { workload: 'mid', identities: [0] }],
      ['zeta/prod/z/z', 'zeta', 'prod', 'eu-west-1', 'z', 'z', { workload: 'zeta', identities: [0] }],
    ]);
    // One profile per trust anchor, named from the anchor alone; sessions as long as the shortest of its roles allows.
    expect(account.rolesAnywhereProfiles).toEqual([
      {
        key: anchor(1),
        name: expect.stringMatching(/^workload-iam-[0-9a-f]{8,}$/),
        trustAnchorArn: anchor(1),
        // The region is the anchor's: a profile lives beside its trust anchor.
        region: 'eu-west-1',
        roles: ['beta', 'gamma'],
        roleArns: [`arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-beta`, `arn:aws:iam::${AWS_ACCOUNT_ID}:role/workload-iam/wiam-gamma`],
        maxSessionDuration: 7200,
      },
      expect.objectContaining({ key: anchor(2), roles: ['alpha'], maxSessionDuration: 3600 }),
    ]);
    // Names differ per anchor and do not change when a role joins the profile.
    const [first, second] = account.rolesAnywhereProfiles;
    expect(first.name).not.toBe(second.name);
    const alone = awsAccountOf(compileWorkloads([workloads[3]])).rolesAnywhereProfiles[0];
    expect(alone.name).toBe(first.name);
  });

  test('two identities of one workload on one trust anchor give the role once', () => {
    const anchor = `arn:aws:rolesanywhere:eu-west-1:${AWS_ACCOUNT_ID}:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d`;
    const plan = compileWorkloads([
      workload('edge', [
        { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/a', x509: { awsTrustAnchorArn: anchor } } },
        { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/b', x509: { awsTrustAnchorArn: anchor } } },
      ], ['aws']),
    ]);
    expect(awsAccountOf(plan).rolesAnywhereProfiles.map((p) => p.roles)).toEqual([['edge']]);
  });
});

describe('IAM limits', () => {
  test('inline permissions over 10,240 characters are refused with the fix', () => {
    const many = Array.from({ length: 90 }, (_, i) => justified(['dynamodb:DescribeTable'], `arn:aws:dynamodb:eu-west-1:${AWS_ACCOUNT_ID}:table/orders-history-archive-partition-${String(i).padStart(3, '0')}`));
    const error = declarationErrorOf(() => compileWorkloads([workload('big', [production], ['aws'], { grants: { [ACCOUNT_KEY.aws]: many } })]));
    expect(error.message).toMatch(/^workloads\[0\]\.grants\.aws-prod: the permissions of role wiam-big are \d+ characters, over the AWS limit of 10240 for inline policies; split the workload/);
  });

  test('a permissions policy just under the limit compiles', () => {
    const some = Array.from({ length: 20 }, (_, i) => justified(['dynamodb:DescribeTable'], `arn:aws:dynamodb:eu-west-1:${AWS_ACCOUNT_ID}:table/orders-${i}`));
    expect(() => compileWorkloads([workload('fits', [production], ['aws'], { grants: { [ACCOUNT_KEY.aws]: some } })])).not.toThrow();
  });

  test('an audience (client id) over 255 characters is refused', () => {
    const audience = `https://${'a'.repeat(250)}.example`;
    const oidc: IdentityInput = { oidc: { issuer: 'https://ci.example.com', audience, subject: 'pipeline:deploy' } };
    expect(declarationErrorOf(() => compileWorkloads([workload('long', [oidc], ['aws'])])).message).toContain('is over 255 characters');
    const ok: IdentityInput = { oidc: { issuer: 'https://ci.example.com', audience: `https://${'a'.repeat(200)}.example`, subject: 'pipeline:deploy' } };
    expect(() => compileWorkloads([workload('fits', [ok], ['aws'])])).not.toThrow();
  });
});
