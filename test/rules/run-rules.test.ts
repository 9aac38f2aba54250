import { GITHUB, githubIdentity, keys, webIdentityTrust, writingWorkload } from './inputs';
import { checkPlan, runRules } from '../../lib/rules/check';
import type { Finding } from '../../lib/rules/rule';
import { awsStatementView } from '../../lib/trust/aws-view';
import type { TrustLocation } from '../../lib/trust/trust-view';
import { compileWorkloads } from '../plan/fixtures';

/**
 * What runRules and checkPlan promise around the rules themselves (SPEC §6): a finding carries where it was found
 * and nothing it was not given; output is sorted and free of duplicates, whatever the order of the input; checkPlan
 * judges only the clouds it is asked to.
 */

/** A GitHub trust on every repository of octo-org (WIAM-TRUST-006), found at `where`. */
function orgWideView(where: TrustLocation) {
  const statement = webIdentityTrust(GITHUB, { StringEquals: keys(GITHUB, { aud: 'sts.amazonaws.com' }), StringLike: keys(GITHUB, { sub: 'repo:octo-org/*' }) }).Statement[0];
  return awsStatementView(statement, { where, access: 'write' })!;
}

const judge = (...wheres: TrustLocation[]) => runRules({ trust: wheres.map(orgWideView), permissions: [], sessions: [] });
const trust006 = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'WIAM-TRUST-006');

describe('a finding is located where its trust was found', () => {
  test('a foreign statement: only its path, no workload, identity, account or resource', () => {
    const [finding] = trust006(judge({ path: 'Statement[0]' }));
    expect(Object.keys(finding).sort()).toEqual(['fix', 'message', 'path', 'rule', 'severity']);
  });

  test('a Plan element: workload, first identity, account and resource as given', () => {
    const [finding] = trust006(judge({ workload: 'web-deploy', identities: [2, 3], account: 'aws-prod', resource: 'wiam-web-deploy', path: 'aws.aws-prod.roles[web-deploy]' }));
    expect(finding).toMatchObject({ workload: 'web-deploy', identity: 2, account: 'aws-prod', resource: 'wiam-web-deploy', path: 'aws.aws-prod.roles[web-deploy]' });
  });

  test('an empty list of identities names no identity', () => {
    expect(trust006(judge({ workload: 'web-deploy', identities: [], path: 'x' }))[0]).not.toHaveProperty('identity');
  });

  test('without acknowledgements, nothing is acknowledged', () => {
    for (const finding of judge({ workload: 'web-deploy', path: 'x' })) expect(finding).not.toHaveProperty('acknowledged');
  });
});

describe('findings are sorted and de-duplicated', () => {
  const wheres: TrustLocation[] = [
    { workload: 'web-deploy', path: 'b', account: 'aws-prod' },
    { workload: 'api-deploy', path: 'b', account: 'aws-prod' },
    { workload: 'web-deploy', path: 'a', account: 'aws-prod' },
    { path: 'Statement[0]' },
    { workload: 'web-deploy', path: 'a', account: 'aws-staging' },
  ];

  test('by workload (none first), then path, then rule, then account', () => {
    const order = trust006(judge(...wheres)).map((f) => `${f.workload ?? '-'} ${f.path} ${f.account ?? '-'}`);
    expect(order).toEqual(['- Statement[0] -', 'api-deploy b aws-prod', 'web-deploy a aws-prod', 'web-deploy a aws-staging', 'web-deploy b aws-prod']);
    const all = judge(...wheres).map((f) => `${f.workload ?? ''}\u0000${f.path}\u0000${f.rule}\u0000${f.account ?? ''}`);
    expect(all).toEqual([...all].sort());
  });

  test('the order of the input does not matter', () => {
    expect(judge(...[...wheres].reverse())).toEqual(judge(...wheres));
  });

  test('the same finding on two resources of one workload and path is one finding; another workload or account is another', () => {
    expect(trust006(judge({ workload: 'web-deploy', path: 'a', resource: 'classic' }, { workload: 'web-deploy', path: 'a', resource: 'immutable' }))).toHaveLength(1);
    expect(trust006(judge({ workload: 'web-deploy', path: 'a' }, { workload: 'api-deploy', path: 'a' }))).toHaveLength(2);
    expect(trust006(judge({ path: 'a' }, { workload: 'a', path: 'a' }))).toHaveLength(2);
  });
});

describe('checkPlan judges the clouds it is asked to', () => {
  // A pull-request identity with write access on every cloud: WIAM-GH-001 in each account.
  const plan = compileWorkloads([writingWorkload('docs-preview', [githubIdentity({ pullRequest: true })], ['aws', 'gcp', 'azure'])]);
  const accounts = (findings: readonly Finding[]) => [...new Set(findings.filter((f) => f.rule === 'WIAM-GH-001').map((f) => f.account))].sort();

  test('every cloud by default', () => {
    expect(accounts(checkPlan(plan))).toEqual(['aws-prod', 'azure-prod', 'gcp-prod']);
  });

  test.each([
    [['aws'], ['aws-prod']],
    [['gcp'], ['gcp-prod']],
    [['azure'], ['azure-prod']],
    [['aws', 'azure'], ['aws-prod', 'azure-prod']],
  ] as const)('only %j', (clouds, expected) => {
    expect(accounts(checkPlan(plan, { clouds }))).toEqual(expected);
  });
});
