import type { TrustRule } from '../rule';

export const WILDCARD_SUBJECT: TrustRule = {
  id: 'WIAM-TRUST-003',
  judges: 'trust',
  severity: 'error',
  title: 'Subject is a wildcard',
  explanation: 'A subject that is entirely a wildcard ("*", a prefix of the subject’s fixed keyword, an unanchored pattern) matches every token of the issuer.',
  fix: 'Replace the wildcard with the exact subjects of the identities you trust.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String'],
  acknowledgeable: false,
  owaspNhi: ['NHI6'],
  check: (_view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'whole');
    return open ? { message: `${open.text} matches every ${breadth.reader.title} subject` } : undefined;
  },
};
