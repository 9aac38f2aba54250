import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { runCli } from '../cli/run-cli';

/**
 * Fuzzing `validate` and `scan` with mutated real inputs (the bundled example, the scan fixtures): whatever the bytes,
 * the CLI exits 0, 1 or 2, prints no stack trace, and on exit 2 every line of stderr is one `path: message` problem.
 * Mutations are the ones that break readers: flipped bytes, truncation, repeated or dropped lines, and inserted YAML
 * and JSON syntax (anchors, aliases, merge keys, tags, brackets, quotes, NUL bytes, huge values, deep nesting).
 */

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = readFileSync(join(ROOT, 'examples/workloads.yaml'), 'utf8');
/** The example as YAML, and as JSON (one line, and indented): JSON is read by the same parser, with other failure modes. */
const DECLARATIONS = [
  { name: 'workloads.yaml', text: EXAMPLE },
  { name: 'workloads.json', text: JSON.stringify(parse(EXAMPLE)) },
  { name: 'workloads.json', text: JSON.stringify(parse(EXAMPLE), null, 2) },
];
const TEMPLATES = [
  'test/fixtures/scan/cloudformation/good.json',
  'test/fixtures/scan/cloudformation/admin-role.yaml',
  'test/fixtures/scan/cloudformation/unresolved.yaml',
  'test/fixtures/scan/terraform/aws/main.tf.json',
  'test/fixtures/scan/terraform/azure.tf.json',
  'test/fixtures/scan/terraform/gcp-org-wide.tf.json',
  'test/fixtures/scan/hcl/main.tf',
].map((path) => ({ name: basename(path), text: readFileSync(join(ROOT, path), 'utf8') }));

/** Syntax a hostile or careless author may put anywhere. */
const FRAGMENTS = [
  '&a ', '*a', '<<: *a', '!!binary ', '!Ref ', '!GetAtt x.y', '? ', '- ', ': ', '{', '}', '[', ']', '"', "'", '\\', '#', '\t',
  '\u0000', '\uFFFD', '%YAML 1.1\n', '---\n', '...\n', '~', 'null', '1e999', '0x10', '-0', '${', '${jsonencode({', '}}', '${var.x}',
  '['.repeat(200), '{"a":'.repeat(200), '- '.repeat(200), `"${'x'.repeat(100_000)}"`, 'aa: &x [*x]\n',
  // A value of another type where a scalar was.
  ' [a, b]', ' {a: 1}', ' 12345678901234567890', ' true', ' 0777', ' .inf', ' 2026-12-02', ',', '": 1, "',
];

type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly byte: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'duplicateLine' | 'deleteLine'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly fragment: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('duplicateLine' as const, 'deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), fragment: fc.constantFrom(...FRAGMENTS) }),
);

function mutate(text: string, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(text, 'utf8');
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip') {
      bytes = Buffer.from(bytes);
      if (bytes.length > 0) bytes[at] = m.byte;
    } else if (m.kind === 'truncate') {
      bytes = bytes.subarray(0, at);
    } else if (m.kind === 'insert') {
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.fragment, 'utf8'), bytes.subarray(at)]);
    } else {
      const lines = bytes.toString('latin1').split('\n');
      const line = m.at % lines.length;
      if (m.kind === 'duplicateLine') lines.splice(line, 0, lines[line]);
      else lines.splice(line, 1);
      bytes = Buffer.from(lines.join('\n'), 'latin1');
    }
  }
  return bytes;
}

/** One problem: a path (no leading space), a colon, a message; never a JavaScript error or a stack frame. */
const PROBLEM_LINE = /^(?!\s)(?!(?:\w*Error|Uncaught|node:)\b)[^\n]*?\S: \S[^\n]*$/;

function expectWellFormed(result: { code: number; out: string; err: string }) {
  expect([0, 1, 2]).toContain(result.code);
  const output = `${result.out}\n${result.err}`;
  expect(output).not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(output).not.toMatch(/\b(?:TypeError|RangeError|ReferenceError|SyntaxError): /);
  if (result.code === 2) {
    for (const line of result.err.trimEnd().split('\n')) expect(line).toMatch(PROBLEM_LINE);
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mutated input never crashes the CLI', () => {
  test('the problem-line form itself', () => {
    expect('workloads[0].name: must be lower case (line 4)').toMatch(PROBLEM_LINE);
    expect('bomb.yaml: aliases expand the document beyond 1,000,000 nodes').toMatch(PROBLEM_LINE);
    expect('    at run (main.js:1:2)').not.toMatch(PROBLEM_LINE);
    expect('TypeError: x is not a function').not.toMatch(PROBLEM_LINE);
    expect('no colon here').not.toMatch(PROBLEM_LINE);
  });

  test('validate on mutated declarations', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DECLARATIONS), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (source, mutations) => {
        const path = join(dir, `${run++}-${source.name}`);
        writeFileSync(path, mutate(source.text, mutations));
        expectWellFormed(await runCli('validate', path));
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });

  test('scan on mutated templates and Terraform', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEMPLATES), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (source, mutations) => {
        const path = join(dir, `${run++}-${source.name}`);
        writeFileSync(path, mutate(source.text, mutations));
        expectWellFormed(await runCli('scan', path));
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
