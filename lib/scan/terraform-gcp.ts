import { claimsYielding, mappingParts } from './gcp-attribute-mapping';
import { readPoolMember, type PoolMember } from './gcp-member';
import { gcpMemberAccess, grantedBy, iamGrants, reachableBindings } from './gcp-member-access';
import type { Reading, ScanProblem, TrustingResource } from './reading';
import { nestedBlocks, referenceOf, type TerraformBlock } from './terraform-json';
import { isUnresolved, isWhollyUnknown, readable, widenView } from './unresolved';
import { readWorkloadMetadata, WORKLOAD_METADATA_KEY } from './workload-metadata';
import type { IssuerKind } from '../model/identity';
import type { ResourceAcknowledgements } from '../rules/check';
import type { Pattern } from '../trust/facts';
import { gcpViews } from '../trust/gcp-view';
import { ISSUER_READERS, issuerKindOf } from '../trust/issuers';
import type { PermissionView } from '../trust/permission-view';
import type { TrustView } from '../trust/trust-view';
import type { UnreadableView } from '../trust/unreadable-view';


/**
 * The mapping of an AWS provider without `attribute_mapping`: the caller's ARN is the subject, and `aws_role` its role
 * (the assumed-role ARN without the session). Both name the AWS identity, the unit of an AWS account.
 */
const AWS_IDENTITY_ATTRIBUTES = new Set(['google.subject', 'attribute.aws_role']);

interface BoundMember {
  readonly binding: TerraformBlock;
  readonly member: PoolMember;
  /** The member as written, readably. */
  readonly text: string;
  readonly path: string;
  /** The workload and acknowledgements it is judged with. */
  recorded: RecordedMetadata;
  /** Whether what the member is granted here only reads. */
  readonly access: TrustView['access'];
  readonly accessReason?: string;
}

/** What a provider trusts: an OIDC issuer, or one AWS account. */
interface ProviderIssuer {
  readonly url: string;
  readonly kind: IssuerKind;
  /** An AWS provider: its identities are named by ARN, read as subjects. */
  readonly aws: boolean;
}

/**
 * The claims a member stands for under a provider's mapping, one record per way the mapping can yield its value (an
 * attribute joined from several claims may split more than one way); empty when the mapping never yields it;
 * undefined when it cannot be told, so the member may stand for any token the provider admits. An attribute the
 * mapping does not define never reaches a token, but `google.subject` is always mapped.
 */
function memberReadings(member: PoolMember, mapping: unknown, issuer: ProviderIssuer): readonly Readonly<Record<string, string>>[] | undefined {
  if (!member.attribute) return undefined;
  const { name, value } = member.attribute;
  // An AWS provider names its identities by ARN, read as subjects; without a mapping it maps them unchanged.
  const asSubject = issuer.aws && AWS_IDENTITY_ATTRIBUTES.has(name);
  if (mapping === undefined && asSubject) return [{ sub: value }];
  if (typeof mapping !== 'object' || mapping === null) return undefined;
  const mapped = (mapping as Record<string, unknown>)[name];
  if (mapped === undefined) return name === 'google.subject' ? undefined : [];
  const parts = mappingParts(mapped);
  if (!parts) return undefined;
  const issuable = asSubject ? () => true : (ISSUER_READERS[issuer.kind].issuable ?? (() => true));
  const readings = claimsYielding(parts, value, issuable);
  if (!asSubject || readings === undefined) return readings;
  return readings.map(({ arn, ...rest }) => (arn === undefined ? rest : { ...rest, sub: arn }));
}

/** What an engine recorded in a binding's `//` comment: its workload and acknowledgements; a malformed one is a problem. */
interface RecordedMetadata {
  readonly workload?: string;
  readonly acknowledgements?: ResourceAcknowledgements;
}

function metadataOf(binding: TerraformBlock, problems: ScanProblem[]): RecordedMetadata {
  const recorded = readWorkloadMetadata(binding.body['//'], `${binding.path}["//"]`);
  problems.push(...recorded.problems);
  const { workload, acknowledge } = recorded.metadata;
  const path = `${binding.path}["//"].${WORKLOAD_METADATA_KEY}.acknowledge`;
  const acknowledgements = acknowledge ? { acknowledgements: { acknowledgements: acknowledge, path } } : {};
  return { ...(workload !== undefined ? { workload } : {}), ...acknowledgements };
}

/**
 * The issuer family whose reader knows a claim, for a member whose provider is not in the scanned files: an attribute
 * is conventionally mapped from the claim of its name (`attribute.repository_owner` from `assertion.repository_owner`).
 */
function familyOfClaim(claim: string, value: string): IssuerKind {
  const pattern: Pattern = { literal: value, open: false, text: value };
  return Object.values(ISSUER_READERS).find((reader) => reader.claim(claim, pattern) !== undefined)?.kind ?? 'generic';
}

/**
 * The workload identity pool providers (`google_iam_workload_identity_pool_provider`, OIDC and AWS) of a Terraform
 * module, each joined with every pool member bound by a `google_*_iam_member` / `google_*_iam_binding` in the
 * module: the provider's condition and what the member requires must both hold. A provider no member of the module
 * names is judged on its condition alone, and so is one of a shared issuer with no condition (every tenant of the
 * issuer enters its pool). A member of a pool that cannot be told is joined with every provider, so an unresolved
 * pool never hides a binding; a whole-pool or attribute member of a pool whose provider is elsewhere is judged on its
 * own, as if that provider had no condition.
 */
export function readTerraformGcp(blocks: readonly TerraformBlock[]): Reading {
  const problems: ScanProblem[] = [];
  const byAddress = new Map(blocks.map((block) => [block.address, block]));

  /** A pool's id, or its address when the id is unresolved; undefined when the pool cannot be told. */
  const poolKey = (value: unknown): string | undefined => {
    if (typeof value === 'string' && !isUnresolved(value)) return value;
    const reference = referenceOf(value);
    const pool = reference ? byAddress.get(reference.address) : undefined;
    if (pool?.type !== 'google_iam_workload_identity_pool') return undefined;
    const id = pool.body.workload_identity_pool_id;
    return typeof id === 'string' && !isUnresolved(id) ? id : pool.address;
  };

  const grants = iamGrants(blocks);
  const members: BoundMember[] = grants.all.flatMap(({ binding, member: value, path }) => {
    const member = typeof value === 'string' ? readPoolMember(value) : undefined;
    if (!member) return [];
    const access = gcpMemberAccess(reachableBindings(value as string, grants, byAddress));
    return [{ binding, member, text: readable(value as string), path, recorded: metadataOf(binding, problems), ...access }];
  });
  // A member bound without workload-iam's record (a grant added by hand or through an engine) is the workload's whose
  // rendered binding names the same member, when exactly one workload's does: its findings are that workload's.
  const recordedFor = new Map<string, RecordedMetadata | null>();
  for (const { text, recorded } of members.filter((bound) => bound.recorded.workload !== undefined)) {
    const earlier = recordedFor.get(text);
    recordedFor.set(text, earlier === undefined || earlier?.workload === recorded.workload ? recorded : null);
  }
  for (const bound of members) if (bound.recorded.workload === undefined) bound.recorded = recordedFor.get(bound.text) ?? bound.recorded;

  /** What a member's own binding grants it, roles reached through a service account it impersonates included. */
  const permissionsOf = (bound: BoundMember): PermissionView[] =>
    grantedBy(bound.binding, grants, byAddress)
      .filter((binding) => typeof binding.body.role === 'string')
      .map((binding) => ({
        cloud: 'gcp',
        actions: [],
        resources: [binding.address],
        role: readable(binding.body.role as string),
        where: { resource: binding.address, path: `${binding.path}.role` },
      }));

  const providers = blocks.filter((block) => block.kind === 'resource' && block.type === 'google_iam_workload_identity_pool_provider');
  const providerPools = new Set(providers.map((provider) => poolKey(provider.body.workload_identity_pool_id)));

  const judged: TrustingResource[] = providers.flatMap((provider) => {
    const unreadable: UnreadableView[] = [];
    const cannotRead = (path: string, what: string, value: string, worst: string) =>
      unreadable.push({ what, value: readable(value), worst, where: { resource: provider.address, path } });
    const oidc = nestedBlocks(provider.body.oidc)[0];
    const aws = nestedBlocks(provider.body.aws)[0];
    const url = typeof oidc?.issuer_uri === 'string' ? oidc.issuer_uri : typeof aws?.account_id === 'string' ? `aws:${aws.account_id}` : undefined;
    if (url === undefined) return [];
    const issuer: ProviderIssuer = { url, kind: oidc ? issuerKindOf(readable(url)) : 'generic', aws: !oidc };
    if (isWhollyUnknown(oidc ? url : (aws!.account_id as string))) {
      cannotRead(`${provider.path}.${oidc ? 'oidc.issuer_uri' : 'aws.account_id'}`, oidc ? 'the issuer' : 'the AWS account', oidc ? url : (aws!.account_id as string), 'any issuer, a shared one included');
    }
    const written = provider.body.attribute_condition;
    const condition = typeof written === 'string' && !isWhollyUnknown(written) ? written : '';
    if (typeof written === 'string' && isWhollyUnknown(written)) cannotRead(`${provider.path}.attribute_condition`, 'the attribute condition', written, 'judged as absent, no condition at all');
    const pool = poolKey(provider.body.workload_identity_pool_id);
    const bound = members.flatMap((boundMember) => {
      const memberPool = poolKey(boundMember.member.pool);
      if (pool !== undefined && memberPool !== undefined && memberPool !== pool) return [];
      const readings = memberReadings(boundMember.member, provider.body.attribute_mapping, issuer);
      // A member the provider's mapping never yields is not this provider's.
      return readings?.length === 0 ? [] : [{ ...boundMember, readings }];
    });
    const base = { issuer: url, issuerKind: issuer.kind, attributeCondition: condition };
    const alone = () => gcpViews({ ...base, access: 'unknown', where: { resource: provider.address, path: `${provider.path}.attribute_condition` } });
    // A shared issuer's provider without a condition lets every tenant of the issuer into the pool (Google refuses it).
    const openToEveryTenant = condition.trim() === '' && ISSUER_READERS[issuer.kind].shared(readable(url));
    const judgedAlone: TrustingResource[] =
      bound.length === 0 || openToEveryTenant ? [{ trust: alone().map(widenView), permissions: [], sessions: [], unreadable }] : [];
    // Each member is its own resource: it carries its binding's workload and acknowledgements.
    return [
      ...judgedAlone,
      ...bound.map((boundMember): TrustingResource => {
        const { member, text, path, readings, access, accessReason, recorded } = boundMember;
        const where = { resource: provider.address, ...(recorded.workload !== undefined ? { workload: recorded.workload } : {}), path };
        const memberSet = member.attribute && member.attribute.name !== 'google.subject' ? { memberSet: text } : {};
        const judgedAs = { ...base, access, wholePool: member.wholePool, ...memberSet, where };
        // One view per reading of the member: together, everything it may stand for.
        const views = readings === undefined ? gcpViews(judgedAs) : readings.flatMap((claims) => gcpViews({ ...judgedAs, memberClaims: claims }));
        return {
          trust: views.map((view) => widenView(accessReason === undefined ? view : { ...view, accessReason })),
          permissions: permissionsOf(boundMember),
          sessions: [],
          unreadable: judgedAlone.length === 0 ? unreadable : [],
          ...(recorded.acknowledgements ? { acknowledgements: recorded.acknowledgements } : {}),
        };
      }),
    ];
  });

  // Members of pools whose providers are elsewhere: what the member alone admits, under any condition.
  const orphans: TrustingResource[] = members
    .filter(({ member }) => {
      const memberPool = poolKey(member.pool);
      return memberPool !== undefined && !providerPools.has(memberPool) && (member.wholePool || (member.attribute !== undefined && member.attribute.name !== 'google.subject'));
    })
    .map((bound) => {
      const { member, text, path, binding, access, accessReason, recorded } = bound;
      const where = { resource: binding.address, ...(recorded.workload !== undefined ? { workload: recorded.workload } : {}), path };
      const claim = member.attribute?.name.replace(/^attribute\./, '');
      const claims = member.attribute && claim ? { [claim]: member.attribute.value } : undefined;
      const issuerKind = claim && member.attribute ? familyOfClaim(claim, member.attribute.value) : 'generic';
      const views = gcpViews({
        issuerKind,
        attributeCondition: '',
        access,
        ...(claims ? { memberClaims: claims, memberSet: text } : {}),
        wholePool: member.wholePool,
        where,
      });
      return {
        trust: views.map((view) => widenView(accessReason === undefined ? view : { ...view, accessReason })),
        permissions: permissionsOf(bound),
        sessions: [],
        unreadable: [],
        ...(recorded.acknowledgements ? { acknowledgements: recorded.acknowledgements } : {}),
      };
    });
  return { resources: [...judged, ...orphans], problems };
}
