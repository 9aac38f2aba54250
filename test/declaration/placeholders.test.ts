import { DeclarationError } from '../../lib/declaration/errors';
import { parseDeclarationText } from '../../lib/declaration/load';

/** A draft's "<fill in: …>" values are refused wherever they are, even in fields that take any text (an environment). */

const DECLARATION = [
  'version: 1',
  'accounts:',
  '  aws-prod: { cloud: aws, accountId: "111122223333" }',
  'workloads:',
  '  - name: web-deploy',
  '    identities:',
  '      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: "<fill in: the environment>" }',
  '    grants:',
  '      aws-prod: [{ resource: "arn:aws:s3:::acme-web-assets", access: write }]',
  '',
].join('\n');

function problems(text: string): string[] {
  try {
    parseDeclarationText(text);
  } catch (error) {
    if (error instanceof DeclarationError) return error.message.split('\n');
    throw error;
  }
  return [];
}

test('a placeholder in a free-text field is refused, with its path and line', () => {
  expect(problems(DECLARATION)).toEqual(['workloads[0].identities[0].github.environment: is a placeholder: fill in the environment (line 7)']);
});

test('filled in, the same declaration is accepted', () => {
  expect(problems(DECLARATION.replace('"<fill in: the environment>"', 'production'))).toEqual([]);
});

test('text that merely mentions the marker is not a placeholder', () => {
  expect(problems(DECLARATION.replace('"<fill in: the environment>"', '"prod <fill in: x>"'))).toEqual([]);
});

test('every placeholder is reported, in the order of the file, at any depth and as a list item', () => {
  const draft = [
    'version: 1',
    'accounts:',
    '  aws-prod: { cloud: aws, accountId: "<fill in: the account id>" }',
    'workloads:',
    '  - name: web-deploy',
    '    identities:',
    '      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: "<fill in: the environment>" }',
    '    impersonate: ["<fill in: a project>"]',
    '    grants:',
    '      aws-prod: [{ resource: "<fill in: the bucket ARN>", access: write }]',
    '',
  ].join('\n');
  expect(problems(draft)).toEqual([
    'accounts.aws-prod.accountId: is a placeholder: fill in the account id (line 3)',
    'workloads[0].identities[0].github.environment: is a placeholder: fill in the environment (line 7)',
    'workloads[0].impersonate[0]: is a placeholder: fill in a project (line 8)',
    'workloads[0].grants.aws-prod[0].resource: is a placeholder: fill in the bucket ARN (line 10)',
  ]);
});
