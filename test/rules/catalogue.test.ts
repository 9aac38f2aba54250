import { CONDITION_CASES } from './cases/conditions';
import { GITHUB_CASES } from './cases/github';
import { GITLAB_TERRAFORM_CASES } from './cases/gitlab-terraform';
import { PERMISSION_CASES } from './cases/permissions';
import { SCAN_CASES } from './cases/scan';
import { SECRET_CASES } from './cases/secrets';
import { TRUST_CASES } from './cases/trust';
import type { RuleCaseTable } from './inputs';
import { RULES } from '../../lib/rules/catalogue';

/**
 * Every rule of the catalogue against inputs it must flag and close variants it must leave alone (cases/*.ts,
 * one table per area). A rule without cases fails the meta-test below.
 */

const TABLES: readonly RuleCaseTable[] = [
  TRUST_CASES,
  CONDITION_CASES,
  GITHUB_CASES,
  GITLAB_TERRAFORM_CASES,
  PERMISSION_CASES,
  SCAN_CASES,
  SECRET_CASES,
];
const CASES: RuleCaseTable = Object.assign({}, ...TABLES);
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

describe('the case tables', () => {
  test('cover exactly the rules of the catalogue, each rule in one table', () => {
    const ids = TABLES.flatMap((table) => Object.keys(table));
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual(RULES.map((rule) => rule.id));
  });

  test.each(RULES.map((rule) => [rule.id, rule.fix] as const))('%s has a fix in printable ASCII', (_id, fix) => {
    expect(fix).toMatch(PRINTABLE_ASCII);
  });

  test.each(Object.entries(CASES))('%s has a non-compliant and a compliant case', (_id, cases) => {
    expect(cases.nonCompliant.length).toBeGreaterThan(0);
    expect(cases.compliant.length).toBeGreaterThan(0);
  });
});

describe.each(RULES.map((rule) => rule.id))('%s', (id) => {
  const cases = CASES[id];
  if (!cases) return;

  test.each(cases.nonCompliant.map((c) => [c.input, c] as const))('flags: %s', (_input, c) => {
    const found = c.findings().filter((f) => f.rule === id);
    expect(found).toContainEqual(
      expect.objectContaining({
        severity: c.severity,
        message: expect.stringContaining(c.message),
        ...(c.fix !== undefined ? { fix: expect.stringContaining(c.fix) } : {}),
        ...c.finding,
      }),
    );
    for (const finding of found) {
      expect(finding.fix).not.toBe('');
      // One character beyond Latin-1 makes the whole manifest a two-byte string: twice the memory, slower to write.
      expect(finding.fix).toMatch(PRINTABLE_ASCII);
    }
  });

  test.each(cases.compliant.map((c) => [c.input, c] as const))('leaves alone: %s', (_input, c) => {
    expect(c.findings().filter((f) => f.rule === id).map((f) => `${f.severity}: ${f.message}`)).toEqual([]);
  });
});
