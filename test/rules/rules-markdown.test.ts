import { RULES } from '../../lib/rules/catalogue';
import type { RuleInfo } from '../../lib/rules/rule';
import { rulesMarkdown } from '../../lib/rules/rules-markdown';

/** RULES.md is generated from the rule objects; these pin its layout and that catalogue prose survives Markdown. */

const WILDCARD_RULE: RuleInfo = {
  id: 'WIAM-TEST-001',
  severity: 'error',
  title: 'Wildcard | pipe',
  explanation: 'repo:org/* and project_path:group/* admit more than <issuer>:sub names; see `ref_type:*` and _this_.',
  fix: 'Pin ref_type and [exactly] one \\ subject.',
  references: ['https://example.org/a', 'https://example.org/b'],
  acknowledgeable: true,
  owaspNhi: ['NHI6', 'NHI8'],
};

const PLAIN_RULE: RuleInfo = {
  id: 'WIAM-TEST-002',
  severity: 'warning',
  title: 'Plain',
  explanation: 'Nothing to escape.',
  fix: 'None needed.',
  references: [],
  acknowledgeable: false,
  owaspNhi: ['NHI7'],
};

describe('rulesMarkdown', () => {
  const markdown = rulesMarkdown([WILDCARD_RULE, PLAIN_RULE]);

  test('renders a summary table and one section per rule, in the order given', () => {
    expect(markdown).toContain(
      [
        '| Rule | Severity | Acknowledgeable | OWASP NHI | Title |',
        '| --- | --- | --- | --- | --- |',
        '| [WIAM-TEST-001](#wiam-test-001) | error | yes | NHI6, NHI8 | Wildcard \\| pipe |',
        '| [WIAM-TEST-002](#wiam-test-002) | warning | no | NHI7 | Plain |',
      ].join('\n'),
    );
    expect(markdown.endsWith(['## WIAM-TEST-002', '', '**Plain**', '', 'Severity: warning · Acknowledgeable: no · OWASP NHI Top 10: NHI7 Long-Lived Secrets', '', 'Nothing to escape.', '', '**Fix:** None needed.\n'].join('\n'))).toBe(true);
    expect(markdown.indexOf('## WIAM-TEST-001')).toBeLessThan(markdown.indexOf('## WIAM-TEST-002'));
  });

  test('names each rule\'s OWASP Non-Human Identities Top 10 risks by number and title, and links the list', () => {
    expect(markdown).toContain('Severity: error · Acknowledgeable: yes · OWASP NHI Top 10: NHI6 Insecure Cloud Deployment Configurations, NHI8 Environment Isolation');
    expect(markdown).toContain('[OWASP Non-Human Identities Top 10](https://owasp.org/www-project-non-human-identities-top-10/2025/)');
  });

  test('escapes emphasis, HTML and link characters, keeps underscores inside words and code spans as written', () => {
    expect(markdown).toContain('repo:org/\\* and project_path:group/\\* admit more than \\<issuer\\>:sub names; see `ref_type:*` and \\_this\\_.');
    expect(markdown).toContain('**Fix:** Pin ref_type and \\[exactly\\] one \\\\ subject.');
  });

  test('lists references as links, and leaves the list out when there are none', () => {
    expect(markdown).toContain('**References:**\n\n- <https://example.org/a>\n- <https://example.org/b>\n\n## WIAM-TEST-002');
    expect(markdown.split('**References:**').length).toBe(2);
  });

  test('renders the catalogue the same way every time, ending in one newline', () => {
    const first = rulesMarkdown(RULES);
    expect(rulesMarkdown(RULES)).toBe(first);
    expect(first.endsWith('\n') && !first.endsWith('\n\n')).toBe(true);
  });
});
