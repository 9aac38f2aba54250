import type { AcknowledgementRule } from '../rule';

export const INVALID_ACKNOWLEDGEMENT: AcknowledgementRule = {
  id: 'WIAM-ACK-001',
  judges: 'acknowledgement',
  severity: 'error',
  title: 'Acknowledgement of an unknown or unacknowledgeable rule',
  explanation:
    'An acknowledgement must name a rule of the catalogue that allows exceptions. A typo would otherwise leave a finding blocking (or, worse, be read by reviewers as an exception that exists); rules whose findings mean strangers can get in allow none.',
  fix: 'Name a rule listed by `workload-iam rules` as acknowledgeable, or fix the trust instead.',
  references: [],
  acknowledgeable: false,
  owaspNhi: ['NHI6'],
  check: (acknowledgement, catalogue) => {
    const rule = catalogue.find((r) => r.id === acknowledgement.rule);
    if (!rule) return { message: `acknowledges ${acknowledgement.rule}, which is not a rule of the catalogue` };
    return rule.acknowledgeable ? undefined : { message: `acknowledges ${rule.id} (${rule.title}), which cannot be acknowledged` };
  },
};
