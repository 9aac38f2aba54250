import { distance } from 'fastest-levenshtein';
import type { Manifest } from './manifest';

/** At most this many suggestions, so a "did you mean" stays one short line. */
const MAX_SUGGESTIONS = 3;

/**
 * The candidates nearest to `word` by edit distance, sorted, when they are near enough to be a typo of it: at most
 * two edits, or one in five characters for longer words (an ARN's region or account digit). Empty when none is.
 */
export function nearest(word: string, candidates: Iterable<string>, options: { readonly ignoreCase?: boolean } = {}): string[] {
  const fold = (text: string) => (options.ignoreCase ? text.toLowerCase() : text);
  const limit = Math.max(2, Math.floor(word.length / 5));
  let best = Infinity;
  let found: string[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue;
    const edits = distance(fold(word), fold(candidate));
    if (edits > limit || edits > best) continue;
    if (edits < best) {
      best = edits;
      found = [];
    }
    found.push(candidate);
  }
  return found.sort().slice(0, MAX_SUGGESTIONS);
}

/** The manifest's resources nearest to one `who-can-reach` found nobody for. */
export function nearResources(manifest: Manifest, resource: string): string[] {
  const resources = Object.values(manifest.workloads).flatMap((workload) =>
    Object.values(workload.access).flatMap((access) => access.permissions.flatMap((permission) => permission.resources)),
  );
  // `*` stands for the actions IAM cannot scope, not for a resource anyone would mean.
  return nearest(
    resource,
    resources.filter((candidate) => candidate !== '*'),
  );
}

/**
 * The workload names and identity labels nearest to a `what-can-reach` selector that reached nothing. Labels count
 * with each prefix a selector may stop at (`github:acme/web` of `github:acme/web:environment:production`).
 */
export function nearIdentities(manifest: Manifest, selector: string): string[] {
  const candidates = Object.entries(manifest.workloads).flatMap(([name, workload]) => [
    name,
    ...workload.identities.flatMap((identity) => labelPrefixes(identity.label)),
  ]);
  return nearest(selector, candidates);
}

/** The label and each of its prefixes ending at a field boundary, as `labelMatches` accepts them. */
function labelPrefixes(label: string): string[] {
  const prefixes: string[] = [];
  for (let index = 0; index < label.length; index++) {
    if (':@/#'.includes(label.charAt(index))) prefixes.push(label.slice(0, index));
  }
  return [...prefixes, label];
}
