import { parseDeclarationText } from '../../lib/declaration/load';
import { compile } from '../../lib/plan/compile';
import { awsRoleOf, declarationErrorOf } from '../plan/fixtures';

/**
 * SPEC §4: handing a role to a service (`iam:PassRole`) is an escape hatch on an IAM role ARN. Justified, a
 * declaration written as YAML is accepted and the role's policy allows exactly that action on exactly that role.
 */

const ROLE = 'arn:aws:iam::111122223333:role/web-task';

function declarationText(grant: string): string {
  return [
    'version: 1',
    'accounts:',
    '  aws-prod: { cloud: aws, accountId: "111122223333" }',
    'workloads:',
    '  - name: ecs-deploy',
    '    identities:',
    '      - github: { repository: acme/web, environment: production }',
    '    grants:',
    '      aws-prod:',
    grant,
    '',
  ].join('\n');
}

test('a justified iam:PassRole on an IAM role ARN is accepted and granted on that role only', () => {
  const model = parseDeclarationText(
    declarationText(`        - { resource: "${ROLE}", actions: [iam:PassRole], justification: Deploys hand the task role to ECS }`),
  );
  const role = awsRoleOf(compile(model), 'ecs-deploy', 'aws-prod');
  const statements = Object.values(role.inlinePolicies).flatMap((policy) => policy.Statement);
  expect(statements).toEqual([expect.objectContaining({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE })]);
  expect(role.justifications).toEqual(['Deploys hand the task role to ECS']);
});

test('without a justification it is refused', () => {
  const error = declarationErrorOf(() => parseDeclarationText(declarationText(`        - { resource: "${ROLE}", actions: [iam:PassRole] }`)));
  expect(error.message).toBe('workloads[0].grants.aws-prod[0].justification: actions is an escape hatch from the access catalogue and requires a justification (line 10)');
});

test('on every role of the account (a wildcard) it is refused', () => {
  const error = declarationErrorOf(() =>
    parseDeclarationText(
      declarationText('        - { resource: "arn:aws:iam::111122223333:role/*", actions: [iam:PassRole], justification: Deploys hand any role to ECS }'),
    ),
  );
  expect(error.message).toBe('workloads[0].grants.aws-prod[0].resource: resource must not contain wildcards (* or ?): name exactly one resource (line 10)');
});
