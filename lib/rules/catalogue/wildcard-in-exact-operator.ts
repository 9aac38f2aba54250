import type { TrustRule } from '../rule';

export const WILDCARD_IN_EXACT_OPERATOR: TrustRule = {
  id: 'WIAM-OP-002',
  judges: 'trust',
  severity: 'warning',
  title: 'Wildcard character inside an exact-match operator',
  explanation:
    'StringEquals, CEL == and Azure eq compare literally: a value containing * or ? only matches a token whose claim contains that very character, so the trust silently admits nobody (or someone who can choose such a name). The author probably meant a pattern, which would be far broader.',
  fix: 'Write the exact value; if a pattern was intended, reconsider it (see WIAM-TRUST-006).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String'],
  acknowledgeable: true,
  owaspNhi: ['NHI6'],
  check: (view) => {
    const test = view.tests.find((t) => t.match === 'equals' && !t.negated && t.values.some((v) => /[*?]/.test(v)));
    return test ? { message: `${test.text} compares literally: its * or ? is not a wildcard` } : undefined;
  },
};
