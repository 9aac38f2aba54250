import type { TrustRule } from '../rule';

export const WIDENING_OPERATOR: TrustRule = {
  id: 'WIAM-OP-001',
  judges: 'trust',
  severity: 'error',
  title: 'Negated, IfExists or set operator in a trust condition',
  explanation:
    'Negated operators (StringNotEquals, StringNotLike, CEL != and !) exclude one value and admit everything else; …IfExists passes when the claim is absent; ForAllValues passes when the claim is absent or empty, and ForAnyValue on a single-valued claim hides what is compared. Each admits tokens the author never listed.',
  fix: 'Use positive exact operators (StringEquals, CEL ==) on the claims that identify the caller.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
  ],
  acknowledgeable: false,
  owaspNhi: ['NHI6'],
  check: (view) => {
    const test = view.tests.find((t) => t.negated || t.ifExists || t.setOperator);
    if (!test) return undefined;
    const form = test.negated ? 'a negated comparison' : test.ifExists ? 'an IfExists operator' : `the ${test.setOperator} set operator`;
    return { message: `${test.text} uses ${form}, which admits tokens it does not name` };
  },
};
