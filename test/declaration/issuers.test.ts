import { toModel } from '../../lib/declaration/parse';
import type { OidcIdentity } from '../../lib/model/identity';
import {
  awsAccountOf,
  awsRoleOf,
  azureAccountOf,
  compileIdentities,
  declaration,
  declarationErrorOf,
  gcpAccountOf,
  workload,
  type IdentityInput,
} from '../plan/fixtures';

// Issuers are written into trust in the exact form they emit (reference/CLAIMS.md): STS, GCP and Entra compare `iss`
// exactly. A spelling of a known issuer must neither make it "another" issuer (dropping the pins that issuer needs)
// nor be written as spelled (a trust no token matches).

const GITHUB = 'https://token.actions.githubusercontent.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const github = (issuer?: string): IdentityInput => ({
  github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production', ...(issuer ? { issuer } : {}) },
});

describe('a spelling of GitHub’s issuer keeps GitHub’s pins', () => {
  const canonical = compileIdentities('aws', [github()]);

  test.each(['https://Token.Actions.GitHubUserContent.com/', 'https://token.actions.githubusercontent.com:443', 'https://token.actions.githubusercontent.com/./'])(
    '%s compiles to the same role as the canonical issuer',
    (spelling) => {
      const plan = compileIdentities('aws', [github(spelling)]);
      expect(awsRoleOf(plan).trustPolicy).toEqual(awsRoleOf(canonical).trustPolicy);
      expect(awsAccountOf(plan).oidcProviders.map((p) => p.url)).toEqual([GITHUB]);
      expect(awsRoleOf(plan).unenforcedClaims).toEqual([]);
    },
  );

  test('the canonical trust pins the immutable ids STS accepts for GitHub', () => {
    const equals = awsRoleOf(canonical).trustPolicy.Statement[0].Condition!.StringEquals;
    expect(equals).toMatchObject({
      'token.actions.githubusercontent.com:repository_id': '74',
      'token.actions.githubusercontent.com:repository_owner_id': '65',
    });
  });

  test('the same spelling on GCP keeps the tenant condition on the owner id', () => {
    const provider = gcpAccountOf(compileIdentities('gcp', [github('https://TOKEN.actions.githubusercontent.com/')])).providers[0];
    expect(provider.issuer).toBe(GITHUB);
    expect(provider.attributeCondition).toBe("assertion.repository_owner_id == '65'");
  });

  test('an enterprise issuer spelled with a capital slug and a slash is the slug GitHub emits', () => {
    const plan = compileIdentities('aws', [github('https://token.actions.githubusercontent.com/Acme-Ent/')]);
    expect(awsAccountOf(plan).oidcProviders.map((p) => p.url)).toEqual([`${GITHUB}/acme-ent`]);
  });
});

describe('GitLab, HCP Terraform and cluster issuers in the form they emit', () => {
  test('gitlab.com spelled GitLab.com/ keeps project_id, namespace_id and ref_protected on AWS', () => {
    const plan = compileIdentities('aws', [
      { gitlab: { project: 'acme/app', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch', host: 'https://GitLab.com/' } },
    ]);
    expect(awsRoleOf(plan).trustPolicy.Statement[0].Condition!.StringEquals).toMatchObject({
      'gitlab.com:namespace_id': '77',
      'gitlab.com:project_id': '4242',
      'gitlab.com:ref_protected': 'true',
    });
  });

  test('app.terraform.io:443/ is HCP Terraform, whose GCP provider pins the organization id', () => {
    const plan = compileIdentities('gcp', [
      {
        terraformCloud: {
          organization: 'acme',
          organizationId: 'org-AbC123',
          project: 'core',
          workspace: 'dns',
          runPhase: 'apply',
          host: 'https://app.terraform.io:443/',
        },
      },
    ]);
    const provider = gcpAccountOf(plan).providers[0];
    expect(provider.issuer).toBe('https://app.terraform.io');
    expect(provider.attributeCondition).toBe("assertion.terraform_organization_id == 'org-AbC123'");
  });

  test('a self-managed instance is written without its trailing slash', () => {
    const plan = compileIdentities('azure', [
      { gitlab: { project: 'acme/app', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch', host: 'https://GitLab.Acme.Example/' } },
    ]);
    expect(azureAccountOf(plan).federatedCredentials[0].issuer).toBe('https://gitlab.acme.example');
  });

  test('an AKS issuer written without its final slash gets it back (AKS issuers end in /)', () => {
    const issuer = `https://westeurope.oic.prod-aks.azure.com/${TENANT}/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
    const plan = compileIdentities('azure', [{ kubernetes: { issuer, namespace: 'jobs', serviceAccount: 'nightly', aks: true } }]);
    expect(azureAccountOf(plan).federatedCredentials[0].issuer).toBe(`${issuer}/`);
  });

  test('an EKS issuer with a lowercase id and a slash is the uppercase id EKS emits', () => {
    const plan = compileIdentities('aws', [
      {
        kubernetes: {
          issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/5c3f9a0d1b2e4f6a8b7c9d0e1f2a3b4c/',
          namespace: 'jobs',
          serviceAccount: 'nightly',
          eks: { region: 'eu-west-1', cluster: 'main' },
        },
      },
    ]);
    expect(awsAccountOf(plan).oidcProviders.map((p) => p.key)).toEqual(['oidc.eks.eu-west-1.amazonaws.com/id/5C3F9A0D1B2E4F6A8B7C9D0E1F2A3B4C']);
  });

  test('an Entra issuer declared through oidc without its final slash is the v1 issuer Entra emits', () => {
    const plan = compileIdentities('aws', [{ oidc: { issuer: `https://sts.windows.net/${TENANT.toUpperCase()}`, audience: 'api://acme', subject: TENANT } }]);
    expect(awsAccountOf(plan).oidcProviders.map((p) => p.url)).toEqual([`https://sts.windows.net/${TENANT}/`]);
  });

  test('a managed identity’s GUIDs are the lowercase ones Entra puts in its tokens', () => {
    const objectId = '1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D';
    const plan = compileIdentities('aws', [{ azureManagedIdentity: { tenantId: TENANT.toUpperCase(), objectId } }]);
    expect(awsAccountOf(plan).oidcProviders.map((p) => p.url)).toEqual([`https://sts.windows.net/${TENANT}/`]);
    expect(awsRoleOf(plan).trustPolicy.Statement[0].Condition!.StringEquals).toMatchObject({ [`sts.windows.net/${TENANT}/:sub`]: objectId.toLowerCase() });
  });
});

describe('an issuer belongs to one kind of identity', () => {
  test.each([
    ['kubernetes', { kubernetes: { issuer: `${GITHUB}/`, namespace: 'ns', serviceAccount: 'sa' } }, 'kubernetes.issuer', 'declare its identities as github'],
    ['spiffe', { spiffe: { id: 'spiffe://example.org/web', jwtIssuer: 'https://gitlab.com', audience: 'a' } }, 'spiffe.jwtIssuer', 'declare its identities as gitlab'],
    ['gitlab', { gitlab: { project: 'a/b', projectId: '1', namespaceId: '2', ref: 'main', refType: 'branch', host: 'https://app.terraform.io' } }, 'gitlab.host', 'as terraformCloud'],
    ['terraformCloud', { terraformCloud: { organization: 'a', organizationId: 'org-a', project: 'p', workspace: 'w', runPhase: 'apply', host: GITHUB } }, 'terraformCloud.host', 'as github'],
    ['github', { github: { repository: 'a/b', environment: 'e', issuer: 'https://gitlab.com/' } }, 'github.issuer', 'as gitlab'],
  ] as const)('a %s identity on a known CI issuer is refused', (_kind, identity, field, fix) => {
    const error = declarationErrorOf(() => compileIdentities('aws', [identity as IdentityInput]));
    expect(error.message).toContain(`identities[0].${field}: `);
    expect(error.message).toContain(fix);
  });

  test('the neighbours: each kind on an issuer of its own is accepted', () => {
    expect(() =>
      compileIdentities('aws', [
        { kubernetes: { issuer: 'https://k8s.acme.example', namespace: 'ns', serviceAccount: 'sa' } },
        { spiffe: { id: 'spiffe://example.org/web', jwtIssuer: 'https://spire.acme.example', audience: 'a' } },
        { github: { repository: 'a/b', environment: 'e', issuer: 'https://ghes.acme.example/_services/token' } },
      ]),
    ).not.toThrow();
  });

  const ghes = 'https://ghes.acme.example/_services/token';
  const declared = [
    workload('ghes-deploy', [{ github: { repository: 'acme/web', environment: 'production', issuer: ghes } }], ['aws']),
    workload('ghes-oidc', [{ oidc: { issuer: 'https://GHES.acme.example:443/_services/token/', audience: 'sts.amazonaws.com', subject: 'repo:acme/web:pull_request' } }], ['aws']),
  ];

  test.each([
    ['github first', declared],
    ['oidc first', [...declared].reverse()],
  ])('an oidc identity of an issuer a github identity declares is GitHub trust, in its written form (%s)', (_order, workloads) => {
    const identity = toModel(declaration(workloads)).workloads.find((w) => w.name === 'ghes-oidc')!.identities[0] as OidcIdentity;
    expect(identity).toMatchObject({ issuer: ghes, issuerKind: 'github' });
  });

  test('a kubernetes and a github identity on one issuer are refused, each naming the other', () => {
    const error = declarationErrorOf(() =>
      toModel(
        declaration([
          workload('ghes-deploy', [{ github: { repository: 'acme/web', environment: 'production', issuer: ghes } }], ['aws']),
          workload('cluster-job', [{ kubernetes: { issuer: `${ghes}/`, namespace: 'ns', serviceAccount: 'sa' } }], ['aws']),
        ]),
      ),
    );
    expect(error.problems.map((p) => p.path.join('.'))).toEqual([
      'workloads.0.identities.0.github.issuer',
      'workloads.1.identities.0.kubernetes.issuer',
    ]);
    expect(error.message).toContain('as a Kubernetes issuer by workload "cluster-job"');
    expect(error.message).toContain('as a GitHub Actions issuer by workload "ghes-deploy"');
  });

  test('two spellings of an issuer only its operator knows are refused; one spelling is accepted', () => {
    const cluster = (issuer: string, name: string) => workload(name, [{ kubernetes: { issuer, namespace: 'ns', serviceAccount: name } }], ['aws']);
    const error = declarationErrorOf(() => toModel(declaration([cluster('https://k8s.acme.example', 'one'), cluster('https://K8S.acme.example/', 'two')])));
    expect(error.message).toContain('identities[0].kubernetes.issuer: https://K8S.acme.example/ is written "https://k8s.acme.example"');
    expect(() => toModel(declaration([cluster('https://k8s.acme.example/', 'one'), cluster('https://k8s.acme.example/', 'two')]))).not.toThrow();
  });

  test('an oidc identity on Google’s issuer is refused on AWS, where Google tokens federate through accounts.google.com', () => {
    const identity: IdentityInput = { oidc: { issuer: 'https://accounts.google.com/', audience: 'acme', subject: '104729364512345678901' } };
    expect(declarationErrorOf(() => compileIdentities('aws', [identity])).message).toContain('declare a gcpServiceAccount identity');
    expect(gcpAccountOf(compileIdentities('gcp', [identity])).providers[0].issuer).toBe('https://accounts.google.com');
  });
});

