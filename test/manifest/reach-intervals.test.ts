import type { Reach } from '../../lib/manifest/queries';
import { reachIntervals, type Revision, type RevisionReach } from '../../lib/manifest/reach-intervals';

/** The intervals of `history`, from hand-made revisions: access changes, unreadable spans and a deleted file. */

const revision = (n: number): Revision => ({ commit: `c${n}`, date: `2026-0${n}-01T00:00:00+00:00`, author: `author ${n}` });
const reach = (workload: string, access: string): Reach => ({
  workload,
  account: 'aws-prod',
  cloud: 'aws',
  identities: [`github:acme/${workload}:ref:refs/heads/main`],
  principal: `arn:aws:iam::111122223333:role/${workload}`,
  resource: 'arn:aws:s3:::b',
  access: [access],
});

test('an interval lasts while the access is the same, and a change of access starts another', () => {
  const states: RevisionReach[] = [
    { revision: revision(1), reaches: [reach('web', 's3:ListBucket')] },
    { revision: revision(2), reaches: [reach('web', 's3:ListBucket')] },
    { revision: revision(3), reaches: [reach('web', 's3:PutObject')] },
  ];
  const { intervals } = reachIntervals(states);
  expect(intervals.map((i) => [i.workload, i.from.commit, i.until?.commit, i.reaches[0].access[0]])).toEqual([
    ['web', 'c1', 'c3', 's3:ListBucket'],
    ['web', 'c3', undefined, 's3:PutObject'],
  ]);
});

test('consecutive unreadable revisions with the same problems are one unreadable interval that ends the reach', () => {
  const states: RevisionReach[] = [
    { revision: revision(1), reaches: [reach('web', 's3:ListBucket')] },
    { revision: revision(2), unreadable: ['workloads[0].grantz: unknown key'] },
    { revision: revision(3), unreadable: ['workloads[0].grantz: unknown key'] },
    { revision: revision(4), unreadable: ['accounts: required'] },
    { revision: revision(5), reaches: [reach('web', 's3:ListBucket')] },
  ];
  const { intervals, unreadable } = reachIntervals(states);
  expect(intervals.map((i) => [i.from.commit, i.until?.commit])).toEqual([['c1', 'c2'], ['c5', undefined]]);
  expect(unreadable.map((u) => [u.from.commit, u.until?.commit, u.problems])).toEqual([
    ['c2', 'c4', ['workloads[0].grantz: unknown key']],
    ['c4', 'c5', ['accounts: required']],
  ]);
});

test('a deleted file ends every interval; nothing reaches the resource while it is gone', () => {
  const states: RevisionReach[] = [
    { revision: revision(1), reaches: [reach('web', 's3:ListBucket'), reach('api', 's3:ListBucket')] },
    { revision: revision(2), deleted: true },
  ];
  const { intervals, unreadable } = reachIntervals(states);
  expect(intervals.map((i) => [i.workload, i.from.commit, i.until?.commit])).toEqual([['api', 'c1', 'c2'], ['web', 'c1', 'c2']]);
  expect(unreadable).toEqual([]);
});
