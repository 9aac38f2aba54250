import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { run } from '../../lib/cli/main';
import { loadDeclarationFile, parseDeclarationText } from '../../lib/declaration/load';
import { canonicalJson } from '../../lib/manifest/canonical-json';
import { buildManifest, type Manifest } from '../../lib/manifest/manifest';
import { whatCanReach, whoCanReach, type Reach } from '../../lib/manifest/queries';
import type { Model } from '../../lib/model/workload';
import { compile } from '../../lib/plan/compile';

/** The manifest (SPEC §7): canonical, deterministic, stable per workload, and enough to answer reachability. */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'workloads.yaml');
const EXAMPLE_TEXT = readFileSync(EXAMPLE, 'utf8');
const AZURE_SUBSCRIPTION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const AZURE_CONTAINER = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`;
const ORDERS_TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const ORDERS_SERVICE_IDENTITY = 'kubernetes:orders/orders-api@https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function manifestOf(model: Model): Manifest {
  return buildManifest(model, compile(model));
}

const exampleManifest = manifestOf(loadDeclarationFile(EXAMPLE));

/** Inserts workloads (YAML list items) at the head of the example's `workloads:` list. */
function exampleWithWorkloadsFirst(items: string): string {
  const marker = '\nworkloads:\n';
  expect(EXAMPLE_TEXT).toContain(marker);
  return EXAMPLE_TEXT.replace(marker, `${marker}${items}`);
}

/** Paths of every object whose keys are not in code-point order. */
function unsortedObjects(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unsortedObjects(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  const sorted = [...keys].sort();
  const here = keys.every((key, i) => key === sorted[i]) ? [] : [path];
  return [...here, ...keys.flatMap((key) => unsortedObjects((value as Record<string, unknown>)[key], `${path}.${key}`))];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-manifest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function synth(file: string, out: string): Promise<Buffer> {
  const io = { out: () => undefined, err: (text: string) => process.stderr.write(text) };
  expect(await run(['synth', file, '--out', out], io)).toBe(0);
  return readFileSync(join(out, 'manifest.json'));
}

describe('canonical JSON', () => {
  test('sorts keys at every depth, keeps array order, indents by two and ends with a newline', () => {
    const value = { b: [{ z: 1, a: { d: null, c: 'x' } }, 2], a: true, skipped: undefined };
    expect(canonicalJson(value)).toBe(
      '{\n  "a": true,\n  "b": [\n    {\n      "a": {\n        "c": "x",\n        "d": null\n      },\n      "z": 1\n    },\n    2\n  ]\n}\n',
    );
  });

  // Written independently of canonicalJson: sort every object's own keys, drop undefined, then stringify.
  const sortedDeep = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortedDeep);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => [key, sortedDeep(record[key])]),
    );
  };

  test('any JSON value, in any key order, is written as its keys sorted at every depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(`${JSON.stringify(sortedDeep(value), null, 2)}\n`);
      }),
      { numRuns: 2000 },
    );
  });

  test('objects without a prototype, of a class, and with a __proto__ key are written by their own keys', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
    class Point {
      constructor(
        readonly y: number,
        readonly x: number,
      ) {}
    }
    const withProto = JSON.parse('{"z":1,"__proto__":{"b":2,"a":1}}') as unknown;
    expect(canonicalJson({ bare, point: new Point(2, 1), withProto })).toBe(
      `${JSON.stringify({ bare: { a: 2, b: 1 }, point: { x: 1, y: 2 }, withProto: sortedDeep(withProto) }, null, 2)}\n`,
    );
    expect(canonicalJson(withProto)).toBe('{\n  "__proto__": {\n    "a": 1,\n    "b": 2\n  },\n  "z": 1\n}\n');
  });

  test('the manifest of the example is canonical: sorted keys at every depth, a fixed point of canonicalJson', () => {
    const text = canonicalJson(exampleManifest);
    const parsed: unknown = JSON.parse(text);
    expect(unsortedObjects(parsed)).toEqual([]);
    expect(canonicalJson(parsed)).toBe(text);
    // Sanity: the check above does look inside workloads.
    expect(unsortedObjects({ workloads: { w: { b: 1, a: 2 } } })).toEqual(['$.workloads.w']);
  });

  test('the manifest lists every account and every workload of the example', () => {
    expect(Object.keys(exampleManifest.accounts).sort()).toEqual(['aws-prod', 'aws-shared', 'azure-prod', 'gcp-prod']);
    expect(Object.keys(exampleManifest.workloads).sort()).toEqual([
      'analytics-gke',
      'api-release',
      'audit-collector',
      'billing-worker',
      'cost-reporter',
      'data-pipeline',
      'docs-preview',
      'edge-proxy',
      'infra-apply',
      'ledger-service',
      'mesh-gateway',
      'orders-service',
      'partner-sync',
      'payments-aks',
      'web-deploy',
    ]);
  });
});

describe('determinism', () => {
  test('`synth` twice writes byte-identical manifest.json files', async () => {
    const first = await synth(EXAMPLE, join(dir, 'first'));
    const second = await synth(EXAMPLE, join(dir, 'second'));
    expect(first.equals(second)).toBe(true);
    expect(first.toString('utf8')).toBe(canonicalJson(exampleManifest));
  });

  test('adding workloads leaves every other workload\'s entry byte-identical', () => {
    // Inserted first, sharing the GitHub and EKS issuers and the very resources of existing workloads, so that
    // anything positional or shared leaking into a workload's entry shows up.
    const extended = parseDeclarationText(
      exampleWithWorkloadsFirst(`  - name: a-web-staging
    identities:
      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: staging }
      - kubernetes:
          issuer: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE
          namespace: web
          serviceAccount: web-staging
          eks: { region: eu-west-1, cluster: prod-main }
    grants:
      aws-prod:
        - { resource: "arn:aws:s3:::acme-web-assets", access: read }
        - { resource: "${ORDERS_TABLE}", access: read }
      gcp-prod:
        - { resource: "//storage.googleapis.com/projects/_/buckets/acme-web", access: read }
      azure-prod:
        - { resource: ${AZURE_CONTAINER}, access: read }
  - name: billing-reports
    identities:
      - gitlab: { project: acme/data/pipeline, projectId: "4242", namespaceId: "77", ref: reports, refType: branch }
    grants:
      gcp-prod:
        - { resource: "//bigquery.googleapis.com/projects/acme-prod/datasets/warehouse", access: read }
`),
    );
    const after = manifestOf(extended);
    expect(Object.keys(after.workloads)).toHaveLength(Object.keys(exampleManifest.workloads).length + 2);
    for (const name of Object.keys(exampleManifest.workloads)) {
      expect({ name, entry: JSON.stringify(after.workloads[name]) }).toEqual({ name, entry: JSON.stringify(exampleManifest.workloads[name]) });
    }
    expect(after.workloads['a-web-staging'].identities.map((i) => i.label)).toEqual([
      'github:acme/web:environment:staging',
      'kubernetes:web/web-staging@https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
    ]);
  });
});

describe('justifications and acknowledgements', () => {
  const manifest = manifestOf(
    parseDeclarationText(
      exampleWithWorkloadsFirst(`  - name: web-audit
    identities:
      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: audit }
    grants:
      aws-prod:
        - resource: "arn:aws:s3:::acme-web-assets"
          actions: ["s3:GetBucketPolicy"]
          justification: the audit job reads the bucket policy, which no access level grants
      gcp-prod:
        - resource: "//storage.googleapis.com/projects/_/buckets/acme-web"
          role: roles/storage.legacyBucketReader
          justification: bucket metadata only, reviewed by the security team
      azure-prod:
        - resource: ${AZURE_CONTAINER}
          roleDefinitionId: 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1
          justification: pinned to the role definition id the security team reviewed
    acknowledge:
      - { rule: WIAM-GH-002, reason: "the audit environment requires a reviewer for every run" }
`),
    ),
  );
  const entry = manifest.workloads['web-audit'];

  test('each escape hatch carries its justification into the manifest', () => {
    expect(entry.grants).toEqual([
      {
        index: 0,
        account: 'aws-prod',
        resource: 'arn:aws:s3:::acme-web-assets',
        resourceType: 's3-bucket',
        actions: ['s3:GetBucketPolicy'],
        justification: 'the audit job reads the bucket policy, which no access level grants',
      },
      {
        index: 0,
        account: 'azure-prod',
        resource: AZURE_CONTAINER,
        resourceType: 'storage-container',
        roleDefinitionId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        justification: 'pinned to the role definition id the security team reviewed',
      },
      {
        index: 0,
        account: 'gcp-prod',
        resource: '//storage.googleapis.com/projects/_/buckets/acme-web',
        resourceType: 'gcs-bucket',
        role: 'roles/storage.legacyBucketReader',
        justification: 'bucket metadata only, reviewed by the security team',
      },
    ]);
  });

  test('the justified permissions are the ones granted', () => {
    expect(entry.access['aws-prod'].permissions).toEqual([{ grant: 0, resources: ['arn:aws:s3:::acme-web-assets'], actions: ['s3:GetBucketPolicy'] }]);
    expect(entry.access['gcp-prod'].permissions).toEqual([
      { grant: 0, resources: ['//storage.googleapis.com/projects/_/buckets/acme-web'], role: 'roles/storage.legacyBucketReader' },
    ]);
  });

  test('acknowledgements are listed with their reasons', () => {
    expect(entry.acknowledgements).toEqual([{ rule: 'WIAM-GH-002', reason: 'the audit environment requires a reviewer for every run' }]);
    expect(exampleManifest.workloads['web-deploy'].acknowledgements).toEqual([]);
  });

  test('both survive into manifest.json', () => {
    const parsed = JSON.parse(canonicalJson(manifest)) as Manifest;
    expect(parsed.workloads['web-audit'].grants.map((g) => g.justification)).toEqual([
      'the audit job reads the bucket policy, which no access level grants',
      'pinned to the role definition id the security team reviewed',
      'bucket metadata only, reviewed by the security team',
    ]);
    expect(parsed.workloads['web-audit'].acknowledgements).toEqual(entry.acknowledgements);
  });
});

describe('who can reach a resource', () => {
  /** Workload → actions, one entry per (workload, resource) pair. */
  const summary = (reaches: readonly Reach[]) => reaches.map((r) => `${r.workload} ${r.account} ${r.resource}: ${r.access.join(' ')}`);

  test('the orders table: exactly data-pipeline (read only) and orders-service (read and write)', () => {
    expect(whoCanReach(exampleManifest, ORDERS_TABLE)).toEqual([
      {
        workload: 'data-pipeline',
        account: 'aws-prod',
        cloud: 'aws',
        principal: 'arn:aws:iam::111122223333:role/workload-iam/wiam-data-pipeline',
        identities: ['gitlab:acme/data/pipeline:branch:main'],
        resource: ORDERS_TABLE,
        access: ['dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      },
      {
        workload: 'data-pipeline',
        account: 'aws-prod',
        cloud: 'aws',
        principal: 'arn:aws:iam::111122223333:role/workload-iam/wiam-data-pipeline',
        identities: ['gitlab:acme/data/pipeline:branch:main'],
        resource: `${ORDERS_TABLE}/index/*`,
        access: ['dynamodb:Query', 'dynamodb:Scan'],
      },
      {
        workload: 'orders-service',
        account: 'aws-prod',
        cloud: 'aws',
        principal: 'arn:aws:iam::111122223333:role/workload-iam/wiam-orders-service',
        identities: [ORDERS_SERVICE_IDENTITY],
        resource: ORDERS_TABLE,
        access: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:UpdateItem',
        ],
      },
      {
        workload: 'orders-service',
        account: 'aws-prod',
        cloud: 'aws',
        principal: 'arn:aws:iam::111122223333:role/workload-iam/wiam-orders-service',
        identities: [ORDERS_SERVICE_IDENTITY],
        resource: `${ORDERS_TABLE}/index/*`,
        access: ['dynamodb:Query', 'dynamodb:Scan'],
      },
    ]);
  });

  test('an object in a bucket is reached through the bucket-contents permission', () => {
    expect(summary(whoCanReach(exampleManifest, 'arn:aws:s3:::acme-web-assets/index.html'))).toEqual([
      'web-deploy aws-prod arn:aws:s3:::acme-web-assets: s3:ListBucket',
      'web-deploy aws-prod arn:aws:s3:::acme-web-assets/*: s3:AbortMultipartUpload s3:DeleteObject s3:GetObject s3:PutObject',
    ]);
  });

  test('asking about a parent scope finds what is granted inside it', () => {
    const storageAccount = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb`;
    expect(summary(whoCanReach(exampleManifest, storageAccount))).toEqual([`web-deploy azure-prod ${AZURE_CONTAINER}: Storage Blob Data Reader`]);
  });

  test('a GCP resource with both identities of a cross-cloud workload', () => {
    expect(whoCanReach(exampleManifest, '//bigquery.googleapis.com/projects/acme-prod/datasets/billing_export')).toEqual([
      {
        workload: 'cost-reporter',
        account: 'gcp-prod',
        cloud: 'gcp',
        identities: [
          'awsRole:arn:aws:iam::444455556666:role/reporting/cost-reporter',
          'azureManagedIdentity:7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
        ],
        principal: 'projects/123456789012/locations/global/workloadIdentityPools/workload-iam',
        resource: '//bigquery.googleapis.com/projects/acme-prod/datasets/billing_export',
        access: ['roles/bigquery.dataViewer'],
      },
    ]);
  });

  test('nobody reaches a resource no grant names, nor a bucket whose name merely starts the same', () => {
    expect(whoCanReach(exampleManifest, 'arn:aws:dynamodb:eu-west-1:111122223333:table/customers')).toEqual([]);
    expect(whoCanReach(exampleManifest, 'arn:aws:s3:::acme-web-assets-backup')).toEqual([]);
    expect(whoCanReach(exampleManifest, 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders-archive')).toEqual([]);
  });
});

describe('what an identity can reach', () => {
  const resources = (reaches: readonly Reach[]) => reaches.map((r) => `${r.cloud} ${r.account} ${r.resource}`);

  test('github:acme/web reaches the S3 bucket, the GCS bucket and the Azure container', () => {
    const reaches = whatCanReach(exampleManifest, 'github:acme/web');
    expect(resources(reaches)).toEqual([
      'aws aws-prod arn:aws:s3:::acme-web-assets',
      'aws aws-prod arn:aws:s3:::acme-web-assets/*',
      `azure azure-prod ${AZURE_CONTAINER}`,
      'gcp gcp-prod //storage.googleapis.com/projects/_/buckets/acme-web',
    ]);
    expect(new Set(reaches.map((r) => r.workload))).toEqual(new Set(['web-deploy']));
    expect(reaches.find((r) => r.cloud === 'gcp')?.access).toEqual(['roles/storage.objectViewer']);
    expect(reaches.find((r) => r.cloud === 'azure')?.access).toEqual(['Storage Blob Data Reader']);
  });

  test('the full label and the workload name give the same answer', () => {
    const byLabel = whatCanReach(exampleManifest, 'github:acme/web:environment:production');
    expect(byLabel).toEqual(whatCanReach(exampleManifest, 'github:acme/web'));
    expect(whatCanReach(exampleManifest, 'web-deploy')).toEqual(byLabel);
  });

  test('a label prefix matches at field boundaries only', () => {
    expect([...new Set(whatCanReach(exampleManifest, 'github:acme').map((r) => r.workload))]).toEqual(['api-release', 'docs-preview', 'web-deploy']);
    expect(whatCanReach(exampleManifest, 'github:acme/we')).toEqual([]);
    expect(whatCanReach(exampleManifest, 'github:acme/web:environment:prod')).toEqual([]);
  });

  test('a Kubernetes service account reaches exactly its grants, in declaration order', () => {
    expect(resources(whatCanReach(exampleManifest, 'kubernetes:billing/billing-worker'))).toEqual([
      'aws aws-prod arn:aws:sns:eu-west-1:111122223333:invoices',
      'aws aws-prod arn:aws:ssm:eu-west-1:111122223333:parameter/billing/config',
      'aws aws-prod arn:aws:lambda:eu-west-1:111122223333:function:render-invoice',
    ]);
  });

  test('the answers need nothing but manifest.json', () => {
    const fromFile = JSON.parse(canonicalJson(exampleManifest)) as Manifest;
    expect(whoCanReach(fromFile, ORDERS_TABLE)).toEqual(whoCanReach(exampleManifest, ORDERS_TABLE));
    expect(whatCanReach(fromFile, 'github:acme/web')).toEqual(whatCanReach(exampleManifest, 'github:acme/web'));
  });
});
