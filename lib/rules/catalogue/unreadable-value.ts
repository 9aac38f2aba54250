import type { UnreadableRule } from '../rule';

export const UNREADABLE_VALUE: UnreadableRule = {
  id: 'WIAM-SCAN-001',
  judges: 'unreadable',
  severity: 'error',
  title: 'Trust or policy value that scan cannot read',
  explanation:
    'A trust policy, principal, condition, action, resource or policy document whose value is only known at deploy time (a Terraform file() or variable without a validation that lists its values, a merged policy document scan cannot see, a CloudFormation parameter without AllowedValues or an import) may be anything, "*" included. scan judges it as wide as it may be: it cannot show that the trust admits only the identities meant, so it refuses rather than passing it.',
  fix: 'Write the value where scan can read it: a literal, jsonencode() of a literal, a local of literals, a Terraform variable whose validation lists its values, a CloudFormation parameter with AllowedValues, or a policy document data source in the same module.',
  references: [
    'https://developer.hashicorp.com/terraform/language/values/variables#custom-validation-rules',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html',
  ],
  acknowledgeable: false,
  owaspNhi: ['NHI6'],
  check: (value) => ({ message: `${value.what} is ${value.value}, which scan cannot read: judged as wide as it may be (${value.worst})` }),
};
