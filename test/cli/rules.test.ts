import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { RULES } from '../../lib/rules/catalogue';

/** `workload-iam rules` (SPEC §6): the catalogue as text, JSON and the RULES.md document. */

describe('rules --format text (the default)', () => {
  test('prints one aligned line per rule: id, severity, title and whether it can be acknowledged', async () => {
    const result = await runCli('rules');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(RULES.length);
    expect(lines).toContain('WIAM-TRUST-001    error    Trust admits any principal');
    expect(lines).toContain('WIAM-SESSION-001  warning  Sessions longer than an hour (acknowledgeable)');
    expect(lines).toContain('WIAM-TFC-002      error    HCP Terraform plan phase trusted with write access (acknowledgeable)');
  });

  test('lists the rules sorted by id, marking exactly the acknowledgeable ones', async () => {
    const lines = (await runCli('rules', '--format', 'text')).out.trimEnd().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(RULES.map((rule) => rule.id));
    expect(lines.filter((line) => line.endsWith(' (acknowledgeable)')).map((line) => line.split(' ')[0])).toEqual(
      RULES.filter((rule) => rule.acknowledgeable).map((rule) => rule.id),
    );
  });
});

describe('rules --format json', () => {
  test('prints { rules: [...] } with every field of every rule and no check function', async () => {
    const result = await runCli('rules', '--format', 'json');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const { rules } = JSON.parse(result.out) as { rules: Record<string, unknown>[] };
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const rule of rules) expect(Object.keys(rule)).toEqual(['id', 'severity', 'title', 'explanation', 'fix', 'references', 'acknowledgeable', 'owaspNhi']);
    expect(rules.find((rule) => rule.id === 'WIAM-ACK-001')).toEqual({
      id: 'WIAM-ACK-001',
      severity: 'error',
      title: 'Acknowledgement of an unknown or unacknowledgeable rule',
      explanation: expect.stringContaining('An acknowledgement must name a rule of the catalogue that allows exceptions.'),
      fix: 'Name a rule listed by `workload-iam rules` as acknowledgeable, or fix the trust instead.',
      references: [],
      acknowledgeable: false,
      owaspNhi: ['NHI6'],
    });
  });
});

describe('rules --format markdown', () => {
  test('prints the RULES.md document: a summary table and a section per rule', async () => {
    const result = await runCli('rules', '--format', 'markdown');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out.startsWith('# Rules\n')).toBe(true);
    expect(result.out).toContain('| [WIAM-GH-001](#wiam-gh-001) | error | no | NHI6, NHI8 | Pull-request runs admitted by a trust that leads to writes |');
    expect(result.out.match(/^## WIAM-/gm)?.length).toBe(RULES.length);
  });

  test('matches the committed RULES.md (regenerate it after changing a rule)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    expect((await runCli('rules', '--format', 'markdown')).out).toBe(committed);
  });
});

test('an unknown format is a usage error (exit 2)', async () => {
  const result = await runCli('rules', '--format', 'html');
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.err).toContain("option '--format <format>' argument 'html' is invalid");
});
