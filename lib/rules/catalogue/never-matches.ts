import type { TrustRule } from '../rule';

export const NEVER_MATCHES: TrustRule = {
  id: 'WIAM-OP-003',
  judges: 'trust',
  severity: 'warning',
  title: 'Condition can never match a real token',
  explanation:
    'A condition compares a claim with a number or boolean (token claims are strings, so CEL equality never holds), names a subject field the issuer never emits, or pins a value that changes on every run (a Bitbucket step uuid). The trust fails closed today; the fix someone reaches for under pressure is often a wildcard.',
  fix: 'Compare with the string the issuer emits (e.g. assertion.project_id == "20") and pin stable fields only.',
  references: ['https://cloud.google.com/iam/docs/workload-identity-federation#conditions'],
  acknowledgeable: true,
  owaspNhi: ['NHI6'],
  check: (view, breadth) => {
    const typed = view.tests.find((t) => t.nonString && !t.negated);
    if (typed) return { message: `${typed.text} compares a string claim with a non-string value, which is never equal` };
    const reason = breadth.neverMatches[0];
    return reason ? { message: `the subject can never match: ${reason}` } : undefined;
  },
};
