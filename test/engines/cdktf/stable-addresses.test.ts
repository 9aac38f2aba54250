import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DeclarationInput } from '../../../lib/declaration/builder';
import { toModel } from '../../../lib/declaration/parse';
import { ENGINES } from '../../../lib/engines/registry';
import { compile } from '../../../lib/plan/compile';

// Resource addresses derive from names, never from order: adding a workload creates its own resources and changes
// no other resource, except the shared ones whose member lists it joins (an OIDC provider's client ids, a GCP
// provider's allow-list condition), as PLAN.md invariant 4 allows.

const example = parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'workloads.yaml'), 'utf8')) as DeclarationInput;
const added: DeclarationInput['workloads'][number] = {
  name: 'site-publisher',
  identities: [{ github: { repository: 'acme/site', ownerId: '65', repositoryId: '81', environment: 'production' } }],
  grants: {
    'aws-prod': [{ resource: 'arn:aws:s3:::acme-site', access: 'write' }],
    'gcp-prod': [{ resource: '//storage.googleapis.com/projects/_/buckets/acme-site', access: 'write' }],
    'azure-prod': [{ resource: '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmesite/blobServices/default/containers/site', access: 'read' }],
  },
};

type Resources = Record<string, Record<string, unknown>>;

/** Every resource of every stack by `<stack> <type>.<name>`, without cdktf's `//` metadata. */
async function resourcesOf(declaration: DeclarationInput): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await ENGINES.cdktf.render(compile(toModel(declaration)), {}, { writeFile: (path, contents) => files.set(path, contents) });
  const resources = new Map<string, string>();
  for (const [path, contents] of files) {
    const { resource } = JSON.parse(contents) as { resource: Record<string, Resources> };
    for (const [type, byName] of Object.entries(resource)) {
      for (const [name, body] of Object.entries(byName)) {
        const { '//': _comment, ...rest } = body as Record<string, unknown>;
        resources.set(`${path} ${type}.${name}`, JSON.stringify(rest));
      }
    }
  }
  return resources;
}

test('adding a workload moves and changes no other workload’s resource', async () => {
  const before = await resourcesOf(example);
  const after = await resourcesOf({ ...example, workloads: [added, ...example.workloads] });
  const shared = /aws_iam_openid_connect_provider|google_iam_workload_identity_pool_provider/;
  const changed = [...before].filter(([address, body]) => after.get(address) !== body).map(([address]) => address);
  // Every resource is still at its address; only shared providers may list the new member.
  expect(changed.filter((address) => !shared.test(address))).toEqual([]);
  expect([...before.keys()].filter((address) => !after.has(address))).toEqual([]);
  const created = [...after.keys()].filter((address) => !before.has(address));
  expect(created.length).toBeGreaterThan(0);
  for (const address of created) expect(address).toMatch(/site-publisher/);
});
