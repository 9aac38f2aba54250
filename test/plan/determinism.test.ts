import {
  ACCOUNT_KEY,
  AZURE_TENANT_ID,
  compileWorkloads,
  EXAMPLE_TEXT,
  exampleDeclaration,
  nodesOf,
  workload,
  type Cloud,
  type IdentityInput,
  type WorkloadInput,
} from './fixtures';
import { compile, parseDeclarationText, toModel, type Plan } from '../../lib/index';

// Same declaration ⇒ same Plan; ids derive from names, never from order; one workload's edit touches only its own
// elements (design/PLAN.md invariants 1 and 4, SPEC §6).

describe('compiling twice', () => {
  test('the same declaration text gives deep-equal, JSON-identical plans', () => {
    const first = compile(parseDeclarationText(EXAMPLE_TEXT));
    const second = compile(parseDeclarationText(EXAMPLE_TEXT));
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  test('one model compiled twice gives JSON-identical plans', () => {
    const model = toModel(exampleDeclaration());
    expect(JSON.stringify(compile(model))).toBe(JSON.stringify(compile(model)));
  });

  test('compiling leaves the model it was given unchanged and unfrozen', () => {
    const model = toModel(exampleDeclaration());
    const before = JSON.stringify(model);
    compile(model);
    expect(JSON.stringify(model)).toBe(before);
    for (const node of nodesOf(model)) expect(Object.isFrozen(node)).toBe(false);
  });

  test('the plan is plain JSON data: a JSON round trip changes nothing', () => {
    const plan = compile(parseDeclarationText(EXAMPLE_TEXT));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});

describe('the plan is deep-frozen', () => {
  const plan = compile(parseDeclarationText(EXAMPLE_TEXT));

  test('every object and array in it is frozen', () => {
    const nodes = [...nodesOf(plan)];
    expect(nodes.length).toBeGreaterThan(100);
    for (const node of nodes) expect(Object.isFrozen(node)).toBe(true);
  });

  test('mutating a trust document throws', () => {
    const statement = plan.aws['aws-prod'].roles[0].trustPolicy.Statement[0];
    expect(() => {
      (statement as { Action: string }).Action = 'sts:*';
    }).toThrow(TypeError);
    expect(() => {
      (plan.gcp['gcp-prod'].bindings as unknown[]).push({});
    }).toThrow(TypeError);
    expect(statement.Action).not.toBe('sts:*');
  });
});

describe('identity order does not matter', () => {
  const everywhere: IdentityInput[] = [
    { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
    { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'staging' } },
    { github: { repository: 'acme/api', ownerId: '65', repositoryId: '1296269', ref: 'refs/heads/main' } },
    { gitlab: { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch' } },
    { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'jobs', serviceAccount: 'nightly' } },
    { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'jobs', serviceAccount: 'weekly' } },
    { terraformCloud: { organization: 'acme', organizationId: 'org-AbCdEf123456', project: 'platform', workspace: 'dns', runPhase: 'apply' } },
    { spiffe: { id: 'spiffe://mesh.acme.internal/ns/edge/sa/gateway', jwtIssuer: 'https://oidc.mesh.acme.internal', audience: 'workload-iam' } },
    { oidc: { issuer: 'https://login.partner.example', audience: 'acme', subject: 'job:sync' } },
    { gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } },
    { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
  ];
  const awsOnly: IdentityInput[] = [
    { awsRole: { arn: 'arn:aws:iam::444455556666:role/cost-reporter' } },
    { kubernetes: { namespace: 'billing', serviceAccount: 'billing-worker', eks: { region: 'eu-west-1', cluster: 'prod-main', podIdentity: true } } },
    {
      spiffe: {
        id: 'spiffe://mesh.acme.internal/ns/edge/sa/proxy',
        x509: { awsTrustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
      },
    },
    { github: { repository: 'acme/web', environment: 'production' } },
  ];

  function compileBoth(reverse: boolean): Plan {
    const order = (identities: IdentityInput[]) => (reverse ? [...identities].reverse() : identities);
    // Eleven identities in one role need the raised trust policy limit.
    return compileWorkloads(
      [workload('everywhere', order(everywhere), ['aws', 'gcp', 'azure']), workload('aws-only', order(awsOnly), ['aws'])],
      { aws: { trustPolicyMaxChars: 4096 } },
    );
  }
  const forward = compileBoth(false);
  const reversed = compileBoth(true);

  test('AWS trust policies are identical', () => {
    const trust = (plan: Plan) => plan.aws[ACCOUNT_KEY.aws].roles.map((role) => [role.key, JSON.stringify(role.trustPolicy)]);
    expect(trust(forward)).toHaveLength(2);
    expect(trust(reversed)).toEqual(trust(forward));
  });

  test('AWS providers, Pod Identity associations and Roles Anywhere profiles are identical', () => {
    const shared = (plan: Plan) => {
      const { oidcProviders, podIdentityAssociations, rolesAnywhereProfiles } = plan.aws[ACCOUNT_KEY.aws];
      return JSON.stringify([oidcProviders, podIdentityAssociations.map(({ origin: _origin, ...rest }) => rest), rolesAnywhereProfiles]);
    };
    expect(shared(reversed)).toBe(shared(forward));
  });

  test('GCP providers and the set of bound members are identical', () => {
    const gcp = (plan: Plan) => {
      const account = plan.gcp[ACCOUNT_KEY.gcp];
      return JSON.stringify([account.providers, account.bindings.map(({ origin: _origin, ...rest }) => rest)]);
    };
    expect(gcp(reversed)).toBe(gcp(forward));
  });

  test('Azure credentials (names included) and role assignments are identical', () => {
    const azure = (plan: Plan) => {
      const account = plan.azure[ACCOUNT_KEY.azure];
      return JSON.stringify([
        account.identities,
        account.federatedCredentials.map(({ origin: _origin, ...rest }) => rest),
        account.roleAssignments.map(({ origin: _origin, ...rest }) => rest),
      ]);
    };
    expect(azure(reversed)).toBe(azure(forward));
  });
});

describe('adding a workload changes no other workload', () => {
  /** Each existing workload's own elements, as JSON, keyed by workload name. */
  function elementsByWorkload(plan: Plan, names: readonly string[]): Record<string, string> {
    return Object.fromEntries(
      names.map((name) => {
        const aws = Object.entries(plan.aws).map(([key, account]) => [
          key,
          account.roles.filter((r) => r.workload === name),
          account.podIdentityAssociations.filter((a) => a.origin.workload === name),
        ]);
        const gcp = Object.entries(plan.gcp).map(([key, account]) => [key, account.bindings.filter((b) => b.workload === name)]);
        const azure = Object.entries(plan.azure).map(([key, account]) => [
          key,
          account.identities.filter((i) => i.workload === name),
          account.federatedCredentials.filter((c) => c.origin.workload === name),
          account.roleAssignments.filter((a) => a.workload === name),
          account.unenforcedClaims.filter((c) => c.workload === name),
        ]);
        return [name, JSON.stringify({ aws, gcp, azure })];
      }),
    );
  }

  const added: Readonly<Record<Cloud | 'all', WorkloadInput>> = {
    aws: workload('added-aws', [{ github: { repository: 'acme/new-service', ownerId: '65', repositoryId: '4000', environment: 'production' } }], ['aws']),
    gcp: workload('added-gcp', [{ github: { repository: 'acme/new-service', ownerId: '65', repositoryId: '4000', ref: 'refs/heads/main' } }], ['gcp']),
    azure: workload(
      'added-azure',
      [
        {
          kubernetes: {
            issuer: `https://westeurope.oic.prod-aks.azure.com/${AZURE_TENANT_ID}/3f2e1d0c-b9a8-4765-8432-10fedcba9876/`,
            namespace: 'payments',
            serviceAccount: 'refunds',
            aks: true,
          },
        },
      ],
      ['azure'],
    ),
    all: workload(
      'added-everywhere',
      [
        { github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } },
        { azureManagedIdentity: { tenantId: AZURE_TENANT_ID, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
      ],
      ['aws', 'gcp', 'azure'],
    ),
  };

  const base = exampleDeclaration();
  const existing = base.workloads.map((w) => w.name);
  const before = elementsByWorkload(compile(toModel(base)), existing);

  test('the example has elements for every workload to compare', () => {
    expect(existing.length).toBeGreaterThan(10);
    for (const name of existing) expect(before[name]).toMatch(/"workload":/);
  });

  test.each(Object.entries(added))('adding a workload granted on %s (first in the list) leaves the others unchanged', (_cloud, extra) => {
    const plan = compile(toModel({ ...base, workloads: [extra, ...base.workloads] }));
    expect(elementsByWorkload(plan, [extra.name])[extra.name]).toMatch(/"workload":/);
    expect(elementsByWorkload(plan, existing)).toEqual(before);
  });

  test('removing a workload leaves the others unchanged', () => {
    const remaining = base.workloads.filter((w) => w.name !== 'web-deploy');
    const plan = compile(toModel({ ...base, workloads: remaining }));
    const names = remaining.map((w) => w.name);
    expect(elementsByWorkload(plan, names)).toEqual(Object.fromEntries(names.map((name) => [name, before[name]])));
  });
});
