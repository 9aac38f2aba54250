import fc from 'fast-check';
import * as A from './alphabet';
import {
  audienceFor,
  declared,
  mint,
  subjectOf,
  variantsOf,
  type AccountIn,
  type Claims,
  type Cloud,
  type DeclarationIn,
  type Declared,
  type IdentityIn,
  type Token,
  type WorkloadIn,
} from './claims';

/**
 * Arbitraries: valid declarations (accounts of the three clouds, workloads with OIDC identities and catalogue
 * grants, respecting the declaration's validation rules) and tokens (real tokens of declared identities, mutated,
 * or forged from the same small alphabets).
 *
 * Both are built without `chain`, so fast-check shrinks them independently: a declaration is generated with grants
 * naming accounts by index and fitted to its accounts' clouds by `map`; a token is a TokenSpec (indices into the
 * declaration's identities and values) that resolveToken turns into claims once the Plan is known.
 */

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
/** `arb` or absent, with relative weights. */
const maybe = <T>(arb: fc.Arbitrary<T>, present = 1, absent = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: present });
const at = <T>(values: readonly T[], index: number): T => values[index % values.length];

// ---------------------------------------------------------------------------------------------------------------
// Accounts and grants

const awsAccount: fc.Arbitrary<AccountIn> = fc.record({
  cloud: fc.constant('aws' as const),
  accountId: fc.stringMatching(/^[0-9]{12}$/),
});

const gcpAccount: fc.Arbitrary<AccountIn> = fc.record({
  cloud: fc.constant('gcp' as const),
  projectId: pick(A.GCP_PROJECT_IDS),
  projectNumber: fc.stringMatching(/^[1-9][0-9]{11}$/),
  poolId: pick(A.GCP_POOL_IDS),
});

const azureAccount: fc.Arbitrary<AccountIn> = fc.record({
  cloud: fc.constant('azure' as const),
  tenantId: fc.uuid(),
  subscriptionId: fc.uuid(),
  resourceGroup: pick(A.AZURE_RESOURCE_GROUPS),
  location: pick(A.AZURE_LOCATIONS),
});

type GrantIn = NonNullable<WorkloadIn['grants']>[string][number];

/** A grant before it is fitted to an account: which account (by index) and which resource of each kind. */
const rawGrant = fc.record({
  account: fc.nat(2),
  bucket: pick(A.BUCKETS),
  queue: maybe(pick(A.QUEUES)),
  container: fc.tuple(pick(A.AZURE_RESOURCE_GROUPS), pick(A.STORAGE_ACCOUNTS), pick(A.CONTAINERS)),
  access: fc.nat(2),
});
type RawGrant = typeof rawGrant extends fc.Arbitrary<infer T> ? T : never;

/** A catalogue resource that belongs to the account, with one of its access levels (lib catalogue: s3, sqs, gcs, blob). */
function fitGrant(raw: RawGrant, account: AccountIn): GrantIn {
  switch (account.cloud) {
    case 'aws':
      return raw.queue !== undefined
        ? { resource: `arn:aws:sqs:us-east-1:${account.accountId}:${raw.queue}`, access: at(['consume', 'publish'], raw.access) }
        : { resource: `arn:aws:s3:::${raw.bucket}`, access: at(['read', 'write', 'readWrite'], raw.access) };
    case 'gcp':
      return { resource: `//storage.googleapis.com/projects/_/buckets/${raw.bucket}`, access: at(['read', 'write', 'readWrite'], raw.access) };
    case 'azure': {
      const [rg, sa, container] = raw.container;
      return {
        resource: `/subscriptions/${account.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${sa}/blobServices/default/containers/${container}`,
        access: at(['read', 'readWrite'], raw.access),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Identities

const githubIdentity: fc.Arbitrary<IdentityIn> = fc
  .record({
    owner: pick(A.OWNERS),
    repo: pick(A.REPOS),
    // Ids are always generated; fitIdentity removes them (with subjectFormat) when the identity declares none and
    // no GCP grant needs them.
    ownerId: pick(A.OWNER_IDS),
    repositoryId: pick(A.REPOSITORY_IDS),
    context: fc.oneof(
      pick(A.ENVIRONMENTS).map((environment) => ({ environment })),
      pick(A.GITHUB_REFS).map((ref) => ({ ref })),
      fc.constant({ pullRequest: true as const }),
    ),
    workflow: maybe(
      fc
        .tuple(pick(A.OWNERS), pick(A.REPOS), pick(A.WORKFLOW_FILES), pick(['refs/heads/main', 'refs/tags/v1']))
        .map(([owner, repo, file, ref]) => `${owner}/${repo}/.github/workflows/${file}@${ref}`),
    ),
    subjectFormat: maybe(pick(['classic', 'immutable', 'both'] as const)),
    enterpriseSlug: maybe(pick(A.ENTERPRISE_SLUGS), 1, 6),
  })
  .map(({ owner, repo, context, workflow, subjectFormat, enterpriseSlug, ...ids }) => ({
    github: {
      repository: `${owner}/${repo}`,
      ...ids,
      ...context,
      ...(workflow !== undefined ? { workflow } : {}),
      ...(subjectFormat !== undefined ? { subjectFormat } : {}),
      ...(enterpriseSlug !== undefined ? { enterpriseSlug } : {}),
    },
  }));

const gitlabIdentity: fc.Arbitrary<IdentityIn> = fc
  .record({
    group: pick(A.GITLAB_GROUPS),
    subgroup: maybe(pick(A.GITLAB_SUBGROUPS)),
    project: pick(A.GITLAB_PROJECTS),
    projectId: pick(A.GITLAB_PROJECT_IDS),
    namespaceId: pick(A.GITLAB_NAMESPACE_IDS),
    ref: pick(A.GITLAB_REFS),
    environment: maybe(pick(A.ENVIRONMENTS)),
    protectedRef: maybe(fc.boolean()),
    host: maybe(pick(A.GITLAB_HOSTS)),
  })
  .map(({ group, subgroup, project, projectId, namespaceId, ref, environment, protectedRef, host }) => ({
    gitlab: {
      project: [group, subgroup, project].filter((part) => part !== undefined).join('/'),
      projectId,
      namespaceId,
      ref: ref.ref,
      refType: ref.refType,
      ...(environment !== undefined ? { environment } : {}),
      ...(protectedRef !== undefined ? { protectedRef } : {}),
      ...(host !== undefined ? { host } : {}),
    },
  }));

const kubernetesIdentity: fc.Arbitrary<IdentityIn> = fc
  .record({ cluster: pick(A.CLUSTERS), namespace: pick(A.NAMESPACES), serviceAccount: pick(A.SERVICE_ACCOUNTS) })
  .map(({ cluster, namespace, serviceAccount }) => ({ kubernetes: { issuer: A.k8sIssuer(cluster), namespace, serviceAccount } }));

const terraformIdentity: fc.Arbitrary<IdentityIn> = fc
  .record({
    organization: pick(A.TERRAFORM_ORGANIZATIONS),
    organizationId: pick(A.TERRAFORM_ORGANIZATION_IDS),
    project: pick(A.TERRAFORM_PROJECTS),
    workspace: pick(A.TERRAFORM_WORKSPACES),
    runPhase: pick(A.RUN_PHASES),
    host: maybe(pick(A.TERRAFORM_HOSTS)),
  })
  .map(({ host, ...rest }) => ({ terraformCloud: { ...rest, ...(host !== undefined ? { host } : {}) } }));

const spiffeIdentity: fc.Arbitrary<IdentityIn> = fc
  .record({ id: pick(A.SPIFFE_IDS), jwtIssuer: pick(A.SPIRE_ISSUERS), audience: pick(A.SPIFFE_AUDIENCES) })
  .map((spiffe) => ({ spiffe }));

const oidcIdentity: fc.Arbitrary<IdentityIn> = fc
  .record({
    issuer: pick(A.OIDC_ISSUERS),
    audience: pick(A.OIDC_AUDIENCES),
    subject: pick(A.OIDC_SUBJECTS),
    claims: maybe(fc.dictionary(pick(A.OIDC_CLAIM_NAMES), pick(A.OIDC_CLAIM_VALUES), { minKeys: 1, maxKeys: 2 })),
  })
  .map(({ claims, ...rest }) => ({ oidc: { ...rest, ...(claims !== undefined ? { claims } : {}) } }));

const identityArb: fc.Arbitrary<IdentityIn> = fc.oneof(
  { arbitrary: githubIdentity, weight: 3 },
  { arbitrary: gitlabIdentity, weight: 2 },
  { arbitrary: kubernetesIdentity, weight: 1 },
  { arbitrary: terraformIdentity, weight: 1 },
  { arbitrary: spiffeIdentity, weight: 1 },
  { arbitrary: oidcIdentity, weight: 1 },
);

/** A github identity keeps its generated ids with this probability when no GCP grant needs them. */
const keepIds = fc.boolean();

/**
 * Fits an identity to the clouds its workload is granted in (lib/declaration/compatibility.ts): GCP pins GitHub by
 * immutable ids, so they stay; AWS STS and Azure credentials cannot condition on a generic issuer's extra claims,
 * so those go. Without ids, only the classic subject format is allowed (schema).
 */
function fitIdentity(input: IdentityIn, keep: boolean, clouds: ReadonlySet<Cloud>): IdentityIn {
  if (input.github && !keep && !clouds.has('gcp')) {
    const { ownerId: _o, repositoryId: _r, subjectFormat, ...rest } = input.github;
    return { github: { ...rest, ...(subjectFormat === 'classic' ? { subjectFormat } : {}) } };
  }
  if (input.oidc?.claims && (clouds.has('aws') || clouds.has('azure'))) {
    const { claims: _claims, ...rest } = input.oidc;
    return { oidc: rest };
  }
  return input;
}

/**
 * Two identities of one workload with the same issuer and subject are one credential on Azure (refused as a
 * duplicate): within a workload, identities differ in issuer or in what their subject names.
 */
function distinctKey([input]: readonly [IdentityIn, boolean]): string {
  const identity = declared(input);
  return `${identity.issuer}\u0000${subjectOf(identity, 'classic')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations

const rawWorkload = fc.record({
  name: pick(A.WORKLOAD_NAMES),
  identities: fc.uniqueArray(fc.tuple(identityArb, keepIds), { minLength: 1, maxLength: 3, selector: distinctKey }),
  // Mostly 1–3 grants; now and then none (the workload then has no trust anywhere).
  grants: fc.oneof({ arbitrary: fc.array(rawGrant, { minLength: 1, maxLength: 3 }), weight: 12 }, { arbitrary: fc.constant([]), weight: 1 }),
  // Now and then the workload acts on GCP through a service account it impersonates.
  impersonates: fc.boolean(),
});
type RawWorkload = typeof rawWorkload extends fc.Arbitrary<infer T> ? T : never;

function fitWorkload(raw: RawWorkload, accounts: Readonly<Record<string, AccountIn>>): WorkloadIn {
  const keys = Object.keys(accounts);
  const grants: Record<string, GrantIn[]> = {};
  for (const grant of raw.grants) {
    const key = at(keys, grant.account);
    const fitted = fitGrant(grant, accounts[key]);
    grants[key] ??= [];
    if (!grants[key].some((g) => g.resource === fitted.resource)) grants[key].push(fitted);
  }
  const clouds = new Set(Object.keys(grants).map((key) => accounts[key].cloud));
  const identities = raw.identities.map(([identity, keep]) => fitIdentity(identity, keep, clouds));
  // Only federated identities impersonate: a workload of Google service accounts alone is refused an impersonation.
  const federated = identities.some((identity) => !('gcpServiceAccount' in identity));
  const impersonate = raw.impersonates && federated ? Object.keys(grants).filter((key) => accounts[key].cloud === 'gcp') : [];
  return { name: raw.name, identities, grants, ...(impersonate.length > 0 ? { impersonate } : {}) };
}

function accountIdentity(account: AccountIn): string {
  switch (account.cloud) {
    case 'aws':
      return `aws:${account.accountId}`;
    case 'gcp':
      return `gcp:${account.projectId}`;
    case 'azure':
      return `azure:${account.subscriptionId}/${account.resourceGroup}`;
  }
}

/** A valid declaration: 1–3 accounts, 1–6 workloads with distinct names, 1–3 identities each, 0–3 grants each. */
export const declarationArb: fc.Arbitrary<DeclarationIn> = fc
  .tuple(
    // One key per account: two keys for one AWS account or GCP project are refused.
    fc.uniqueArray(fc.oneof(awsAccount, gcpAccount, azureAccount), { minLength: 1, maxLength: 3, selector: accountIdentity }),
    fc.uniqueArray(rawWorkload, { minLength: 1, maxLength: 6, selector: (w) => w.name }),
  )
  .map(([list, workloads]): DeclarationIn => {
    const accounts = Object.fromEntries(list.map((account, index) => [`${account.cloud}-${index}`, account]));
    return { version: 1, accounts, workloads: workloads.map((w) => fitWorkload(w, accounts)) };
  });

// ---------------------------------------------------------------------------------------------------------------
// Tokens

/** A claim value: one the declared identities' own tokens carry (by index), one from the alphabets, or a GCP provider. */
export type ValueSpec =
  | { readonly declared: number }
  | { readonly literal: unknown }
  | { readonly gcpProvider: number; readonly https: boolean };

export type Mutation =
  | { readonly op: 'set'; readonly claim: string; readonly value: ValueSpec }
  | { readonly op: 'drop'; readonly claim: string }
  /** Copies a claim from another declared identity's own token (by index), so identities' values mix. */
  | { readonly op: 'borrow'; readonly from: number; readonly claim: string }
  /** `repo:O/R:…` ↔ `repo:O@OWNER_ID/R@REPO_ID:…`, with the ids the token carries. */
  | { readonly op: 'swapForm' }
  /** The same repository's pull_request subject. */
  | { readonly op: 'pullRequest' };

export type TokenSpec =
  /** The own token of the n-th declared identity, for one of the places it could be presented, then mutated. */
  | { readonly own: number; readonly audience: number; readonly variant: number; readonly mutations: readonly Mutation[] }
  /** A token forged from the alphabets. */
  | { readonly forged: ForgedSpec };

export interface ForgedSpec {
  readonly iss: ValueSpec;
  readonly aud: ValueSpec;
  readonly sub: ValueSpec;
  readonly extra: readonly (readonly [string, ValueSpec])[];
}

/** The claims a mutation or a forged token may set. */
const CLAIMS = [
  'iss',
  'aud',
  'sub',
  'repository_id',
  'repository_owner_id',
  'job_workflow_ref',
  'environment',
  'ref',
  'project_id',
  'namespace_id',
  'ref_protected',
  'terraform_organization_id',
  ...A.OIDC_CLAIM_NAMES,
] as const;

/** Any subject the issuers of the alphabets could mint (declared identities' subjects come through ValueSpec.declared). */
const subjectArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      owner: pick(A.OWNERS),
      repo: pick(A.REPOS),
      ownerId: pick(A.OWNER_IDS),
      repositoryId: pick(A.REPOSITORY_IDS),
      context: fc.oneof(
        pick(A.ENVIRONMENTS).map((e) => `environment:${e.replace(/:/g, '%3A')}`),
        pick(A.ENVIRONMENTS).map((e) => `environment:${e}`),
        pick(A.GITHUB_REFS).map((r) => `ref:${r}`),
        fc.constant('pull_request'),
      ),
      immutable: fc.boolean(),
    })
    .map(({ owner, repo, ownerId, repositoryId, context, immutable }) =>
      immutable ? `repo:${owner}@${ownerId}/${repo}@${repositoryId}:${context}` : `repo:${owner}/${repo}:${context}`,
    ),
  fc
    .tuple(pick(A.GITLAB_GROUPS), maybe(pick(A.GITLAB_SUBGROUPS)), pick(A.GITLAB_PROJECTS), pick(A.GITLAB_REFS))
    .map(([g, s, p, r]) => `project_path:${[g, s, p].filter((x) => x !== undefined).join('/')}:ref_type:${r.refType}:ref:${r.ref}`),
  fc.tuple(pick(A.NAMESPACES), pick(A.SERVICE_ACCOUNTS)).map(([ns, sa]) => `system:serviceaccount:${ns}:${sa}`),
  fc
    .tuple(pick(A.TERRAFORM_ORGANIZATIONS), pick(A.TERRAFORM_PROJECTS), pick(A.TERRAFORM_WORKSPACES), pick(A.RUN_PHASES))
    .map(([o, p, w, r]) => `organization:${o}:project:${p}:workspace:${w}:run_phase:${r}`),
  pick([...A.SPIFFE_IDS, ...A.OIDC_SUBJECTS]),
);

/** Values from the alphabets, per claim. */
function literalArb(claim: string): fc.Arbitrary<unknown> {
  switch (claim) {
    case 'iss':
      return pick(A.ALL_ISSUERS);
    case 'aud':
      return fc.oneof(
        { arbitrary: pick(A.FIXED_AUDIENCES), weight: 5 },
        { arbitrary: fc.array(pick(A.FIXED_AUDIENCES), { minLength: 1, maxLength: 2 }), weight: 1 },
      );
    case 'sub':
      return subjectArb;
    case 'repository_id':
      return pick(A.REPOSITORY_IDS);
    case 'repository_owner_id':
      return pick(A.OWNER_IDS);
    case 'job_workflow_ref':
      return fc
        .tuple(pick(A.OWNERS), pick(A.REPOS), pick(A.WORKFLOW_FILES), pick(['refs/heads/main', 'refs/tags/v1']))
        .map(([o, r, f, ref]) => `${o}/${r}/.github/workflows/${f}@${ref}`);
    case 'environment':
      return pick(A.ENVIRONMENTS);
    case 'ref':
      return pick(A.GITHUB_REFS);
    case 'project_id':
      return pick(A.GITLAB_PROJECT_IDS);
    case 'namespace_id':
      return pick(A.GITLAB_NAMESPACE_IDS);
    case 'ref_protected':
      return pick(['true', 'false']);
    case 'terraform_organization_id':
      return pick(A.TERRAFORM_ORGANIZATION_IDS);
    default:
      return pick(A.OIDC_CLAIM_VALUES);
  }
}

function valueSpecArb(claim: string): fc.Arbitrary<ValueSpec> {
  return fc.oneof(
    { arbitrary: fc.nat(63).map((index): ValueSpec => ({ declared: index })), weight: 4 },
    { arbitrary: literalArb(claim).map((literal): ValueSpec => ({ literal })), weight: 2 },
    ...(claim === 'aud'
      ? [{ arbitrary: fc.record({ gcpProvider: fc.nat(15), https: fc.boolean() }).map((v): ValueSpec => v), weight: 1 }]
      : []),
  );
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: pick(CLAIMS).chain((claim) => valueSpecArb(claim).map((value): Mutation => ({ op: 'set', claim, value }))), weight: 6 },
  { arbitrary: pick(CLAIMS).map((claim): Mutation => ({ op: 'drop', claim })), weight: 2 },
  { arbitrary: fc.record({ from: fc.nat(63), claim: pick(CLAIMS) }).map((m): Mutation => ({ op: 'borrow', ...m })), weight: 3 },
  { arbitrary: fc.constant<Mutation>({ op: 'swapForm' }), weight: 2 },
  { arbitrary: fc.constant<Mutation>({ op: 'pullRequest' }), weight: 1 },
);

/**
 * Tokens for soundness: a declared identity's own token with 0–3 mutations (another repo/owner/id/ref/environment/
 * namespace/audience/issuer, classic ↔ immutable, a dropped claim, the pull_request form, a claim borrowed from
 * another identity's token), or a token forged from the alphabets.
 */
export const tokenSpecArb: fc.Arbitrary<TokenSpec> = fc.oneof(
  {
    arbitrary: fc.record({ own: fc.nat(63), audience: fc.nat(15), variant: fc.nat(3), mutations: fc.array(mutationArb, { maxLength: 3 }) }),
    weight: 5,
  },
  {
    arbitrary: fc
      .record({
        iss: valueSpecArb('iss'),
        aud: valueSpecArb('aud'),
        sub: valueSpecArb('sub'),
        extra: fc.uniqueArray(
          pick(CLAIMS.slice(3)).chain((claim) => valueSpecArb(claim).map((value) => [claim, value] as const)),
          { maxLength: 4, selector: ([claim]) => claim },
        ),
      })
      .map((forged): TokenSpec => ({ forged })),
    weight: 1,
  },
);

/** What resolving a TokenSpec draws on: the declared identities and the Plan's GCP provider audiences. */
export class TokenContext {
  /** Every declared identity's real tokens, towards every place it could be presented. */
  private readonly own: readonly Token[];
  private readonly values = new Map<string, readonly unknown[]>();

  constructor(
    readonly identities: readonly Declared[],
    /** `//iam.googleapis.com/<provider>` of every GCP provider of the Plan. */
    readonly gcpAudiences: readonly string[],
  ) {
    this.own = identities.flatMap((identity) =>
      this.realAudiences(identity).flatMap((audience) => variantsOf(identity).map((variant) => mint(identity, audience, variant))),
    );
  }

  /** Every audience a real token of the identity could carry towards a cloud (the Plan's providers for GCP). */
  realAudiences(identity: Declared): string[] {
    const fixed = (['aws', 'azure', 'gcp'] as Cloud[]).flatMap((cloud) => audienceFor(identity, cloud) ?? []);
    return [...new Set([...fixed, ...(identity.kind === 'spiffe' || identity.kind === 'oidc' ? [] : this.gcpAudiences)])];
  }

  ownToken(index: number): Token {
    return at(this.own, index);
  }

  /** The distinct values a claim takes in the declared identities' own tokens: collisions with those matter most. */
  declaredValues(claim: string): readonly unknown[] {
    let found = this.values.get(claim);
    if (!found) {
      const seen = new Map<string, unknown>();
      for (const token of this.own) {
        if (token.claims[claim] !== undefined) seen.set(JSON.stringify(token.claims[claim]), token.claims[claim]);
      }
      found = [...seen.values()];
      this.values.set(claim, found);
    }
    return found;
  }

  value(claim: string, spec: ValueSpec): unknown {
    if ('literal' in spec) return spec.literal;
    if ('gcpProvider' in spec) {
      if (this.gcpAudiences.length === 0) return A.AWS_STS_AUDIENCE;
      const audience = at(this.gcpAudiences, spec.gcpProvider);
      return spec.https ? audience.replace(/^\/\//, 'https://') : audience;
    }
    const values = this.declaredValues(claim);
    return values.length > 0 ? at(values, spec.declared) : undefined;
  }
}

const CLASSIC = /^repo:([^/@:]+)\/([^/@:]+):(.*)$/;
const IMMUTABLE = /^repo:([^/@:]+)@[^/:]*\/([^/@:]+)@[^:]*:(.*)$/;

function apply(context: TokenContext, claims: Claims, mutation: Mutation): Claims {
  const next = { ...claims };
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  const put = (claim: string, value: unknown) => {
    if (value === undefined) delete next[claim];
    else next[claim] = value;
  };
  switch (mutation.op) {
    case 'set':
      put(mutation.claim, context.value(mutation.claim, mutation.value));
      return next;
    case 'drop':
      delete next[mutation.claim];
      return next;
    case 'borrow':
      put(mutation.claim, context.ownToken(mutation.from).claims[mutation.claim]);
      return next;
    case 'swapForm': {
      const immutable = IMMUTABLE.exec(sub);
      if (immutable) next.sub = `repo:${immutable[1]}/${immutable[2]}:${immutable[3]}`;
      const classic = CLASSIC.exec(sub);
      if (classic) next.sub = `repo:${classic[1]}@${String(claims.repository_owner_id)}/${classic[2]}@${String(claims.repository_id)}:${classic[3]}`;
      return next;
    }
    case 'pullRequest': {
      const match = IMMUTABLE.exec(sub) ?? CLASSIC.exec(sub);
      if (match) next.sub = `${sub.slice(0, sub.length - match[3].length)}pull_request`;
      next.event_name = 'pull_request';
      return next;
    }
  }
}

/** The token a TokenSpec stands for, given the declaration's identities and the Plan's GCP providers. */
export function resolveToken(spec: TokenSpec, context: TokenContext): Token {
  if ('forged' in spec) {
    const { iss, aud, sub, extra } = spec.forged;
    const claims: Claims = {
      iss: context.value('iss', iss),
      aud: context.value('aud', aud),
      sub: context.value('sub', sub),
      ...Object.fromEntries(extra.map(([claim, value]) => [claim, context.value(claim, value)])),
    };
    return { claims: Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)) };
  }
  const identity = at(context.identities, spec.own);
  const token = mint(identity, at(context.realAudiences(identity), spec.audience), at(variantsOf(identity), spec.variant));
  return { claims: spec.mutations.reduce((claims, mutation) => apply(context, claims, mutation), token.claims) };
}
