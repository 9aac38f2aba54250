import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What `npm pack` ships: the compiled library with its type declarations, the CLI, and the documents the README
 * links to. dist/ is built by the test task before jest runs (and by the prepack script on `npm pack`), so the dry run
 * skips scripts to stay fast.
 */

const ROOT = join(__dirname, '..', '..');
const packed = () => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [pack] = JSON.parse(output) as { files: { path: string }[] }[];
  return pack.files.map((file) => file.path);
};

test('the package holds dist with type declarations, the CLI, RULES.md, CATALOGUE.md and the README', () => {
  const files = packed();
  expect(files).toEqual(
    expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/engines/aws-cdk/index.js', 'dist/engines/aws-cdk/index.d.ts', 'bin/workload-iam', 'RULES.md', 'CATALOGUE.md', 'README.md', 'API.md', 'package.json']),
  );
  // Neither tests, sources nor tooling ship.
  expect(files.filter((file) => /^(test|lib|bench|scripts|reports|\.stryker-tmp|\.ci)\//.test(file))).toEqual([]);
});

test('package.json names the repository, homepage and keywords, and builds dist before packing', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    repository?: { url?: string };
    homepage?: string;
    keywords?: string[];
    scripts: Record<string, string>;
  };
  expect(manifest.repository?.url).toMatch(/^https:\/\/github\.com\//);
  expect(manifest.homepage).toMatch(/^https:\/\//);
  expect(manifest.keywords).toEqual(expect.arrayContaining(['workload-identity', 'oidc', 'aws', 'gcp', 'azure']));
  expect(manifest.scripts.prepack).toBe('projen prepack');
  const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')) as { tasks: Record<string, { steps?: { spawn?: string }[] }> };
  expect(tasks.tasks.prepack.steps).toEqual([{ spawn: 'compile' }]);
});
