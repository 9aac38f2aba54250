import { explainToken } from '../../lib/explain/explain';
import { compileWorkloads, GCP_POOL, workload, type IdentityInput } from '../plan/fixtures';

/**
 * Each identity kind's documented token, exchanged with GCP's STS semantics (attribute mapping, attribute condition,
 * member match; lib/evaluate), reaches exactly its own workload's member on GCP; the same token with one fact changed
 * reaches nothing. Token claims from reference/CLAIMS.md (AWS callers present their GetCallerIdentity answer: arn,
 * account, userid).
 */

const PROVIDER_AUDIENCE = (id: string) => `//iam.googleapis.com/${GCP_POOL}/providers/${id}`;

function accepted(identities: Record<string, IdentityInput>, claims: Record<string, unknown>): string[] {
  const plan = compileWorkloads(Object.entries(identities).map(([name, identity]) => workload(name, [identity], ['gcp'])));
  const providers = Object.values(plan.gcp)[0].providers;
  // OIDC tokens are minted for the provider's own audience (GCP's default allowed audience).
  const oidc = claims.aud === undefined && claims.iss !== undefined;
  const tokens = oidc ? providers.map((p) => ({ ...claims, aud: PROVIDER_AUDIENCE(p.id) })) : [claims];
  return [...new Set(tokens.flatMap((token) => explainToken(plan, { claims: token }).map((m) => m.workload)))].sort();
}

describe('an AWS role through an aws-type provider', () => {
  const roles = {
    reporter: { awsRole: { arn: 'arn:aws:iam::444455556666:role/reporting/cost-reporter' } },
    other: { awsRole: { arn: 'arn:aws:iam::444455556666:role/reporting/other-role' } },
  } satisfies Record<string, IdentityInput>;
  const caller = (arn: string, account = '444455556666') => ({ arn, account, userid: 'AROAEXAMPLE:i-0123456789' });

  test('a session of the role reaches its workload alone', () => {
    expect(accepted(roles, caller('arn:aws:sts::444455556666:assumed-role/cost-reporter/i-0123456789'))).toEqual(['reporter']);
  });

  test('another role, or the same role name in another account, reaches nothing of it', () => {
    expect(accepted(roles, caller('arn:aws:sts::444455556666:assumed-role/cost-reporter-two/i-1'))).toEqual([]);
    expect(accepted(roles, caller('arn:aws:sts::777788889999:assumed-role/cost-reporter/i-1', '777788889999'))).toEqual([]);
    expect(accepted(roles, caller('arn:aws:iam::444455556666:user/cost-reporter'))).toEqual([]);
  });
});

describe('GitLab through its provider', () => {
  const pipeline = { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' as const, environment: 'production' };
  const identities = { pipeline: { gitlab: pipeline }, staging: { gitlab: { ...pipeline, environment: 'staging' } } } satisfies Record<string, IdentityInput>;
  const token = (overrides: Record<string, unknown> = {}) => ({
    iss: 'https://gitlab.com',
    sub: 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
    namespace_id: '77',
    project_id: '4242',
    ref_protected: 'true',
    environment: 'production',
    ...overrides,
  });

  test('the production job reaches the production workload alone', () => {
    expect(accepted(identities, token())).toEqual(['pipeline']);
    expect(accepted(identities, token({ environment: 'staging' }))).toEqual(['staging']);
  });

  test('another project id, an unprotected ref, another group or no environment reach nothing', () => {
    expect(accepted(identities, token({ project_id: '4243' }))).toEqual([]);
    expect(accepted(identities, token({ ref_protected: 'false' }))).toEqual([]);
    expect(accepted(identities, token({ namespace_id: '78' }))).toEqual([]);
    const { environment: _environment, ...withoutEnvironment } = token();
    expect(accepted(identities, withoutEnvironment)).toEqual([]);
  });
});

describe('a Kubernetes service account through its cluster issuer', () => {
  const issuer = 'https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/prod';
  const identities = {
    api: { kubernetes: { issuer, namespace: 'shop', serviceAccount: 'api' } },
    worker: { kubernetes: { issuer, namespace: 'shop', serviceAccount: 'worker' } },
  } satisfies Record<string, IdentityInput>;

  test('its own token reaches its workload; another service account or namespace does not', () => {
    expect(accepted(identities, { iss: issuer, sub: 'system:serviceaccount:shop:api' })).toEqual(['api']);
    expect(accepted(identities, { iss: issuer, sub: 'system:serviceaccount:shop:cron' })).toEqual([]);
    expect(accepted(identities, { iss: issuer, sub: 'system:serviceaccount:other:api' })).toEqual([]);
  });
});
