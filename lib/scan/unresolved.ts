import type { ClaimTest, TrustView } from '../trust/trust-view';

/**
 * A value the scanner cannot know (a CloudFormation parameter, a Terraform variable, an imported value) is kept
 * inside the string that contains it, between two private-use characters, so the literal parts around it still
 * count: `repo:octo-org/${Repo}:*` still names its owner. Trust is then judged as if the unknown part could be
 * anything, so an unresolved value never makes a trust look narrower than it may be.
 */
const OPEN = '\uE000';
/** Opens a placeholder for a value that is unknown here but names one thing: never a wildcard. */
const OPEN_FIXED = '\uE002';
const CLOSE = '\uE001';
const MARKED = /[\uE000\uE002]([^\uE001]*)\uE001/g;

/** A placeholder for an unknown value, shown to readers as `text` (e.g. `${GitHubOrg}`); it may be anything, "*" included. */
export function unresolved(text: string): string {
  return `${OPEN}${text}${CLOSE}`;
}

/**
 * A placeholder for a value that is unknown here but fixed: a resource of the same template or module (a bucket's
 * ARN, a role's name) or the deploying account. It names that one thing, so it never widens a permission to "*";
 * inside a trust condition it is still widened, as every placeholder is.
 */
export function fixedUnresolved(text: string): string {
  return `${OPEN_FIXED}${text}${CLOSE}`;
}

export function isUnresolved(value: string): boolean {
  return value.includes(OPEN) || value.includes(OPEN_FIXED);
}

/** True when the whole value is one placeholder. */
export function isWhollyUnresolved(value: string): boolean {
  return (value.startsWith(OPEN) || value.startsWith(OPEN_FIXED)) && value.indexOf(CLOSE) === value.length - 1;
}

/** True when the whole value is one placeholder that may be anything, "*" included. */
export function isWhollyUnknown(value: string): boolean {
  return value.startsWith(OPEN) && value.indexOf(CLOSE) === value.length - 1;
}

/** The text of the placeholder that makes up the whole value, e.g. `${aws_iam_policy.deploy.arn}`. */
export function placeholderText(value: string): string | undefined {
  return isWhollyUnresolved(value) ? value.slice(1, -1) : undefined;
}

/** The value with the placeholders `resolve` knows replaced by their values; the others are kept. */
export function resolvePlaceholders(value: string, resolve: (text: string) => string | undefined): string {
  return value.replace(MARKED, (placeholder, text: string) => resolve(text) ?? placeholder);
}

/** The value as a reader should see it: placeholders shown as written. */
export function readable(value: string): string {
  return value.replace(MARKED, '$1');
}

/**
 * A claim test whose values hold placeholders, widened so each placeholder matches anything: exact and glob
 * tests become globs with `*` in its place, a prefix stops at it, a regular expression matches `.*` there.
 */
export function widenTest(test: ClaimTest): ClaimTest {
  if (!test.values.some(isUnresolved) && !isUnresolved(test.text)) return test;
  const text = readable(test.text);
  switch (test.match) {
    case 'equals':
    case 'glob':
      return { ...test, match: 'glob', values: test.values.map((value) => value.replace(MARKED, '*')), text };
    case 'prefix':
      return { ...test, values: test.values.map((value) => value.split(/[\uE000\uE002]/)[0]), text };
    case 'regex':
      return {
        ...test,
        values: test.values.map((value) => value.split(MARKED).map((part, index) => (index % 2 === 0 ? part : '.*')).join('')),
        text,
      };
    case 'opaque':
      return { ...test, values: test.values.map(readable), text };
  }
}

/** A trust view with every placeholder in its tests widened and its issuer shown readably. */
export function widenView(view: TrustView): TrustView {
  return {
    ...view,
    issuer: view.issuer.url !== undefined ? { ...view.issuer, url: readable(view.issuer.url) } : view.issuer,
    tests: view.tests.map(widenTest),
  };
}
