import type { SessionRule } from '../rule';

const ONE_HOUR = 3600;

export const LONG_SESSION: SessionRule = {
  id: 'WIAM-SESSION-001',
  judges: 'session',
  severity: 'warning',
  title: 'Sessions longer than an hour',
  explanation:
    'Federated credentials are cheap to renew; a long session only lengthens the time a leaked credential works. Pipelines and jobs rarely need more than an hour per credential.',
  fix: 'Keep sessionDuration at 1h (the default) and renew credentials in long jobs.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration'],
  acknowledgeable: true,
  owaspNhi: ['NHI7'],
  check: (session) =>
    session.seconds > ONE_HOUR ? { message: `sessions last up to ${session.seconds / ONE_HOUR} h` } : undefined,
};
