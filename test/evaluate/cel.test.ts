import { evaluateGcpCel, extractTemplate } from '../../lib/evaluate/cel';

// CEL semantics from the CEL language definition (heterogeneous equality, JSON numbers as doubles, has()), and
// Google's extract() from the IAM Conditions attribute reference ("Extract values from attributes").

const GITLAB_CLAIMS = {
  sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main',
  project_id: '20',
  namespace_id: '72',
  ref_protected: 'true',
  runner_id: 1,
  groups: ['mygroup', 'mygroup/sub'],
};

const value = (expression: string, assertion: Record<string, unknown> = GITLAB_CLAIMS) => evaluateGcpCel(expression, { assertion });

describe('extract', () => {
  // Google's worked examples, on the name of a Cloud Storage object.
  const OBJECT = 'projects/_/buckets/acme-orders-aaa/objects/data_lake/orders/order_date=2019-11-03/aef87g87ae0876';

  test.each([
    ['/order_date={date}/', '2019-11-03'],
    ['buckets/{name}/', 'acme-orders-aaa'],
    ['/orders/{empty}order_date', ''],
    ['{start}/objects/data_lake', 'projects/_/buckets/acme-orders-aaa'],
    ['orders/{end}', 'order_date=2019-11-03/aef87g87ae0876'],
    ['{all}', OBJECT],
    ['/orders/{none}/order_date=', ''],
    ['/orders/order_date=2019-11-03/{id}/data_lake', ''],
    ['/missing/{x}', ''],
  ])('%s gives %j', (template, expected) => {
    expect(extractTemplate(OBJECT, template)).toBe(expected);
  });

  test('a template needs exactly one {identifier}', () => {
    expect(() => extractTemplate(OBJECT, 'buckets/')).toThrow('extract template "buckets/" must contain exactly one {identifier}');
    expect(() => extractTemplate(OBJECT, '{a}/{b}')).toThrow('must contain exactly one {identifier}');
  });

  test('as a CEL method, the way GCP maps an AWS assumed role', () => {
    const arn = 'arn:aws:sts::444455556666:assumed-role/cost-reporter/i-0123456789';
    expect(value("assertion.arn.extract('assumed-role/{role_name}/')", { arn })).toEqual({ outcome: 'value', value: 'cost-reporter', type: 'string' });
    expect(value("assertion.arn.extract('{account_arn}assumed-role/')", { arn })).toEqual({ outcome: 'value', value: 'arn:aws:sts::444455556666:', type: 'string' });
    expect(value("assertion.arn.extract('no-placeholder')", { arn }).outcome).toBe('error');
  });
});

describe('CEL over token claims', () => {
  test('a string claim compared with an int or bool literal is simply not equal (heterogeneous equality)', () => {
    expect(value('assertion.project_id == 20')).toEqual({ outcome: 'value', value: false, type: 'bool' });
    expect(value('assertion.project_id != 20')).toEqual({ outcome: 'value', value: true, type: 'bool' });
    expect(value('assertion.ref_protected == true')).toEqual({ outcome: 'value', value: false, type: 'bool' });
    expect(value("assertion.project_id == '20'")).toEqual({ outcome: 'value', value: true, type: 'bool' });
  });

  test('JSON numbers are doubles, equal to the same int', () => {
    expect(value('type(assertion.runner_id) == double')).toEqual({ outcome: 'value', value: true, type: 'bool' });
    expect(value('assertion.runner_id == 1')).toEqual({ outcome: 'value', value: true, type: 'bool' });
  });

  test('lists and maps', () => {
    expect(value("'mygroup/sub' in assertion.groups")).toEqual({ outcome: 'value', value: true, type: 'bool' });
    expect(value('assertion.groups')).toEqual({ outcome: 'value', value: ['mygroup', 'mygroup/sub'], type: 'list' });
    expect(value("assertion['kubernetes.io'].namespace == 'jobs'", { 'kubernetes.io': { namespace: 'jobs' } })).toEqual({ outcome: 'value', value: true, type: 'bool' });
  });

  test('a missing claim is an error; has() tests for it', () => {
    expect(value("assertion.environment == 'production'")).toEqual({ outcome: 'error', message: 'field not found: environment' });
    expect(value('has(assertion.environment)')).toEqual({ outcome: 'value', value: false, type: 'bool' });
  });

  test('an error on one side of && is absorbed when the other side is false', () => {
    expect(value("assertion.environment == 'production' && assertion.project_id == '21'")).toEqual({ outcome: 'value', value: false, type: 'bool' });
  });

  test('invalid CEL and unknown functions are unsupported, even in a branch that would not run', () => {
    expect(value("assertion.sub == 'a' &&").outcome).toBe('unsupported');
    expect(value("true || assertion.sub.lowerAscii() == 'x'")).toEqual({
      outcome: 'unsupported',
      message: "calls lowerAscii, which GCP's CEL environment here does not define (standard CEL and extract are supported)",
    });
  });

  test('attribute and google are bound for conditions', () => {
    expect(
      evaluateGcpCel("attribute.repository == 'acme/web' && 'admins' in google.groups", {
        assertion: {},
        attribute: { repository: 'acme/web' },
        google: { subject: 'x', groups: ['admins'] },
      }),
    ).toEqual({ outcome: 'value', value: true, type: 'bool' });
  });
});
