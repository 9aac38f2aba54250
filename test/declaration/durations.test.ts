import { awsRoleOf, compileWorkloads, declarationErrorOf, workload } from '../plan/fixtures';

/**
 * sessionDuration is the role's MaxSessionDuration, which IAM bounds to 1 h … 12 h (3600 … 43200 seconds). Written
 * as seconds or as hours, minutes and seconds in that order, the way Go durations and CDK's Duration read.
 */

const identity = { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } } as const;
const seconds = (sessionDuration: string | number) => awsRoleOf(compileWorkloads([workload('subject-workload', [identity], ['aws'], { sessionDuration })])).maxSessionDuration;

test.each<[string | number, number]>([
  ['1h', 3600],
  ['1h30m', 5400],
  ['90m', 5400],
  ['5400s', 5400],
  ['2h0m30s', 7230],
  ['1h0m', 3600],
  ['12h', 43200],
  [' 2h ', 7200],
  [3601, 3601],
])('%j is %d seconds', (written, expected) => {
  expect(seconds(written)).toBe(expected);
});

test.each(['1h1h', '30m1h', '1.5h', 'h', '', '90', '1d', '1 h', '1H', '-1h'])('%j is not a duration', (written) => {
  expect(declarationErrorOf(() => seconds(written)).message).toBe(
    'workloads[0].sessionDuration: must be a duration such as 1h, 1h30m, 90m or 3600s (hours, minutes, seconds, in that order)',
  );
});

test.each(['59m59s', '12h0m1s', '13h'])('%j is outside what IAM allows', (written) => {
  expect(declarationErrorOf(() => seconds(written)).message).toMatch(/^workloads\[0\]\.sessionDuration: sessionDuration must be between 1h and 12h/);
});
