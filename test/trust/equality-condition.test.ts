import fc from 'fast-check';
import { equalityConditionTests } from '../../lib/trust/equality-condition';
import { celConditionTests, parsedConditionTests } from '../../lib/trust/gcp-view';

/**
 * The reader of allow-list conditions that skips the CEL parser must read every condition it accepts exactly as the
 * parser does (@bufbuild/cel is the oracle), and leave every other one to it.
 */

// Claim names and values mixing what the fast reader accepts with what it must leave alone: reserved words, dotted
// and quoted characters, escapes, spaces and operators a CEL string may hold.
/** Mostly the first (the shape the reader accepts), sometimes one of the others. */
const mostly = <T>(usual: T, ...others: T[]) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 6 * others.length }, ...others.map((other) => ({ arbitrary: fc.constant(other), weight: 1 })));
const claim = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), weight: 4 },
  { arbitrary: fc.constantFrom('sub', 'repository_owner_id', 'tenant', '_x', 'Aud2', 'in', 'true', 'null', 'namespace', 'let'), weight: 1 },
);
const value = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:/@+=,~%-]{0,12}$/), weight: 4 },
  fc.constantFrom('', 'job:export-1', 'repo:acme/web:environment:production', 'a b', "it's", 'x\\y', 'a||b', 'a && b', '(x)', 'ü', '%41', '"q"', '\\n'),
  fc.stringMatching(/^[A-Za-z0-9_.:/@+=,~%\- '"\\|&()]{0,12}$/),
);
const quote = mostly("'", '"');
const comparison = fc
  .tuple(claim, value, quote, mostly(' == ', ' != ', '==', ' ==  '))
  .filter(([, v, q]) => !v.includes(q) && !v.includes('\\'))
  .map(([c, v, q, op]) => `assertion.${c}${op}${q}${v}${q}`);
const conjunction = fc
  .tuple(fc.array(comparison, { minLength: 1, maxLength: 3 }), mostly(' && ', '&&', ' &&  '), fc.constantFrom('', '()', '', '()', '(())'))
  .map(([tests, and, wrap]) => (wrap === '' ? tests.join(and) : `${wrap.slice(0, wrap.length / 2)}${tests.join(and)}${wrap.slice(wrap.length / 2)}`));
const condition = fc
  .tuple(fc.array(conjunction, { minLength: 1, maxLength: 4 }), mostly(' || ', '||', ' ||  '))
  .map(([ways, or]) => ways.join(or));

test('every condition it accepts reads as the CEL parser reads it; every other one goes to the parser', () => {
  let accepted = 0;
  fc.assert(
    fc.property(condition, (text) => {
      const fast = equalityConditionTests(text);
      if (fast !== undefined) {
        accepted++;
        expect(fast).toEqual(parsedConditionTests(text));
      }
      expect(celConditionTests(text)).toEqual(parsedConditionTests(text));
    }),
    { numRuns: 3000 },
  );
  // The generator reaches the fast reader often enough for the comparison to mean something.
  expect(accepted).toBeGreaterThan(100);
});

test("the compiler's allow-list shape is read without the parser, in order", () => {
  const text = "(assertion.sub == 'job:export-1' && assertion.tenant == 'acme') || assertion.sub == 'job:export-2'";
  expect(equalityConditionTests(text)).toEqual([
    [
      { claim: 'sub', match: 'equals', values: ['job:export-1'], text: 'assertion.sub == "job:export-1"' },
      { claim: 'tenant', match: 'equals', values: ['acme'], text: 'assertion.tenant == "acme"' },
    ],
    [{ claim: 'sub', match: 'equals', values: ['job:export-2'], text: 'assertion.sub == "job:export-2"' }],
  ]);
});

test('what it must not read is left to the parser: nesting, negation, other operators, reserved words, escapes', () => {
  for (const text of [
    "((assertion.sub == 'a'))",
    "(assertion.sub == 'a') && (assertion.tenant == 'b')",
    "(assertion.sub == 'a' || assertion.sub == 'b') && assertion.tenant == 'c'",
    "assertion.sub != 'a'",
    "!(assertion.sub == 'a')",
    "assertion.sub.startsWith('a')",
    "assertion['sub'] == 'a'",
    "assertion.in == 'a'",
    "assertion.sub == 'a\\x41'",
    'assertion.sub == "a"',
    "assertion.sub == 'a' ",
    "assertion.sub == 'a' || true",
  ]) {
    expect(equalityConditionTests(text)).toBeUndefined();
  }
  // A reserved word as a claim does not parse: the condition is opaque, not an admission of everyone.
  expect(celConditionTests("assertion.in == 'a'")).toEqual([[{ claim: '', match: 'opaque', values: [], text: "assertion.in == 'a'" }]]);
});
