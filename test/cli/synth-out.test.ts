import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

/** `synth --out DIR` when DIR cannot be the output directory: one `--out:` line, exit 2, nothing written. */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'workloads.yaml');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-out-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('--out naming a file', async () => {
  const out = join(dir, 'manifest.json');
  writeFileSync(out, '{}');
  expect(await runCli('synth', EXAMPLE, '--out', out)).toEqual({ code: 2, out: '', err: `--out: ${out} is a file, not a directory\n` });
});

test('--out below a file', async () => {
  writeFileSync(join(dir, 'file'), '');
  const out = join(dir, 'file', 'out');
  expect(await runCli('synth', EXAMPLE, '--out', out)).toEqual({ code: 2, out: '', err: `--out: cannot use ${out}: a part of the path is a file, not a directory\n` });
});

test("an engine's directory that is a file: refused before the manifest is written", async () => {
  writeFileSync(join(dir, 'aws-cdk'), '');
  const result = await runCli('synth', EXAMPLE, '--out', dir, '--engine', 'aws-cdk');
  expect(result).toEqual({ code: 2, out: '', err: `--out: ${join(dir, 'aws-cdk')} is a file, not a directory\n` });
  expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
});

test('an existing directory, or one still to create several levels down, is written', async () => {
  mkdirSync(join(dir, 'existing'));
  for (const out of [join(dir, 'existing'), join(dir, 'a', 'b', 'c')]) {
    expect((await runCli('synth', EXAMPLE, '--out', out)).code).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  }
});
