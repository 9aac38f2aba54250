import { memoized } from '../memo';
import type { IssuerKind } from '../model/identity';

/**
 * The token issuers of reference/CLAIMS.md, recognised however their URL is spelled. STS, GCP and Entra compare a
 * token's `iss` with the configured issuer exactly, so a trust must name the issuer in the very form it emits: a
 * spelling that differs (host case, an explicit :443, a trailing slash, a dot segment) would never match, and worse,
 * would hide which issuer it is, and with it the pins that issuer needs.
 */
export interface KnownIssuer {
  readonly kind: IssuerKind;
  /** The `iss` value the issuer puts in its tokens. */
  readonly url: string;
  /** One issuer URL serves every customer, so a trust must pin the tenant itself. */
  readonly shared: boolean;
}

/** The issuers an identity names when it names none: the public services (CLAIMS.md). */
export const DEFAULT_ISSUERS = {
  /** GitHub Actions; an enterprise slug is appended as a path segment. */
  github: 'https://token.actions.githubusercontent.com',
  gitlab: 'https://gitlab.com',
  terraformCloud: 'https://app.terraform.io',
  google: 'https://accounts.google.com',
} as const;

/** What names an https issuer however it is written: the host (lowercase, no default port, no final dot) and path. */
export interface IssuerSpelling {
  readonly host: string;
  /** The path, dot segments resolved, without trailing slashes (`''` for the root). */
  readonly path: string;
}

/** The parts of an https issuer URL that name it; undefined when it is not an https URL without query or credentials. */
export const issuerSpelling: (url: string) => IssuerSpelling | undefined = memoized(readSpelling);

function readSpelling(url: string): IssuerSpelling | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.search || parsed.hash) return undefined;
  const hostname = parsed.hostname.replace(/\.$/, '');
  return { host: parsed.port ? `${hostname}:${parsed.port}` : hostname, path: parsed.pathname.replace(/\/+$/, '') };
}

/** The spelling as one string, to tell whether two URLs name the same issuer. */
export function spellingKey(spelling: IssuerSpelling): string {
  return `${spelling.host}${spelling.path}`;
}

interface Family {
  readonly kind: IssuerKind;
  readonly host: RegExp;
  readonly path: RegExp;
  /** The URL the issuer emits, from the matched host and path. */
  readonly emits: (host: RegExpExecArray, path: RegExpExecArray) => string;
  readonly shared: boolean;
}

const UUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';
const lower = (value: string) => value.toLowerCase();

/**
 * Each family's host and path (matched on the spelling) and the exact form it emits (CLAIMS.md, the providers'
 * docs). Entra v1 and AKS issuers end in `/`; every other one ends without.
 */
const FAMILIES: readonly Family[] = [
  {
    kind: 'github',
    host: /^token\.actions\.githubusercontent\.com$/,
    path: /^$/,
    emits: () => 'https://token.actions.githubusercontent.com',
    shared: true,
  },
  {
    // An enterprise's own issuer: `…/<enterprise slug>`; slugs are lowercase.
    kind: 'github',
    host: /^token\.actions\.githubusercontent\.com$/,
    path: /^\/([A-Za-z0-9-]+)$/,
    emits: (_, path) => `https://token.actions.githubusercontent.com/${lower(path[1])}`,
    shared: false,
  },
  { kind: 'github', host: /^token\.actions\.[a-z0-9-]+\.ghe\.com$/, path: /^$/, emits: (host) => `https://${host[0]}`, shared: false },
  { kind: 'gitlab', host: /^gitlab\.com$/, path: /^$/, emits: () => 'https://gitlab.com', shared: true },
  { kind: 'terraformCloud', host: /^app\.terraform\.io$/, path: /^$/, emits: () => 'https://app.terraform.io', shared: true },
  { kind: 'buildkite', host: /^agent\.buildkite\.com$/, path: /^$/, emits: () => 'https://agent.buildkite.com', shared: true },
  { kind: 'google', host: /^accounts\.google\.com$/, path: /^$/, emits: () => 'https://accounts.google.com', shared: true },
  {
    kind: 'circleci',
    host: /^oidc\.circleci\.com$/,
    // Organization ids are UUIDs, emitted lowercase.
    path: /^\/org\/([^/]+)$/,
    emits: (_, path) => `https://oidc.circleci.com/org/${new RegExp(`^${UUID}$`).test(path[1]) ? lower(path[1]) : path[1]}`,
    shared: false,
  },
  {
    kind: 'bitbucket',
    host: /^api\.bitbucket\.org$/,
    path: /^\/2\.0\/workspaces\/([^/]+)\/pipelines-config\/identity\/oidc$/,
    emits: (_, path) => `https://api.bitbucket.org${path[0]}`,
    shared: false,
  },
  {
    kind: 'azure',
    host: /^sts\.windows\.net$/,
    path: new RegExp(`^/(${UUID})$`),
    emits: (_, path) => `https://sts.windows.net/${lower(path[1])}/`,
    shared: false,
  },
  {
    kind: 'azure',
    host: /^login\.microsoftonline\.com$/,
    path: new RegExp(`^/(${UUID})/v2\\.0$`),
    emits: (_, path) => `https://login.microsoftonline.com/${lower(path[1])}/v2.0`,
    shared: false,
  },
  {
    // EKS cluster issuers: `…/id/<ID>`, the id in uppercase.
    kind: 'kubernetes',
    host: /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/,
    path: /^\/id\/([0-9A-Za-z]+)$/,
    emits: (host, path) => `https://${host[0]}/id/${path[1].toUpperCase()}`,
    shared: false,
  },
  {
    kind: 'kubernetes',
    host: /^[a-z0-9-]+\.oic\.prod-aks\.azure\.com$/,
    path: new RegExp(`^/(${UUID})/(${UUID})$`),
    emits: (host, path) => `https://${host[0]}/${lower(path[1])}/${lower(path[2])}/`,
    shared: false,
  },
  {
    kind: 'kubernetes',
    host: /^container\.googleapis\.com$/,
    path: /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+$/,
    emits: (_, path) => `https://container.googleapis.com${path[0]}`,
    shared: false,
  },
];

/** The known issuer a URL names, in the form it emits; undefined for every other issuer. */
export const knownIssuerOf: (url: string) => KnownIssuer | undefined = memoized(readKnownIssuer);

function readKnownIssuer(url: string): KnownIssuer | undefined {
  const spelling = issuerSpelling(url);
  if (!spelling) return undefined;
  for (const family of FAMILIES) {
    const host = family.host.exec(spelling.host);
    const path = host && family.path.exec(spelling.path);
    if (host && path) return { kind: family.kind, url: family.emits(host, path), shared: family.shared };
  }
  return undefined;
}

/**
 * The form an issuer of one's own (GitHub Enterprise Server, self-managed GitLab, Terraform Enterprise) emits: the
 * instance URL without a trailing slash.
 */
export function instanceIssuer(spelling: IssuerSpelling): string {
  return `https://${spelling.host}${spelling.path}`;
}

/** Each issuer family's name, for messages. */
export const ISSUER_TITLES: Readonly<Record<IssuerKind, string>> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI',
  terraformCloud: 'HCP Terraform',
  circleci: 'CircleCI',
  bitbucket: 'Bitbucket Pipelines',
  buildkite: 'Buildkite',
  kubernetes: 'Kubernetes',
  spiffe: 'SPIFFE',
  google: 'Google',
  azure: 'Microsoft Entra ID',
  generic: 'OIDC',
};
