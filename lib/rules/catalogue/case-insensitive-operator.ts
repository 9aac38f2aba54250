import type { TrustRule } from '../rule';

export const CASE_INSENSITIVE_OPERATOR: TrustRule = {
  id: 'WIAM-OP-004',
  judges: 'trust',
  severity: 'error',
  title: 'Case-insensitive comparison on a claim that identifies the caller',
  explanation:
    'StringEqualsIgnoreCase also matches every other spelling of the value. Git refs and environment names are case-sensitive, so refs/heads/MAIN is another branch that anyone who can push a branch may create; subjects and claims of other issuers are compared as written, so a case variant is another identity.',
  fix: 'Use StringEquals with the exact value the token carries.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String'],
  acknowledgeable: false,
  owaspNhi: ['NHI6'],
  check: (view) => {
    // Digits have no case: a numeric id compared without case is still exact.
    const test = view.tests.find((t) => t.ignoreCase && !t.negated && t.claim !== 'aud' && t.claim !== '' && t.values.some((v) => /[A-Za-z]/.test(v)));
    return test ? { message: `${test.text} ignores case, so another branch, environment or name spelled with other capitals also matches` } : undefined;
  },
};
