import { fileAt, fileHistory, gitFileOf } from './git-file';
import { EXIT, type Io } from './io';
import { manifestOfBytes } from './manifest-input';
import { DeclarationError, formatProblem } from '../declaration/errors';
import { whoCanReach } from '../manifest/queries';
import { resourceFormProblem } from '../manifest/query-arguments';
import { reachIntervals, type ReachInterval, type Revision, type RevisionReach, type UnreadableInterval } from '../manifest/reach-intervals';

const shown = (revision: Revision) => `${revision.date} ${revision.commit.slice(0, 12)} (${revision.author})`;
const span = (from: Revision, until: Revision | undefined) => (until ? `${shown(from)} → ${shown(until)}` : `since ${shown(from)}`);

function describe(interval: ReachInterval): string {
  const reaches = interval.reaches.map((r) => `${r.account} as ${r.principal} (${r.identities.join(', ')}): ${r.access.join(', ')}`).join('; ');
  return `  ${span(interval.from, interval.until)}: ${reaches}\n`;
}

function describeUnreadable(interval: UnreadableInterval): string {
  return `  ${span(interval.from, interval.until)}: ${interval.problems.join('; ')}\n`;
}

/**
 * `history FILE RESOURCE`: from the declaration's git history (renames followed), each interval in which each workload
 * could reach RESOURCE, with the commit, date and author that began and ended it. A revision that fails today's
 * validation is an unreadable interval, listed, never dropped.
 */
export function historyCommand(file: string, resource: string, format: 'text' | 'json', optionsFile: string | undefined, io: Io): number {
  const problem = resourceFormProblem(resource);
  if (problem) throw new DeclarationError([{ path: ['<resource>'], message: problem }]);
  const gitFile = gitFileOf(file);
  const commits = fileHistory(gitFile).reverse();
  if (commits.length === 0) throw new DeclarationError([{ path: ['<file>'], message: `${file} has no committed history` }]);
  const revisions = commits.map((change): RevisionReach => {
    const revision = { commit: change.commit, date: change.date, author: change.author };
    if (change.deleted) return { revision, deleted: true };
    try {
      const manifest = manifestOfBytes(fileAt(gitFile.root, change.commit, change.path, '<file>'), `${change.path}@${change.commit.slice(0, 12)}`, optionsFile);
      return { revision, reaches: whoCanReach(manifest, resource) };
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      return { revision, unreadable: error.problems.map(formatProblem) };
    }
  });
  const { intervals, unreadable } = reachIntervals(revisions);
  if (format === 'json') {
    io.out(`${JSON.stringify({ intervals, unreadable }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (intervals.length === 0) io.out(`nothing could reach ${resource} in the ${commits.length} revisions of ${gitFile.path}\n`);
  for (const workload of [...new Set(intervals.map((i) => i.workload))]) {
    io.out(`${workload}\n${intervals.filter((i) => i.workload === workload).map(describe).join('')}`);
  }
  if (unreadable.length > 0) io.out(`unreadable (fails today's validation)\n${unreadable.map(describeUnreadable).join('')}`);
  return EXIT.ok;
}
