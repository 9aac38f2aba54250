import { acceptedAudiencesOf, evaluateGcpBinding, evaluateGcpProvider, mapAttributes, memberMatches } from '../../lib/evaluate/gcp';
import type { GcpProvider } from '../../lib/plan/plan';

// Workload Identity Federation as the GCP docs describe it: default audiences are the provider's resource name with
// `//` or `https://`; google.subject must be mapped (≤ 127 bytes); the condition must be true; members are
// principal://…/subject/S, principalSet://…/attribute.NAME/V, …/group/G and …/*. GKE and Google-signed tokens have
// their own member forms.

const POOL = 'projects/123456789012/locations/global/workloadIdentityPools/workload-iam';
const IAM = 'iam.googleapis.com';

const GITHUB: GcpProvider = {
  id: 'github-1',
  name: `${POOL}/providers/github-1`,
  type: 'oidc',
  issuer: 'https://token.actions.githubusercontent.com',
  allowedAudiences: [],
  attributeMapping: {
    'google.subject': 'assertion.sub',
    'google.groups': '[assertion.repository_owner]',
    'attribute.repository': 'assertion.repository',
    'attribute.repository_id': 'assertion.repository_id',
  },
  attributeCondition: "assertion.repository_owner_id == '65'",
  workloads: ['web'],
};

const CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: `https://${IAM}/${POOL}/providers/github-1`,
  sub: 'repo:acme/web:environment:production',
  repository: 'acme/web',
  repository_owner: 'acme',
  repository_id: '74',
  repository_owner_id: '65',
  environment: 'production',
};
const TOKEN = { claims: CLAIMS };

const MAPPED = {
  'attribute.repository': 'acme/web',
  'attribute.repository_id': '74',
  'google.groups': ['acme'],
  'google.subject': 'repo:acme/web:environment:production',
};

describe('attribute mapping', () => {
  test('maps every attribute over the claims', () => {
    expect(mapAttributes(GITHUB.attributeMapping, CLAIMS)).toEqual({ outcome: 'mapped', attributes: MAPPED });
  });

  test('a mapping that fails or yields a non-string rejects the token', () => {
    expect(mapAttributes({ 'google.subject': 'assertion.sub', 'attribute.workflow': 'assertion.job_workflow_ref' }, CLAIMS)).toEqual({
      outcome: 'error',
      attribute: 'attribute.workflow',
      reason: 'mapping attribute.workflow failed: field not found: job_workflow_ref',
    });
    expect(mapAttributes({ 'google.subject': 'size(assertion.sub)' }, CLAIMS)).toEqual({
      outcome: 'error',
      attribute: 'google.subject',
      reason: 'mapping google.subject produced a value of type int, not a string',
    });
    expect(mapAttributes({ 'google.subject': '[assertion.sub]' }, CLAIMS).outcome).toBe('error');
  });

  test('google.subject is limited to 127 bytes', () => {
    expect(mapAttributes({ 'google.subject': 'assertion.sub' }, { sub: 'a'.repeat(127) }).outcome).toBe('mapped');
    expect(mapAttributes({ 'google.subject': 'assertion.sub' }, { sub: 'a'.repeat(128) })).toEqual({
      outcome: 'error',
      attribute: 'google.subject',
      reason: "google.subject is 128 bytes, over GCP's limit of 127",
    });
  });

  test('a mapping without google.subject, or with an unknown target, cannot be evaluated', () => {
    expect(mapAttributes({ 'attribute.repository': 'assertion.repository' }, CLAIMS).outcome).toBe('unsupported');
    expect(mapAttributes({ 'google.subject': 'assertion.sub', 'attribute.Repository': 'assertion.repository' }, CLAIMS).outcome).toBe('unsupported');
  });
});

describe('provider admission', () => {
  test('admits a token from its issuer with a default audience and a true condition', () => {
    expect(evaluateGcpProvider(GITHUB, TOKEN)).toEqual({
      verdict: 'accepted',
      reason: "provider github-1 maps the token to google.subject repo:acme/web:environment:production and the attribute condition assertion.repository_owner_id == '65' holds",
      attributes: MAPPED,
    });
  });

  test('the default audiences are the provider resource name with // or https://', () => {
    expect(acceptedAudiencesOf(GITHUB)).toEqual([`//${IAM}/${POOL}/providers/github-1`, `https://${IAM}/${POOL}/providers/github-1`]);
    expect(evaluateGcpProvider(GITHUB, { claims: { ...CLAIMS, aud: `//${IAM}/${POOL}/providers/github-1` } }).verdict).toBe('accepted');
    expect(evaluateGcpProvider(GITHUB, { claims: { ...CLAIMS, aud: 'https://github.com/acme' } })).toEqual({
      verdict: 'rejected',
      stage: 'audience',
      reason: `none of the token's audiences ["https://github.com/acme"] is accepted by the provider (["//${IAM}/${POOL}/providers/github-1","https://${IAM}/${POOL}/providers/github-1"])`,
    });
  });

  test('allowed audiences replace the defaults', () => {
    const allowed = { ...GITHUB, allowedAudiences: ['https://github.com/acme'] };
    expect(evaluateGcpProvider(allowed, { claims: { ...CLAIMS, aud: ['https://github.com/acme', 'other'] } }).verdict).toBe('accepted');
    expect(evaluateGcpProvider(allowed, TOKEN).verdict).toBe('rejected');
  });

  test('another issuer is rejected', () => {
    expect(evaluateGcpProvider(GITHUB, { claims: { ...CLAIMS, iss: 'https://gitlab.com' } })).toEqual({
      verdict: 'rejected',
      stage: 'issuer',
      reason: "the token's issuer https://gitlab.com is not the provider's issuer https://token.actions.githubusercontent.com",
    });
  });

  test('the condition must be true: false, an error or a non-boolean rejects', () => {
    expect(evaluateGcpProvider(GITHUB, { claims: { ...CLAIMS, repository_owner_id: '66' } })).toEqual({
      verdict: 'rejected',
      stage: 'condition',
      reason: "the attribute condition assertion.repository_owner_id == '65' evaluates to false, not true",
    });
    expect(evaluateGcpProvider({ ...GITHUB, attributeCondition: "assertion.ref == 'refs/heads/main'" }, TOKEN)).toEqual({
      verdict: 'rejected',
      stage: 'condition',
      reason: 'the attribute condition failed: field not found: ref',
    });
    expect(evaluateGcpProvider({ ...GITHUB, attributeCondition: 'assertion.sub' }, TOKEN).verdict).toBe('rejected');
  });

  test('the condition sees the mapped attribute and google values', () => {
    const provider = { ...GITHUB, attributeCondition: "attribute.repository_id == '74' && 'acme' in google.groups && google.subject.startsWith('repo:acme/')" };
    expect(evaluateGcpProvider(provider, TOKEN).verdict).toBe('accepted');
  });

  test('an empty condition admits every token the mapping accepts', () => {
    expect(evaluateGcpProvider({ ...GITHUB, attributeCondition: '' }, { claims: { ...CLAIMS, repository_owner_id: '66' } }).verdict).toBe('accepted');
  });

  test('an AWS provider checks the caller account and maps the GetCallerIdentity fields', () => {
    const aws: GcpProvider = {
      id: 'aws-1',
      name: `${POOL}/providers/aws-1`,
      type: 'aws',
      awsAccountId: '444455556666',
      allowedAudiences: [],
      // GCP's documented default mapping for AWS providers.
      attributeMapping: {
        'google.subject': 'assertion.arn',
        'attribute.aws_role': "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn",
      },
      attributeCondition: '',
      workloads: ['reports'],
    };
    const caller = { claims: { arn: 'arn:aws:sts::444455556666:assumed-role/cost-reporter/i-0123456789', account: '444455556666', userid: 'AROAEXAMPLE:i-0123456789' } };
    const admitted = evaluateGcpProvider(aws, caller);
    expect(admitted.verdict === 'accepted' && admitted.attributes).toEqual({
      'attribute.aws_role': 'arn:aws:sts::444455556666:assumed-role/cost-reporter',
      'google.subject': 'arn:aws:sts::444455556666:assumed-role/cost-reporter/i-0123456789',
    });
    expect(evaluateGcpProvider(aws, { claims: { ...caller.claims, account: '111122223333' } })).toEqual({
      verdict: 'rejected',
      stage: 'account',
      reason: "the caller's AWS account 111122223333 is not the provider's account 444455556666",
    });
  });
});

describe('member forms', () => {
  test.each([
    [`principal://${IAM}/${POOL}/subject/repo:acme/web:environment:production`, 'match'],
    [`principal://${IAM}/${POOL}/subject/repo:acme/web:environment:staging`, 'no-match'],
    [`principalSet://${IAM}/${POOL}/attribute.repository/acme/web`, 'match'],
    [`principalSet://${IAM}/${POOL}/attribute.repository/acme/api`, 'no-match'],
    [`principalSet://${IAM}/${POOL}/attribute.workflow/x`, 'no-match'],
    [`principalSet://${IAM}/${POOL}/group/acme`, 'match'],
    [`principalSet://${IAM}/${POOL}/group/other`, 'no-match'],
    [`principalSet://${IAM}/${POOL}/*`, 'match'],
    [`principalSet://${IAM}/projects/999/locations/global/workloadIdentityPools/other/*`, 'no-match'],
    [`principal://${IAM}/projects/999/locations/global/workloadIdentityPools/other/subject/repo:acme/web:environment:production`, 'no-match'],
    ['user:alice@acme.example', 'no-match'],
    ['serviceAccount:deployer@acme-prod.iam.gserviceaccount.com', 'no-match'],
    ['allUsers', 'match'],
    ['allAuthenticatedUsers', 'unsupported'],
    [`principalSet://${IAM}/${POOL}/namespace/default`, 'unsupported'],
  ])('%s: %s', (member, expected) => {
    expect(memberMatches(member, MAPPED, POOL).outcome).toBe(expected);
  });

  test('an attribute holding a list matches a member naming one of its values', () => {
    expect(memberMatches(`principalSet://${IAM}/${POOL}/attribute.teams/web`, { 'google.subject': 's', 'attribute.teams': ['api', 'web'] }, POOL)).toEqual({
      outcome: 'match',
      reason: 'attribute.teams contains web',
    });
  });
});

describe('bindings', () => {
  test('a member of the provider pool admits the token the provider maps to it', () => {
    const member = `principalSet://${IAM}/${POOL}/attribute.repository_id/74`;
    expect(evaluateGcpBinding({ member, poolName: POOL, provider: GITHUB }, TOKEN).verdict).toBe('accepted');
    expect(evaluateGcpBinding({ member, poolName: POOL, provider: GITHUB }, { claims: { ...CLAIMS, repository_id: '75' } })).toEqual({
      verdict: 'rejected',
      stage: 'member',
      reason: 'attribute.repository_id "75" does not equal 74',
    });
  });

  test('a federated member without its provider cannot be evaluated', () => {
    expect(evaluateGcpBinding({ member: `principalSet://${IAM}/${POOL}/*`, poolName: POOL }, TOKEN).verdict).toBe('unsupported');
  });

  test('GKE: a pod token of a cluster in the project is its namespace and service account', () => {
    const member = `principal://${IAM}/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/analytics/sa/spark`;
    const pod = {
      claims: {
        iss: 'https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/analytics',
        sub: 'system:serviceaccount:analytics:spark',
        aud: ['acme-prod.svc.id.goog'],
      },
    };
    expect(evaluateGcpBinding({ member, poolName: POOL }, pod).verdict).toBe('accepted');
    expect(evaluateGcpBinding({ member, poolName: POOL }, { claims: { ...pod.claims, sub: 'system:serviceaccount:analytics:default' } }).verdict).toBe('rejected');
    const otherProject = { claims: { ...pod.claims, iss: 'https://container.googleapis.com/v1/projects/acme-dev/locations/europe-west1/clusters/analytics' } };
    expect(evaluateGcpBinding({ member, poolName: POOL }, otherProject)).toEqual({
      verdict: 'rejected',
      stage: 'issuer',
      reason: "the token's issuer https://container.googleapis.com/v1/projects/acme-dev/locations/europe-west1/clusters/analytics is not a GKE cluster of project acme-prod",
    });
  });

  test('a service account member is the Google-signed token with that email', () => {
    const member = 'serviceAccount:audit-collector@acme-prod.iam.gserviceaccount.com';
    const google = { claims: { iss: 'https://accounts.google.com', email: 'audit-collector@acme-prod.iam.gserviceaccount.com', sub: '104729364512345678901' } };
    expect(evaluateGcpBinding({ member, poolName: POOL }, google).verdict).toBe('accepted');
    expect(evaluateGcpBinding({ member, poolName: POOL }, { claims: { ...google.claims, email: 'other@acme-prod.iam.gserviceaccount.com' } }).verdict).toBe('rejected');
    expect(evaluateGcpBinding({ member, poolName: POOL }, TOKEN).verdict).toBe('rejected');
  });
});
