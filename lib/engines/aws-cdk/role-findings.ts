import type { Finding } from '../../rules/rule';

/** The logical id of the template resource a scan finding's path points into (`file#Resources.<Id>…`). */
export function logicalIdOf(finding: Finding): string | undefined {
  return /#Resources\.([A-Za-z0-9]+)/.exec(finding.path)?.[1];
}
