import { formatPath, type DeclarationProblem } from './errors';
import { ISSUER_TITLES, issuerSpelling, spellingKey } from '../identity/issuers';
import type { Identity, IssuerKind } from '../model/identity';
import type { Workload } from '../model/workload';
import { sortedBy } from '../stable';

/** Issuers whose instances of one's own are written as the instance URL (GHES, self-managed GitLab, TFE). */
const INSTANCE_KINDS: ReadonlySet<IssuerKind> = new Set(['github', 'gitlab', 'terraformCloud']);

/** One identity naming an issuer, and where. */
interface Naming {
  readonly workload: string;
  readonly path: readonly (string | number)[];
  readonly url: string;
  readonly kind: IssuerKind;
  /** An `oidc` identity of an issuer nothing else knows: it takes the kind another identity gives the issuer. */
  readonly adopts: boolean;
}

function namingOf(identity: Identity, workload: string, path: readonly (string | number)[]): Naming | undefined {
  const at = (field: string, url: string | undefined, kind: IssuerKind, adopts = false): Naming | undefined =>
    url === undefined ? undefined : { workload, path: [...path, identity.kind, field], url, kind, adopts };
  switch (identity.kind) {
    case 'github':
      return at('issuer', identity.issuer, 'github');
    case 'gitlab':
      return at('host', identity.host, 'gitlab');
    case 'terraformCloud':
      return at('host', identity.host, 'terraformCloud');
    case 'kubernetes':
      // A GKE identity's issuer is derived from its cluster, and EKS Pod Identity has none.
      return identity.gke ? undefined : at('issuer', identity.issuer, 'kubernetes');
    case 'spiffe':
      return at('jwtIssuer', identity.jwtIssuer, 'spiffe');
    case 'oidc':
      return at('issuer', identity.issuer, identity.issuerKind, identity.issuerKind === 'generic');
    default:
      return undefined;
  }
}

const where = (naming: Naming) => `workload "${naming.workload}" (${formatPath(naming.path.slice(2))})`;
/** The identity a naming belongs to: `workloads[w].identities[i]`. */
const identityKey = (path: readonly (string | number)[]) => `${path[1]}/${path[3]}`;

/**
 * One issuer is one kind of issuer, written one way, across the whole declaration. Identities of different kinds on
 * the same issuer are refused (a cluster issuer that is also a GitHub Enterprise Server issuer would be judged by two
 * sets of rules); two spellings of one issuer are refused (tokens carry one exact `iss`); and an `oidc` identity of an
 * issuer another identity declares takes that issuer's kind, so a shared provider's semantics never depend on which
 * workload comes first. Returns the workloads with those `oidc` identities resolved.
 */
export function resolveIssuers(workloads: readonly Workload[], problems: DeclarationProblem[]): Workload[] {
  const namings: Naming[] = [];
  workloads.forEach((workload, w) =>
    workload.identities.forEach((identity, i) => {
      const naming = namingOf(identity, workload.name, ['workloads', w, 'identities', i]);
      if (naming) namings.push(naming);
    }),
  );
  const groups = new Map<string, Naming[]>();
  for (const naming of namings) {
    const spelling = issuerSpelling(naming.url);
    const key = spelling ? spellingKey(spelling) : naming.url;
    const group = groups.get(key);
    // Pushed, not copied: one shared issuer (github.com) may be named by thousands of identities.
    if (group) group.push(naming);
    else groups.set(key, [naming]);
  }
  const adopted = new Map<string, { url: string; kind: IssuerKind }>();
  for (const key of [...groups.keys()].sort()) {
    const group = sortedBy(groups.get(key)!, (naming) => naming.path.join('\u0000'));
    const declaring = group.filter((naming) => !naming.adopts);
    const kinds = [...new Set(declaring.map((naming) => naming.kind))].sort();
    if (kinds.length > 1) {
      for (const naming of declaring) {
        const other = declaring.find((candidate) => candidate.kind !== naming.kind)!;
        problems.push({
          path: naming.path,
          message: `${naming.url} is declared as a ${ISSUER_TITLES[naming.kind]} issuer here and as a ${ISSUER_TITLES[other.kind]} issuer by ${where(other)}; one issuer has one kind of token`,
        });
      }
      continue;
    }
    const kind = kinds[0] ?? 'generic';
    // Instances of one's own are written in one form already; any other issuer must be written one way.
    const reference = (declaring.find((naming) => INSTANCE_KINDS.has(naming.kind)) ?? declaring[0] ?? group[0]).url;
    for (const naming of group) {
      if (naming.adopts && INSTANCE_KINDS.has(kind)) {
        adopted.set(identityKey(naming.path), { url: reference, kind });
        continue;
      }
      if (naming.url !== reference) {
        problems.push({
          path: naming.path,
          message: `${naming.url} is written ${JSON.stringify(reference)} by ${where(group.find((n) => n.url === reference)!)}: tokens carry one exact issuer, so write it one way`,
        });
      } else if (naming.adopts && kind !== 'generic') {
        adopted.set(identityKey(naming.path), { url: reference, kind });
      }
    }
  }
  if (adopted.size === 0) return [...workloads];
  return workloads.map((workload, w) => ({
    ...workload,
    identities: workload.identities.map((identity, i) => {
      const resolved = adopted.get(`${w}/${i}`);
      return resolved && identity.kind === 'oidc' ? { ...identity, issuer: resolved.url, issuerKind: resolved.kind } : identity;
    }),
  }));
}
