import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { writeStaged } from '../../lib/cli/output-directory';
import { DeclarationError } from '../../lib/declaration/errors';

/** `synth --out`: a directory that cannot be written is a usage error (exit 2), and a failed run writes nothing. */

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'workloads.yaml');
const BIN = join(ROOT, 'bin', 'workload-iam');
const COMPILED_CLI = join(ROOT, 'dist', 'cli', 'main.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-out-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

test('--out naming an existing file is refused and the file is left as it was', async () => {
  const file = join(dir, 'notes.txt');
  writeFileSync(file, 'keep me\n');
  expect(await runCli('synth', EXAMPLE, '--out', file)).toEqual({ code: 2, out: '', err: `--out: ${file} is a file, not a directory\n` });
  expect(readFileSync(file, 'utf8')).toBe('keep me\n');
});

test('--out under a file is refused, naming the file in the way', async () => {
  const file = join(dir, 'notes.txt');
  writeFileSync(file, 'keep me\n');
  const out = join(file, 'build', 'out');
  expect(await runCli('synth', EXAMPLE, '--out', out)).toEqual({
    code: 2,
    out: '',
    err: `--out: ${file} is a file, so ${out} cannot be created under it\n`,
  });
});

test("an engine's directory that is a file: refused before the manifest is written", async () => {
  writeFileSync(join(dir, 'aws-cdk'), '');
  const result = await runCli('synth', EXAMPLE, '--out', dir, '--engine', 'aws-cdk');
  expect(result).toEqual({ code: 2, out: '', err: `--out: ${join(dir, 'aws-cdk')} is a file, not a directory\n` });
  expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
});

test('--out in a directory the process may not write to is refused, and nothing is created', () => {
  expect(existsSync(COMPILED_CLI)).toBe(true);
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  // Permission bits do not bind root; without CAP_DAC_OVERRIDE they do, and root still reads the checkout
  // wherever it lies (a different user might not be able to reach it).
  const command =
    process.getuid?.() === 0
      ? ['setpriv', '--bounding-set=-dac_override', '--', process.execPath]
      : [process.execPath];
  const result = spawnSync(command[0], [...command.slice(1), BIN, 'synth', 'examples/workloads.yaml', '--out', join(locked, 'out')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect({ code: result.status, out: result.stdout, err: result.stderr }).toEqual({
    code: 2,
    out: '',
    err: `--out: ${locked} is not writable (permission denied)\n`,
  });
  expect(readdirSync(locked)).toEqual([]);
});

test('safe neighbour: an existing directory, or one still to create several levels down, is written', async () => {
  mkdirSync(join(dir, 'existing'));
  for (const out of [join(dir, 'existing'), join(dir, 'a', 'b', 'c')]) {
    expect((await runCli('synth', EXAMPLE, '--out', out)).code).toBe(0);
    expect(readdirSync(out)).toEqual(['manifest.json']);
  }
});

test('safe neighbour: a second run replaces the first run’s files only', async () => {
  const out = join(dir, 'out');
  expect((await runCli('synth', EXAMPLE, '--out', out)).code).toBe(0);
  const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
  writeFileSync(join(out, 'README.txt'), 'mine\n');
  writeFileSync(join(out, 'manifest.json'), 'stale\n');
  expect((await runCli('synth', EXAMPLE, '--out', out)).code).toBe(0);
  expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
  expect(readdirSync(out).sort()).toEqual(['README.txt', 'manifest.json']);
});

describe('writeStaged', () => {
  test('a write that fails half-way leaves the previous output as it was, and no staging directory', async () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'engine'), { recursive: true });
    writeFileSync(join(out, 'manifest.json'), 'previous\n');
    writeFileSync(join(out, 'engine', 'a.json'), 'previous\n');
    const failHalfWay = () =>
      writeStaged(out, (staging) => {
        writeFileSync(join(staging, 'manifest.json'), 'new\n');
        mkdirSync(join(staging, 'engine'));
        writeFileSync(join(staging, 'engine', 'a.json'), 'new\n');
        // A directory where a file already is: the kind of failure a full disk or a race gives half-way.
        mkdirSync(join(staging, 'manifest.json', 'nested'));
      });
    await expect(failHalfWay()).rejects.toThrow(DeclarationError);
    await expect(failHalfWay()).rejects.toThrow(`--out: cannot write ${join(out, 'manifest.json', 'nested')}: not a directory`);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('previous\n');
    expect(readFileSync(join(out, 'engine', 'a.json'), 'utf8')).toBe('previous\n');
    expect(readdirSync(out).sort()).toEqual(['engine', 'manifest.json']);
  });

  test('a failed write into a directory created for it removes that directory', async () => {
    const out = join(dir, 'new', 'out');
    await expect(
      writeStaged(out, (staging) => {
        writeFileSync(join(staging, 'manifest.json'), 'new\n');
        readFileSync(join(staging, 'missing.json'));
      }),
    ).rejects.toThrow(`--out: cannot write ${join(out, 'missing.json')}: no such file or directory`);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an error that is not the file system’s is passed on unchanged, after the staging directory is removed', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const bug = new TypeError('a renderer bug');
    await expect(
      writeStaged(out, () => {
        throw bug;
      }),
    ).rejects.toThrow(bug);
    expect(readdirSync(out)).toEqual([]);
  });

  test('a directory replaces the previous one whole; a file replaces the previous file', async () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'engine'), { recursive: true });
    writeFileSync(join(out, 'engine', 'stale.json'), 'old\n');
    writeFileSync(join(out, 'manifest.json'), 'old\n');
    const written = await writeStaged(out, (staging) => {
      mkdirSync(join(staging, 'engine'));
      writeFileSync(join(staging, 'engine', 'fresh.json'), 'new\n');
      writeFileSync(join(staging, 'manifest.json'), 'new\n');
      return 'done';
    });
    expect(written).toBe('done');
    expect(readdirSync(join(out, 'engine'))).toEqual(['fresh.json']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('new\n');
    expect(readdirSync(out).sort()).toEqual(['engine', 'manifest.json']);
  });
});
