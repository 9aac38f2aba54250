import { knownIssuerOf } from '../../lib/identity/issuers';

// The issuers of reference/CLAIMS.md in the form each emits in `iss`, recognised however a trust spells them.
// STS, GCP and Entra compare `iss` exactly, so the emitted form is what a trust must hold.

const GITHUB = 'https://token.actions.githubusercontent.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('a known issuer is recognised in every spelling, and written as it emits', () => {
  test.each([
    // GitHub Actions (shared), with an enterprise slug, and GHE.com
    ['https://token.actions.githubusercontent.com', GITHUB, 'github', true],
    ['https://token.actions.githubusercontent.com/', GITHUB, 'github', true],
    ['https://Token.Actions.GitHubUserContent.com', GITHUB, 'github', true],
    ['https://token.actions.githubusercontent.com:443', GITHUB, 'github', true],
    ['https://token.actions.githubusercontent.com.', GITHUB, 'github', true],
    ['https://token.actions.githubusercontent.com/./', GITHUB, 'github', true],
    ['HTTPS://TOKEN.ACTIONS.GITHUBUSERCONTENT.COM//', GITHUB, 'github', true],
    ['https://token.actions.githubusercontent.com/acme-ent', `${GITHUB}/acme-ent`, 'github', false],
    ['https://token.actions.githubusercontent.com/Acme-Ent/', `${GITHUB}/acme-ent`, 'github', false],
    ['https://token.actions.octo.ghe.com/', 'https://token.actions.octo.ghe.com', 'github', false],
    // GitLab.com, HCP Terraform, Buildkite and Google serve every customer
    ['https://GitLab.com/', 'https://gitlab.com', 'gitlab', true],
    ['https://app.terraform.io:443/', 'https://app.terraform.io', 'terraformCloud', true],
    ['https://agent.buildkite.com/', 'https://agent.buildkite.com', 'buildkite', true],
    ['https://accounts.google.com/', 'https://accounts.google.com', 'google', true],
    // Per-organization issuers
    ['https://oidc.circleci.com/org/2A3B4C5D-1111-2222-3333-444455556666/', 'https://oidc.circleci.com/org/2a3b4c5d-1111-2222-3333-444455556666', 'circleci', false],
    [
      'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc/',
      'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
      'bitbucket',
      false,
    ],
    // Entra: the v1 issuer ends in a slash, the v2 one does not
    [`https://sts.windows.net/${TENANT}`, `https://sts.windows.net/${TENANT}/`, 'azure', false],
    [`https://STS.windows.net/${TENANT.toUpperCase()}/`, `https://sts.windows.net/${TENANT}/`, 'azure', false],
    [`https://login.microsoftonline.com/${TENANT}/v2.0/`, `https://login.microsoftonline.com/${TENANT}/v2.0`, 'azure', false],
    // Cluster issuers: EKS ids are uppercase, AKS issuers end in a slash
    ['https://oidc.eks.eu-west-1.amazonaws.com/id/5c3f9a0d1b2e4f6a8b7c9d0e1f2a3b4c/', 'https://oidc.eks.eu-west-1.amazonaws.com/id/5C3F9A0D1B2E4F6A8B7C9D0E1F2A3B4C', 'kubernetes', false],
    [`https://westeurope.oic.prod-aks.azure.com/${TENANT}/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`, `https://westeurope.oic.prod-aks.azure.com/${TENANT}/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d/`, 'kubernetes', false],
    ['https://container.googleapis.com/v1/projects/acme/locations/europe-west1/clusters/main/', 'https://container.googleapis.com/v1/projects/acme/locations/europe-west1/clusters/main', 'kubernetes', false],
  ])('%s is %s', (spelling, url, kind, shared) => {
    expect(knownIssuerOf(spelling)).toEqual({ url, kind, shared });
  });
});

describe('look-alikes and other servers are not the known issuer', () => {
  test.each([
    'https://token.actions.githubusercontent.com:8443',
    'https://token.actions.githubusercontent.com.evil.example',
    'https://evil-token.actions.githubusercontent.com',
    'https://token.actions.githubusercontent.com/acme/extra',
    'http://token.actions.githubusercontent.com',
    'https://user@token.actions.githubusercontent.com',
    'https://gitlab.com/acme',
    'https://gitlab.example.com',
    'https://app.terraform.io.example',
    'not a url',
  ])('%s', (url) => {
    expect(knownIssuerOf(url)).toBeUndefined();
  });
});
