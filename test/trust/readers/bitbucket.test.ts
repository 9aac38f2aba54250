import { opens, written, type Operator } from './patterns';
import type { Facts } from '../../../lib/trust/facts';
import { BITBUCKET } from '../../../lib/trust/issuers/bitbucket';
import { BITBUCKET as BITBUCKET_HOST, awsTrust, keys } from '../../rules/inputs';

/**
 * The Bitbucket Pipelines reader on its own (lib/trust/issuers/bitbucket.ts). Subjects (reference/CLAIMS.md):
 * `{REPOSITORY_UUID}:{STEP_UUID}`, or `{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}` for deployment steps. The
 * step uuid is new on every run, so a working trust ends the subject with a wildcard.
 */

const REPOSITORY = '{7a1b2c3d-0000-4000-8000-000000000001}';
const ENVIRONMENT = '{8b1b2c3d-0000-4000-8000-000000000002}';
const STEP = '{9c1b2c3d-0000-4000-8000-000000000003}';
const STEP_PINNED = 'pins the step uuid, which is new on every pipeline run';
const notTheLayout = (literal: string): Facts => ({
  neverMatches: `"${literal}" is not {REPOSITORY_UUID}:{STEP_UUID} or {REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}`,
});
const notAUuid = (segment: string): Facts => ({ neverMatches: `"${segment}" is not a {uuid}: Bitbucket subjects carry uuids, never names` });

describe('subjects', () => {
  test.each<[Operator, string, Facts]>([
    ['like', '*', opens('whole', '*')],
    ['like', '{7a1b*', opens('unit', '{7a1b*')],
    // The repository with the environment (or the plain step) open.
    ['like', `${REPOSITORY}:*`, { unit: 'immutable' }],
    ['like', `${REPOSITORY}:{8b1b*`, { unit: 'immutable' }],
    // One deployment environment, any run of it.
    ['like', `${REPOSITORY}:${ENVIRONMENT}:*`, { unit: 'immutable', context: true }],
    ['like', `${REPOSITORY}:${ENVIRONMENT}:${STEP}:*`, notTheLayout(`${REPOSITORY}:${ENVIRONMENT}:${STEP}:`)],
    ['like', 'acme/deploy:*', notAUuid('acme/deploy')],
    ['like', `${REPOSITORY}:production:*`, notAUuid('production')],
    // Every exact subject names the step of one past run.
    ['equals', `${REPOSITORY}:${STEP}`, { unit: 'immutable', neverMatches: STEP_PINNED }],
    ['equals', `${REPOSITORY}:${ENVIRONMENT}:${STEP}`, { unit: 'immutable', context: true, neverMatches: STEP_PINNED }],
    ['equals', REPOSITORY, notTheLayout(REPOSITORY)],
    ['equals', `${REPOSITORY}:${ENVIRONMENT}:${STEP}:${STEP}`, notTheLayout(`${REPOSITORY}:${ENVIRONMENT}:${STEP}:${STEP}`)],
  ])('%s %s', (operator, value, expected) => {
    expect(BITBUCKET.subject(written(operator, value))).toEqual(expected);
  });

  const rules = (condition: Parameters<typeof awsTrust>[1]) => awsTrust(BITBUCKET_HOST, condition).map((f) => `${f.severity} ${f.rule}`);
  const AUDIENCE = 'ari:cloud:bitbucket::workspace/2b1b2c3d-0000-4000-8000-000000000000';

  test('a deployment step pinned exactly never matches again (WIAM-OP-003); the environment with a wildcard step does', () => {
    expect(rules({ StringEquals: keys(BITBUCKET_HOST, { aud: AUDIENCE, sub: `${REPOSITORY}:${ENVIRONMENT}:${STEP}` }) })).toEqual(['warning WIAM-OP-003']);
    expect(rules({ StringEquals: keys(BITBUCKET_HOST, { aud: AUDIENCE }), StringLike: keys(BITBUCKET_HOST, { sub: `${REPOSITORY}:${ENVIRONMENT}:*` }) })).toEqual([]);
  });
});

describe('claims other than sub', () => {
  test.each<[string, Operator, string, Facts | undefined]>([
    ['repositoryUuid', 'equals', REPOSITORY, { unit: 'immutable' }],
    ['repositoryUuid', 'like', '{7a1b*', undefined],
    ['deploymentEnvironmentUuid', 'equals', ENVIRONMENT, { context: true }],
    ['deploymentEnvironmentUuid', 'like', '*', undefined],
    ['stepUuid', 'equals', STEP, undefined],
    ['workspaceUuid', 'equals', '{2b1b2c3d-0000-4000-8000-000000000000}', undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(BITBUCKET.claim(claim, written(operator, value))).toEqual(expected);
  });
});

describe('the issuer serves one workspace', () => {
  test.each([`https://${BITBUCKET_HOST}`, undefined])('%s', (url) => {
    expect(BITBUCKET.shared(url)).toBe(false);
  });
});
