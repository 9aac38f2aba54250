import { claimsYielding, mappingParts } from '../../lib/scan/gcp-attribute-mapping';
import { unresolved } from '../../lib/scan/unresolved';
import { ISSUER_READERS } from '../../lib/trust/issuers';

/**
 * Attribute mappings joined from claims, and the claims a member's value stands for. The values follow the mappings
 * workload-iam writes and Google's documented AWS default; GitHub and GitLab formats are from their token references.
 */

const anyValue = () => true;
const github = ISSUER_READERS.github.issuable!;
const gitlab = ISSUER_READERS.gitlab.issuable!;

describe('mappingParts', () => {
  test('literals and claims joined with +', () => {
    expect(mappingParts("'github-1a2b:' + assertion.repository_id + ':' + assertion.sub")).toEqual([
      { literal: 'github-1a2b:' },
      { claim: 'repository_id', optional: false },
      { literal: ':' },
      { claim: 'sub', optional: false },
    ]);
    expect(mappingParts("assertion['oidc.circleci.com/project-id']")).toEqual([{ claim: 'oidc.circleci.com/project-id', optional: false }]);
  });

  test('a claim the token may lack, as GitLab environments', () => {
    expect(mappingParts("assertion.ref_protected + ':' + (has(assertion.environment) ? assertion.environment : '')")).toEqual([
      { claim: 'ref_protected', optional: false },
      { literal: ':' },
      { claim: 'environment', optional: true },
    ]);
  });

  test("Google's default aws_role mapping stands for the caller's ARN", () => {
    const mapping =
      "'aws-1:' + (assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn)";
    expect(mappingParts(mapping)).toEqual([{ literal: 'aws-1:' }, { claim: 'arn', optional: false }]);
  });

  test('a mapping that computes anything else is not read', () => {
    expect(mappingParts('assertion.sub.lowerAscii()')).toBeUndefined();
    expect(mappingParts("assertion.arn.extract('assumed-role/{role}/')")).toBeUndefined();
    // Another claim in the optional branch, or a non-empty fallback, is not "the claim or nothing".
    expect(mappingParts("has(assertion.environment) ? assertion.ref : ''")).toBeUndefined();
    expect(mappingParts("has(assertion.environment) ? assertion.environment : 'none'")).toBeUndefined();
    expect(mappingParts('other.sub')).toBeUndefined();
    expect(mappingParts('assertion.sub + ')).toBeUndefined();
    expect(mappingParts(unresolved('${var.mapping}'))).toBeUndefined();
    expect(mappingParts(42)).toBeUndefined();
  });
});

describe('claimsYielding', () => {
  const repositorySubject = mappingParts("'p:' + assertion.repository_id + ':' + assertion.sub")!;

  test("a GitHub repository id has no ':', so the value splits one way", () => {
    expect(claimsYielding(repositorySubject, 'p:74:repo:octo-org/web:environment:production', github)).toEqual([
      { repository_id: '74', sub: 'repo:octo-org/web:environment:production' },
    ]);
  });

  test('an issuer nothing is known of: every split is a reading', () => {
    expect(claimsYielding(repositorySubject, 'p:74:a:b', anyValue)).toEqual([
      { repository_id: '74', sub: 'a:b' },
      { repository_id: '74:a', sub: 'b' },
    ]);
    expect(claimsYielding(repositorySubject, 'p::b', anyValue)).toEqual([{ repository_id: '', sub: 'b' }]);
  });

  test("a GitHub workflow's ref has no ':', and its subject starts with a claim key", () => {
    const parts = mappingParts("'p:' + assertion.repository_id + ':' + assertion.job_workflow_ref + ':' + assertion.sub")!;
    expect(claimsYielding(parts, 'p:74:octo-org/ci/.github/workflows/deploy.yml@refs/heads/main:repo:octo-org/web:ref:refs/tags/v1', github)).toEqual([
      { repository_id: '74', job_workflow_ref: 'octo-org/ci/.github/workflows/deploy.yml@refs/heads/main', sub: 'repo:octo-org/web:ref:refs/tags/v1' },
    ]);
  });

  test('a GitLab environment left empty is a token without one', () => {
    const parts = mappingParts("'p:' + assertion.project_id + ':' + assertion.ref_protected + ':' + (has(assertion.environment) ? assertion.environment : '') + ':' + assertion.sub")!;
    const sub = 'project_path:acme/app:ref_type:branch:ref:main';
    expect(claimsYielding(parts, `p:42:true:production:${sub}`, gitlab)).toEqual([{ project_id: '42', ref_protected: 'true', environment: 'production', sub }]);
    expect(claimsYielding(parts, `p:42:true::${sub}`, gitlab)).toEqual([{ project_id: '42', ref_protected: 'true', sub }]);
    // `ref_protected` is only ever true or false.
    expect(claimsYielding(parts, `p:42:yes::${sub}`, gitlab)).toEqual([]);
  });

  test('a claim read twice reads the same both times', () => {
    const parts = mappingParts("assertion.a + '/' + assertion.a")!;
    expect(claimsYielding(parts, 'x/x', anyValue)).toEqual([{ a: 'x' }]);
    expect(claimsYielding(parts, 'x/y', anyValue)).toEqual([]);
  });

  test('a value the mapping never yields has no reading', () => {
    expect(claimsYielding(repositorySubject, 'other:74:repo:octo-org/web:pull_request', github)).toEqual([]);
  });

  test('too many ways to split, or to search, are not weighed', () => {
    const many = mappingParts(Array.from({ length: 4 }, (_, i) => `assertion.c${i}`).join(" + ':' + "))!;
    expect(claimsYielding(many, Array.from({ length: 12 }, () => 'v').join(':'), anyValue)).toBeUndefined();
    // Twenty claims joined without separators, on a long value that never ends as the mapping does: the search stops.
    const hostile = mappingParts(Array.from({ length: 20 }, (_, i) => `assertion.c${i}`).join(' + ') + " + 'end'")!;
    expect(claimsYielding(hostile, 'x'.repeat(5000), anyValue)).toBeUndefined();
  });
});
