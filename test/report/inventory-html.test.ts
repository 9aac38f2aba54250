import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { runCli } from '../cli/run-cli';

/**
 * `report --format html` rendered offline by headless Chromium (Debian's `chromium`, which .ci/run installs): 500
 * workloads, every workload's diagram node present, the search finding exactly one, and no request leaving the page.
 */

const CHROMIUM = '/usr/bin/chromium';
const COUNT = 500;
const names = Array.from({ length: COUNT }, (_, i) => `svc-${String(i).padStart(3, '0')}`);

function declaration(): string {
  const lines = ['version: 1', 'accounts:', '  aws-prod: { cloud: aws, accountId: "111122223333" }', '  aws-shared: { cloud: aws, accountId: "444455556666" }', 'workloads:'];
  names.forEach((name, i) => {
    lines.push(
      `  - name: ${name}`,
      `    description: Deploys ${name} for team ${i % 7}`,
      '    identities:',
      `      - github: { repository: acme/${name}, ownerId: "65", repositoryId: "${1000 + i}", environment: production }`,
      '    grants:',
      `      ${i % 2 === 0 ? 'aws-prod' : 'aws-shared'}:`,
      `        - { resource: "arn:aws:s3:::acme-${name}", access: read }`,
    );
  });
  return `${lines.join('\n')}\n`;
}

let dir: string;
let context: BrowserContext;
let page: string;
beforeAll(async () => {
  expect(existsSync(CHROMIUM)).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'wiam-report-'));
  writeFileSync(join(dir, 'workloads.yaml'), declaration());
  const result = await runCli('report', join(dir, 'workloads.yaml'), '--format', 'html');
  expect(result.code).toBe(0);
  page = join(dir, 'report.html');
  writeFileSync(page, result.out);
  // A fresh, empty profile per run, so nothing cached or synced can answer for the page.
  context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);
afterAll(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('renders offline: a screenshot, every workload node in the diagrams, search finds one among 500', async () => {
  const tab = await context.newPage();
  const url = pathToFileURL(page).href;
  const requests: string[] = [];
  tab.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await tab.goto(url, { waitUntil: 'load' });

  const screenshot = join(dir, 'report.png');
  await tab.screenshot({ path: screenshot, fullPage: false });
  expect(readFileSync(screenshot).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  // Graphviz writes each node's label as its text: one workload node per workload, each named once.
  const workloadNodes = await tab.$$eval('svg g.node.workload text', (texts) => texts.map((text) => text.textContent ?? ''));
  expect([...workloadNodes].sort()).toEqual(names);

  await tab.fill('#search', 'svc-377');
  const visible = await tab.$$eval('details.workload', (cards) => cards.filter((card) => !(card as HTMLElement).hidden).map((card) => card.id));
  expect(visible).toEqual(['workload-svc-377']);
  expect(await tab.textContent('#count')).toBe(`1 of ${COUNT} workloads`);
  const groups = await tab.$$eval('section.group', (sections) => sections.filter((s) => !(s as HTMLElement).hidden).map((s) => s.getAttribute('data-group')));
  expect(groups).toEqual(['aws-shared']);

  // A resource prefix: acme-svc-120 … acme-svc-129.
  await tab.fill('#search', 'acme-svc-12');
  expect(await tab.textContent('#count')).toBe(`10 of ${COUNT} workloads`);
  expect(requests).toEqual([]);
}, 120_000);
