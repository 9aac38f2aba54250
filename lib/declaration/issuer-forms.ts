import { instanceIssuer, ISSUER_TITLES, issuerSpelling, knownIssuerOf, type KnownIssuer } from '../identity/issuers';
import type { IssuerKind } from '../model/identity';

/** The identity kind a token issuer's identities are declared with (CircleCI, Bitbucket, … have none of their own). */
const DECLARED_AS: Readonly<Record<IssuerKind, string>> = {
  github: 'github',
  gitlab: 'gitlab',
  terraformCloud: 'terraformCloud',
  kubernetes: 'kubernetes',
  spiffe: 'spiffe',
  circleci: 'oidc',
  bitbucket: 'oidc',
  buildkite: 'oidc',
  google: 'gcpServiceAccount',
  azure: 'azureManagedIdentity',
  generic: 'oidc',
};

/**
 * The issuer URL in the exact form its tokens carry (STS, GCP and Entra compare `iss` exactly): a known issuer in
 * the form it emits, whatever the spelling; an instance of one's own (GitHub Enterprise Server, self-managed GitLab,
 * Terraform Enterprise: `instance`) without a trailing slash; any other issuer as declared, since only its operator
 * knows its exact form.
 */
export function emittedIssuer(url: string, instance: boolean): { readonly url: string; readonly known?: KnownIssuer } {
  const known = knownIssuerOf(url);
  if (known) return { url: known.url, known };
  const spelling = issuerSpelling(url);
  return { url: instance && spelling ? instanceIssuer(spelling) : url };
}

/**
 * Why an identity of `kind` cannot declare this issuer: it is a known issuer of another kind, whose tokens would be
 * judged by the wrong rules (a GitHub token read as a cluster's). The message names the kind to declare instead.
 */
export function issuerKindProblem(url: string, kind: IssuerKind): string | undefined {
  const known = knownIssuerOf(url);
  if (!known || known.kind === kind) return undefined;
  return `${known.url} is the ${ISSUER_TITLES[known.kind]} issuer, not a ${ISSUER_TITLES[kind]} one; declare its identities as ${DECLARED_AS[known.kind]}`;
}
