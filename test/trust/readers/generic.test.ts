import { opens, written, type Operator } from './patterns';
import type { Facts } from '../../../lib/trust/facts';
import { AZURE, GENERIC, GOOGLE } from '../../../lib/trust/issuers/generic';

/**
 * The readers of issuers without a subject layout (lib/trust/issuers/generic.ts): any other issuer, Google-signed ID
 * tokens (`sub` and `azp` a service account's numeric unique id) and Entra ID tokens of managed identities (`sub`
 * the object id, the issuer one tenant's). Sources: reference/CLAIMS.md, cross-cloud.
 */

const UNIQUE_ID = '112233445566778899000';
const OBJECT_ID = '5f2e1d0c-b9a8-4765-8432-10fedcba9876';
const TENANT_ID = '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('any other issuer', () => {
  test.each<[Operator, string, Facts]>([
    ['like', '*', opens('whole', '*')],
    ['like', 'deploy-*', opens('unit', 'deploy-*')],
    ['equals', 'pipeline:deploy', { unit: 'name' }],
  ])('%s %s', (operator, value, expected) => {
    expect(GENERIC.subject(written(operator, value))).toEqual(expected);
  });

  test('no claim other than sub narrows who is admitted', () => {
    expect(GENERIC.claim('repository', written('equals', 'acme/web'))).toBeUndefined();
  });

  test.each(['https://ci.example.com', undefined])('%s is taken to serve one organization', (url) => {
    expect(GENERIC.shared(url)).toBe(false);
  });
});

describe('Google-signed ID tokens', () => {
  test.each<[Operator, string, Facts]>([
    ['like', '*', opens('whole', '*')],
    ['like', '1122*', opens('unit', '1122*')],
    // Unique ids are global and never reused.
    ['equals', UNIQUE_ID, { tenant: 'immutable', unit: 'immutable' }],
  ])('sub %s %s', (operator, value, expected) => {
    expect(GOOGLE.subject(written(operator, value))).toEqual(expected);
  });

  test.each<[string, Operator, string, Facts | undefined]>([
    ['azp', 'equals', UNIQUE_ID, { tenant: 'immutable', unit: 'immutable' }],
    ['azp', 'like', '1122*', undefined],
    // An email names the account and its project; a deleted account's email can be taken again.
    ['email', 'equals', 'deploy@acme-prod.iam.gserviceaccount.com', { tenant: 'name', unit: 'name' }],
    ['email', 'like', '*@acme-prod.iam.gserviceaccount.com', undefined],
    ['email_verified', 'equals', 'true', undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(GOOGLE.claim(claim, written(operator, value))).toEqual(expected);
  });

  test.each(['https://accounts.google.com', undefined])('%s signs for every customer', (url) => {
    expect(GOOGLE.shared(url)).toBe(true);
  });
});

describe('Entra ID tokens of managed identities', () => {
  test.each<[Operator, string, Facts]>([
    ['like', '*', opens('whole', '*')],
    ['like', '5f2e*', opens('unit', '5f2e*')],
    ['equals', OBJECT_ID, { unit: 'immutable' }],
  ])('sub %s %s', (operator, value, expected) => {
    expect(AZURE.subject(written(operator, value))).toEqual(expected);
  });

  test.each<[string, Operator, string, Facts | undefined]>([
    ['oid', 'equals', OBJECT_ID, { unit: 'immutable' }],
    ['oid', 'like', '5f2e*', undefined],
    // The issuer already names the tenant.
    ['tid', 'equals', TENANT_ID, undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(AZURE.claim(claim, written(operator, value))).toEqual(expected);
  });

  test.each([`https://sts.windows.net/${TENANT_ID}/`, `https://login.microsoftonline.com/${TENANT_ID}/v2.0`, undefined])('%s serves one tenant', (url) => {
    expect(AZURE.shared(url)).toBe(false);
  });
});
