import { opens, written, type Operator } from './patterns';
import type { Facts } from '../../../lib/trust/facts';
import { KUBERNETES } from '../../../lib/trust/issuers/kubernetes';
import { EKS } from '../../rules/inputs';

/**
 * The Kubernetes reader on its own (lib/trust/issuers/kubernetes.ts). Projected service-account tokens
 * (reference/CLAIMS.md) carry `sub` = `system:serviceaccount:NAMESPACE:NAME`; the issuer is one cluster's.
 */

describe('subjects', () => {
  test.each<[Operator, string, Facts]>([
    ['like', '*', opens('whole', '*')],
    ['like', 'system:*', opens('whole', 'system:*')],
    ['like', 'system:serviceaccount*', opens('whole', 'system:serviceaccount*')],
    // Every service account of every namespace.
    ['like', 'system:serviceaccount:*', opens('unit', 'system:serviceaccount:*')],
    ['like', 'system:serviceaccount:ord*', opens('unit', 'system:serviceaccount:ord*')],
    ['like', 'system:serviceaccount:orders:*', opens('unit', 'system:serviceaccount:orders:*')],
    // orders-api* also matches orders-api-admin.
    ['like', 'system:serviceaccount:orders:orders-api*', opens('unit', 'system:serviceaccount:orders:orders-api*')],
    ['equals', 'system:serviceaccount:orders:orders-api', { unit: 'name', context: true }],
    ['equals', 'system:serviceaccount:orders', { neverMatches: '"system:serviceaccount:orders" names no service account' }],
    ['equals', 'system:serviceaccount', { neverMatches: '"system:serviceaccount" is not a service account subject (system:serviceaccount:NAMESPACE:NAME)' }],
    // A group name, never a token's subject.
    ['like', 'system:serviceaccounts:orders*', { neverMatches: '"system:serviceaccounts:orders" is not a service account subject (system:serviceaccount:NAMESPACE:NAME)' }],
    ['equals', 'system:node:ip-10-0-0-1', { neverMatches: '"system:node:ip-10-0-0-1" is not a service account subject (system:serviceaccount:NAMESPACE:NAME)' }],
  ])('%s %s', (operator, value, expected) => {
    expect(KUBERNETES.subject(written(operator, value))).toEqual(expected);
  });

  test('an empty namespace pins no namespace', () => {
    expect(KUBERNETES.subject(written('equals', 'system:serviceaccount::orders-api')).context).toBeFalsy();
  });
});

test('no claim other than sub narrows who is admitted', () => {
  expect(KUBERNETES.claim('kubernetes.io', written('equals', 'orders'))).toBeUndefined();
});

test.each([`https://${EKS}`, undefined])('the issuer %s serves one cluster', (url) => {
  expect(KUBERNETES.shared(url)).toBe(false);
});
