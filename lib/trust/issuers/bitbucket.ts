import { ISSUER_TITLES } from '../../identity/issuers';
import type { Facts, Pattern } from '../facts';
import { sharedIssuer, type IssuerReader } from './reader';

const UUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

/**
 * Bitbucket Pipelines subjects: `{REPOSITORY_UUID}:{STEP_UUID}`, or `{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}`
 * for deployment steps. The step uuid is new on every run, so a trust ends the subject with a wildcard; the
 * issuer and audience already name one workspace.
 */
function subject(pattern: Pattern): Facts {
  const { literal, open, text } = pattern;
  if (open && literal === '') return { open: { field: 'whole', text } };
  const segments = literal.split(':');
  const complete = open ? segments.slice(0, -1) : segments;
  const malformed = complete.find((segment) => !UUID.test(segment));
  if (malformed !== undefined) {
    return { neverMatches: `"${malformed}" is not a {uuid}: Bitbucket subjects carry uuids, never names` };
  }
  // Tokens carry two or three uuids; a wildcard may stand for the last one or two.
  const fits = open ? complete.length <= 2 : complete.length === 2 || complete.length === 3;
  if (!fits) {
    return { neverMatches: `"${literal}" is not {REPOSITORY_UUID}:{STEP_UUID} or {REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}` };
  }
  if (!open) {
    return { unit: 'immutable', ...(complete.length === 3 ? { context: true } : {}), neverMatches: 'pins the step uuid, which is new on every pipeline run' };
  }
  if (complete.length === 0) return { open: { field: 'unit', text } };
  // `{repo}:*` leaves the deployment environment open; `{repo}:{env}:*` only the per-run step.
  return complete.length === 1 ? { unit: 'immutable' } : { unit: 'immutable', context: true };
}

function claim(name: string, pattern: Pattern): Facts | undefined {
  if (pattern.open) return undefined;
  switch (name) {
    case 'repositoryUuid':
      return { unit: 'immutable' };
    case 'deploymentEnvironmentUuid':
      return { context: true };
    default:
      return undefined;
  }
}

export const BITBUCKET: IssuerReader = {
  kind: 'bitbucket',
  title: ISSUER_TITLES.bitbucket,
  shared: (url) => sharedIssuer(url, false),
  offersImmutableIds: false,
  hasContext: true,
  tenantFix: 'use the workspace issuer and pin its audience',
  unitFix: 'pin {REPOSITORY_UUID}:{ENVIRONMENT_UUID}:* for one deployment environment',
  subject,
  claim,
};
