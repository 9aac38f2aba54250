import type { LocatedDocument } from './yaml-documents';
import type { Finding } from '../rules/rule';

/**
 * The line each finding points at in the CloudFormation or Terraform JSON file it names (`file#Resources.Role…`),
 * for pipeline formats (SARIF) that annotate lines. Paths into a value the file holds as text (a policy document in a
 * string) stop at that value's line. Paths that already carry their line (`main.tf:12#…`) keep it.
 */
export function withTemplateLines(findings: readonly Finding[], lines: ReadonlyMap<string, LocatedDocument['lineOf']>): Finding[] {
  return findings.map((finding) => {
    const hash = finding.path.indexOf('#');
    if (hash < 0 || finding.line !== undefined) return finding;
    const carried = /:(\d+)$/.exec(finding.path.slice(0, hash));
    if (carried) return { ...finding, line: Number(carried[1]) };
    const line = lines.get(finding.path.slice(0, hash))?.(segments(finding.path.slice(hash + 1)));
    return line === undefined ? finding : { ...finding, line };
  });
}

/** `Resources.Role.Properties.Policies[0]` as path segments. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((part) => (part[2] !== undefined ? Number(part[2]) : part[1]));
}
