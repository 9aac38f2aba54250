import { opens, written, type Operator } from './patterns';
import { breadthOf } from '../../../lib/trust/breadth';
import type { Facts } from '../../../lib/trust/facts';
import { SPIFFE } from '../../../lib/trust/issuers/spiffe';

/**
 * The SPIFFE reader on its own (lib/trust/issuers/spiffe.ts). A JWT-SVID's `sub` is `spiffe://TRUST_DOMAIN/PATH`
 * (reference/CLAIMS.md); the trust domain is the tenant, the path one workload.
 */

const NAMED: Facts = { tenant: 'name', unit: 'name' };

describe('subjects', () => {
  test.each<[Operator, string, Facts]>([
    ['like', '*', opens('whole', '*')],
    ['like', 'spi*', opens('whole', 'spi*')],
    ['like', 'spiffe:/*', opens('whole', 'spiffe:/*')],
    ['like', 'spiffe://*', opens('tenant', 'spiffe://*')],
    // example.org* also matches example.org.evil.
    ['like', 'spiffe://example.org*', opens('tenant', 'spiffe://example.org*')],
    ['like', 'spiffe://example.org/*', opens('unit', 'spiffe://example.org/*', { tenant: 'name' })],
    ['like', 'spiffe://example.org/ns/edge/*', opens('unit', 'spiffe://example.org/ns/edge/*', { tenant: 'name' })],
    ['like', 'spiffe://example.org/ns/edge/sa/gateway*', opens('unit', 'spiffe://example.org/ns/edge/sa/gateway*', { tenant: 'name' })],
    ['equals', 'spiffe://example.org/ns/edge/sa/gateway', NAMED],
    // An exact id admits that one id, even without a path (the trust domain's own) or with a trailing slash.
    ['equals', 'spiffe://example.org', NAMED],
    ['equals', 'spiffe://example.org/', NAMED],
    ['equals', 'https://example.org/ns/edge', { neverMatches: '"https://example.org/ns/edge" is not a SPIFFE id' }],
    ['equals', 'x-spiffe://example.org/ns/edge', { neverMatches: '"x-spiffe://example.org/ns/edge" is not a SPIFFE id' }],
    ['equals', 'spiffe://example.org/ns/edge\nsa/gateway', { neverMatches: '"spiffe://example.org/ns/edge\nsa/gateway" is not a SPIFFE id' }],
    ['like', 'example.org/*', { neverMatches: '"example.org/" is not a SPIFFE id' }],
  ])('%s %j', (operator, value, expected) => {
    expect(SPIFFE.subject(written(operator, value))).toEqual(expected);
  });

  test('an exact trust domain id leaves nothing open; a wildcard after it leaves every workload open', () => {
    const openFields = (match: 'equals' | 'glob', value: string) =>
      breadthOf({ cloud: 'aws', issuer: { kind: 'spiffe' }, tests: [{ claim: 'sub', match, values: [value], text: value }], complete: true, access: 'write', where: { path: 'Statement[0]' } }).open.map(
        (o) => o.field,
      );
    expect(openFields('equals', 'spiffe://example.org')).toEqual([]);
    expect(openFields('glob', 'spiffe://example.org/*')).toEqual(['unit']);
  });
});

test('no claim other than sub narrows who is admitted', () => {
  expect(SPIFFE.claim('aud', written('equals', 'spiffe://example.org/ns/edge'))).toBeUndefined();
});

test.each(['https://oidc.spire.example.org', undefined])('the issuer %s serves one trust domain', (url) => {
  expect(SPIFFE.shared(url)).toBe(false);
});
