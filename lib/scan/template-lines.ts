import { DeclarationError } from '../declaration/errors';
import { parseInputText } from '../declaration/load';
import type { Finding } from '../rules/rule';

/**
 * The line each finding points at in the CloudFormation or Terraform JSON file it names (`file#Resources.Role…`),
 * for pipeline formats (SARIF) that annotate lines. Paths into a value the file holds as text (a policy document in a
 * string) stop at that value's line. Paths into `.tf` files already carry their line (`main.tf:12#…`).
 */
export function withTemplateLines(findings: readonly Finding[], texts: ReadonlyMap<string, string>): Finding[] {
  const locators = new Map<string, ((path: readonly (string | number)[]) => number | undefined) | undefined>();
  const locatorOf = (file: string) => {
    if (!locators.has(file)) locators.set(file, locator(texts.get(file)));
    return locators.get(file);
  };
  return findings.map((finding) => {
    const hash = finding.path.indexOf('#');
    if (hash < 0 || finding.line !== undefined) return finding;
    const hclLine = /:(\d+)$/.exec(finding.path.slice(0, hash));
    if (hclLine) return { ...finding, line: Number(hclLine[1]) };
    const line = locatorOf(finding.path.slice(0, hash))?.(segments(finding.path.slice(hash + 1)));
    return line === undefined ? finding : { ...finding, line };
  });
}

function locator(text: string | undefined): ((path: readonly (string | number)[]) => number | undefined) | undefined {
  if (text === undefined) return undefined;
  try {
    return parseInputText(text, (value) => value).lineOf;
  } catch (error) {
    // The file was read for the scan already; a text the locator cannot follow only means no line.
    if (error instanceof DeclarationError) return undefined;
    throw error;
  }
}

/** `Resources.Role.Properties.Policies[0]` as path segments. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((part) => (part[2] !== undefined ? Number(part[2]) : part[1]));
}
