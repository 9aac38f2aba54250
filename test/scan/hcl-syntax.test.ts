import { lineIn } from '../../lib/scan/hcl-locations';
import { HclSyntaxError, parseHclBody, parseHclExpression } from '../../lib/scan/hcl-syntax';
import { evaluateExpression, evaluateString, type ExpressionScope } from '../../lib/scan/terraform-expression';
import { isWhollyUnknown, readable } from '../../lib/scan/unresolved';

/** HCL native syntax as the HCL specification writes it: bodies, expressions, templates, heredocs and comments. */

/** A scope that knows no reference and makes no choice. */
const NOTHING: ExpressionScope = {
  chooser: { choose: () => ({ made: false }) },
  reference: () => undefined,
};
const value = (source: string) => evaluateExpression(parseHclExpression(source), NOTHING);
/** Evaluated, with placeholders shown as written. */
const shown = (source: string) => JSON.parse(JSON.stringify(value(source), (_, v) => (typeof v === 'string' ? readable(v) : v)));

describe('literal expressions', () => {
  test('objects with = or : separators, bare and quoted keys, commas or new lines between entries', () => {
    expect(value('{ a = 1, "b": "two"\n  c = true\n  "d:e" = null }')).toEqual({ 'a': 1, 'b': 'two', 'c': true, 'd:e': null });
  });

  test('tuples with a trailing comma and new lines; nested objects; numbers with exponents and signs', () => {
    expect(value('[\n  1,\n  -2.5e1,\n  { x = [0.5] },\n]')).toEqual([1, -25, { x: [0.5] }]);
  });

  test('string escapes: \\n \\t \\" \\\\ \\uNNNN \\UNNNNNNNN, and $${ / %%{ as literals', () => {
    expect(value('"a\\nb\\t\\"q\\" \\\\ \\u00e9 \\U0001F600"')).toBe('a\nb\t"q" \\ é 😀');
    expect(value('"$${literal} %%{also}"')).toBe('${literal} %{also}');
  });

  test('heredocs: <<EOT as written, <<-EOT without the common indent; no escapes', () => {
    expect(value('<<EOT\n  {"a": "\\n"}\nEOT\n')).toBe('  {"a": "\\n"}\n');
    expect(value('<<-EOT\n    line one\n      line two\n    EOT\n')).toBe('line one\n  line two\n');
  });

  test('jsonencode, tolist and toset stand for their argument', () => {
    expect(value('jsonencode({ Statement = tolist([{ Effect = "Allow" }]) })')).toEqual({ Statement: [{ Effect: 'Allow' }] });
  });
});

describe('what is computed becomes a placeholder that may be anything', () => {
  test.each([
    ['a function call', 'lower("X")', '${lower("X")}'],
    ['an operator', '1 + 2', '${1 + 2}'],
    ['a for expression', '[for s in var.subjects : s]', '${[for s in var.subjects : s]}'],
    ['a conditional no reading chose', 'var.prod ? "a" : "b"', '${var.prod ? "a" : "b"}'],
  ])('%s', (_, source, placeholder) => {
    const result = value(source) as string;
    expect(isWhollyUnknown(result)).toBe(true);
    expect(readable(result)).toBe(placeholder);
  });

  test('an interpolation inside a string keeps the text around it; a directive makes the whole string unknown', () => {
    expect(shown('"repo:${var.org}/web"')).toBe('repo:${var.org}/web');
    expect(isWhollyUnknown(value('"%{ if var.prod }prod%{ endif }"') as string)).toBe(true);
  });

  test('Terraform JSON strings: one interpolation is its value, whatever its type', () => {
    expect(evaluateString('${jsonencode({ a = [1] })}', NOTHING)).toEqual({ a: [1] });
    expect(evaluateString('$${not} ${"x"}', NOTHING)).toBe('${not} x');
  });
});

describe('bodies and lines', () => {
  const source = [
    '# comment',
    'resource "aws_iam_role" "deploy" { // trailing comment',
    '  /* a block',
    '     comment */',
    '  name = "deploy"',
    '  inline_policy {',
    '    policy = jsonencode({',
    '      Statement = [',
    '        { Effect = "Allow" },',
    '        {',
    '          Effect = "Deny"',
    '        },',
    '      ]',
    '    })',
    '  }',
    '  inline_policy {',
    '    policy = "{}"',
    '  }',
    '}',
    '',
  ].join('\n');
  const body = parseHclBody(source);

  test('blocks with labels, attributes and nested blocks, comments skipped', () => {
    expect(body.blocks.map((b) => [b.type, b.labels, b.line])).toEqual([['resource', ['aws_iam_role', 'deploy'], 2]]);
    expect(body.blocks[0].body.attributes.map((a) => [a.name, a.line])).toEqual([['name', 5]]);
    expect(body.blocks[0].body.blocks.map((b) => [b.type, b.line])).toEqual([
      ['inline_policy', 6],
      ['inline_policy', 16],
    ]);
  });

  test('a path finds the line of its deepest part the file shows, into jsonencode', () => {
    expect(lineIn(body, 'resource.aws_iam_role.deploy')).toBe(2);
    expect(lineIn(body, 'resource.aws_iam_role.deploy.name')).toBe(5);
    expect(lineIn(body, 'resource.aws_iam_role.deploy.inline_policy[1].policy')).toBe(17);
    expect(lineIn(body, 'resource.aws_iam_role.deploy.inline_policy[0].policy.Statement[1].Effect')).toBe(11);
    expect(lineIn(body, 'resource.aws_iam_role.deploy.inline_policy[0].policy.Statement[1].Condition')).toBe(10);
    expect(lineIn(body, 'resource.aws_iam_role.other')).toBeUndefined();
  });

  test('what this reader cannot follow is an HclSyntaxError', () => {
    expect(() => parseHclBody('resource "x" "y" {\n  a = "unterminated\n}\n')).toThrow(HclSyntaxError);
    expect(() => parseHclBody('a = 1 1\n')).toThrow(HclSyntaxError);
    expect(() => parseHclBody('/* open')).toThrow(HclSyntaxError);
  });
});
