import { readPoolMember } from '../../lib/scan/gcp-member';
import { fixedUnresolved, readable } from '../../lib/scan/unresolved';

const POOL = 'principalSet://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/ci-pool';

describe('readPoolMember', () => {
  test('a subject principal names google.subject', () => {
    expect(readPoolMember('principal://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/ci-pool/subject/repo:octo-org/web:ref:refs/heads/main')).toEqual({
      pool: 'ci-pool',
      wholePool: false,
      attribute: { name: 'google.subject', value: 'repo:octo-org/web:ref:refs/heads/main' },
    });
  });

  test('an attribute principal set names the attribute; its value may hold slashes', () => {
    expect(readPoolMember(`${POOL}/attribute.repository/octo-org/web`)).toEqual({
      pool: 'ci-pool',
      wholePool: false,
      attribute: { name: 'attribute.repository', value: 'octo-org/web' },
    });
  });

  test('the whole pool, and a group, which names no claim', () => {
    expect(readPoolMember(`${POOL}/*`)).toEqual({ pool: 'ci-pool', wholePool: true });
    expect(readPoolMember(`${POOL}/group/deployers`)).toEqual({ pool: 'ci-pool', wholePool: false });
  });

  test("the pool may be a reference to the pool resource's name", () => {
    const member = readPoolMember(`principalSet://iam.googleapis.com/${fixedUnresolved('${google_iam_workload_identity_pool.ci.name}')}/attribute.repository/octo-org/web`);
    expect(member && readable(member.pool)).toBe('${google_iam_workload_identity_pool.ci.name}');
    expect(member?.attribute).toEqual({ name: 'attribute.repository', value: 'octo-org/web' });
  });

  test('other members are not pool principals', () => {
    expect(readPoolMember('serviceAccount:deploy@octo-prod.iam.gserviceaccount.com')).toBeUndefined();
    expect(readPoolMember('principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/alice')).toBeUndefined();
  });
});
