import { evaluateGcpCel } from './cel';
import { audiencesOf, issuerOf, stringClaimOf, type Token } from './token';
import type { GcpProvider } from '../plan/plan';

/**
 * Workload Identity Federation as Google's Security Token Service applies it: the token must come from the
 * provider's issuer (or, for an `aws` provider, its account) and carry an allowed audience; the attribute mapping
 * turns its claims into `google.*` and `attribute.*` values (any mapping error rejects the token); the attribute
 * condition must evaluate to `true`. The mapped identity then matches IAM members by subject, attribute, group or
 * pool. GKE's built-in pool and Google-signed service account tokens are matched by their own rules.
 */

const IAM = 'iam.googleapis.com';
const PRINCIPAL = /^principal:\/\/iam\.googleapis\.com\/(.+?)\/subject\/(.+)$/;
const PRINCIPAL_SET = /^principalSet:\/\/iam\.googleapis\.com\/(projects\/[^/]+\/locations\/[^/]+\/workloadIdentityPools\/[^/]+)\/(.+)$/;
/** GKE's built-in pool is named after the cluster project: `<project id>.svc.id.goog`. */
const GKE_PRINCIPAL = /^principal:\/\/iam\.googleapis\.com\/projects\/[^/]+\/locations\/global\/workloadIdentityPools\/([^/]+)\.svc\.id\.goog\/subject\/ns\/([^/]+)\/sa\/([^/]+)$/;
const GKE_ISSUER = /^https:\/\/container\.googleapis\.com\/v1\/projects\/([^/]+)\/locations\/[^/]+\/clusters\/[^/]+$/;
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
/** `google.subject` may be at most 127 bytes; a longer mapped subject fails the exchange. */
const SUBJECT_BYTES = 127;

/** Mapped attributes by full name (`google.subject`, `attribute.repository`, …). */
export type MappedAttributes = Readonly<Record<string, string | readonly string[]>>;

export type MappingResult =
  | { readonly outcome: 'mapped'; readonly attributes: MappedAttributes }
  /** The token is rejected: a mapping failed or produced a value GCP does not accept. */
  | { readonly outcome: 'error'; readonly attribute: string; readonly reason: string }
  | { readonly outcome: 'unsupported'; readonly attribute?: string; readonly reason: string };

export type GcpStage = 'issuer' | 'audience' | 'account' | 'mapping' | 'condition' | 'member';

export type GcpResult =
  | { readonly verdict: 'accepted'; readonly reason: string; readonly attributes?: MappedAttributes }
  | { readonly verdict: 'rejected'; readonly stage: GcpStage; readonly reason: string }
  | { readonly verdict: 'unsupported'; readonly reason: string };

export type MemberMatch = { readonly outcome: 'match' | 'no-match' | 'unsupported'; readonly reason: string };

const GOOGLE_ATTRIBUTES = ['google.subject', 'google.groups', 'google.display_name', 'google.profile_photo'];

/** Evaluates every mapping over the token's claims (`assertion`), in a stable order. */
export function mapAttributes(mapping: Readonly<Record<string, string>>, claims: Readonly<Record<string, unknown>>): MappingResult {
  if (mapping['google.subject'] === undefined) {
    return { outcome: 'unsupported', reason: 'the attribute mapping has no google.subject, which GCP requires' };
  }
  const attributes: Record<string, string | readonly string[]> = {};
  for (const attribute of Object.keys(mapping).sort()) {
    if (!GOOGLE_ATTRIBUTES.includes(attribute) && !/^attribute\.[a-z0-9_]+$/.test(attribute)) {
      return { outcome: 'unsupported', attribute, reason: `"${attribute}" is not a GCP attribute (google.subject, google.groups, google.display_name, google.profile_photo or attribute.<lowercase name>)` };
    }
    const result = evaluateGcpCel(mapping[attribute], { assertion: claims });
    if (result.outcome === 'unsupported') return { outcome: 'unsupported', attribute, reason: `${attribute}: ${result.message}` };
    if (result.outcome === 'error') return { outcome: 'error', attribute, reason: `mapping ${attribute} failed: ${result.message}` };
    const value = result.value;
    if (typeof value === 'string') {
      if (attribute === 'google.subject' && Buffer.byteLength(value) > SUBJECT_BYTES) {
        return { outcome: 'error', attribute, reason: `google.subject is ${Buffer.byteLength(value)} bytes, over GCP's limit of ${SUBJECT_BYTES}` };
      }
      attributes[attribute] = value;
    } else if (attribute !== 'google.subject' && isStringList(value)) {
      attributes[attribute] = value;
    } else {
      return { outcome: 'error', attribute, reason: `mapping ${attribute} produced a value of type ${result.type}, not a string${attribute === 'google.subject' ? '' : ' or list of strings'}` };
    }
  }
  return { outcome: 'mapped', attributes };
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The audiences a provider accepts: its allowed audiences, or by default its own resource name. */
export function acceptedAudiencesOf(provider: GcpProvider): readonly string[] {
  return provider.allowedAudiences.length > 0 ? provider.allowedAudiences : [`//${IAM}/${provider.name}`, `https://${IAM}/${provider.name}`];
}

/** Whether the provider admits the token, and the identity it maps it to. */
export function evaluateGcpProvider(provider: GcpProvider, token: Token): GcpResult {
  if (provider.type === 'aws') {
    const account = stringClaimOf(token, 'account');
    if (account !== provider.awsAccountId) {
      return { verdict: 'rejected', stage: 'account', reason: `the caller's AWS account ${account ?? '(none)'} is not the provider's account ${provider.awsAccountId}` };
    }
  } else {
    const issuer = issuerOf(token);
    if (issuer !== provider.issuer) {
      return { verdict: 'rejected', stage: 'issuer', reason: `the token's issuer ${issuer ?? '(none)'} is not the provider's issuer ${provider.issuer}` };
    }
    const accepted = acceptedAudiencesOf(provider);
    if (!audiencesOf(token).some((audience) => accepted.includes(audience))) {
      return { verdict: 'rejected', stage: 'audience', reason: `none of the token's audiences ${JSON.stringify(audiencesOf(token))} is accepted by the provider (${JSON.stringify(accepted)})` };
    }
  }

  const mapped = mapAttributes(provider.attributeMapping, token.claims);
  if (mapped.outcome === 'unsupported') return { verdict: 'unsupported', reason: mapped.reason };
  if (mapped.outcome === 'error') return { verdict: 'rejected', stage: 'mapping', reason: mapped.reason };

  const condition = evaluateAttributeCondition(provider.attributeCondition, token.claims, mapped.attributes);
  if (condition.verdict !== 'accepted') return condition;
  return { verdict: 'accepted', reason: `provider ${provider.id} maps the token to google.subject ${mapped.attributes['google.subject']}${condition.reason ? ` and ${condition.reason}` : ''}`, attributes: mapped.attributes };
}

/** The attribute condition must evaluate to the boolean `true`; an empty condition admits every token. */
export function evaluateAttributeCondition(
  condition: string,
  claims: Readonly<Record<string, unknown>>,
  attributes: MappedAttributes = {},
): GcpResult {
  if (condition.trim() === '') return { verdict: 'accepted', reason: '' };
  const result = evaluateGcpCel(condition, { assertion: claims, attribute: withoutPrefix(attributes, 'attribute.'), google: withoutPrefix(attributes, 'google.') });
  switch (result.outcome) {
    case 'unsupported':
      return { verdict: 'unsupported', reason: `attribute condition: ${result.message}` };
    case 'error':
      return { verdict: 'rejected', stage: 'condition', reason: `the attribute condition failed: ${result.message}` };
    case 'value':
      return result.value === true
        ? { verdict: 'accepted', reason: `the attribute condition ${condition} holds` }
        : { verdict: 'rejected', stage: 'condition', reason: `the attribute condition ${condition} evaluates to ${JSON.stringify(result.value)}, not true` };
  }
}

function withoutPrefix(attributes: MappedAttributes, prefix: string): Record<string, string | readonly string[]> {
  return Object.fromEntries(
    Object.entries(attributes).filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value]),
  );
}

/** Whether an IAM member names the identity the pool mapped. */
export function memberMatches(member: string, attributes: MappedAttributes, poolName: string): MemberMatch {
  if (member === 'allUsers') return { outcome: 'match', reason: 'allUsers admits anyone' };
  const principal = PRINCIPAL.exec(member);
  if (principal) {
    const [, pool, subject] = principal;
    if (pool !== poolName) return { outcome: 'no-match', reason: `${member} names pool ${pool}, not ${poolName}` };
    return attributes['google.subject'] === subject
      ? { outcome: 'match', reason: `google.subject is ${subject}` }
      : { outcome: 'no-match', reason: `google.subject ${JSON.stringify(attributes['google.subject'])} is not ${subject}` };
  }
  const principalSet = PRINCIPAL_SET.exec(member);
  if (!principalSet) {
    if (member === 'allAuthenticatedUsers') return { outcome: 'unsupported', reason: 'whether allAuthenticatedUsers covers federated identities is not evaluated' };
    if (/^(user|group|domain|serviceAccount|deleted):/.test(member)) {
      return { outcome: 'no-match', reason: `${member} names a Google account, group, domain or service account, not a workload identity pool principal` };
    }
    return { outcome: 'unsupported', reason: `unrecognised IAM member ${member}` };
  }
  const [, pool, selector] = principalSet;
  if (pool !== poolName) return { outcome: 'no-match', reason: `${member} names pool ${pool}, not ${poolName}` };
  if (selector === '*') return { outcome: 'match', reason: `${member} admits every identity of the pool` };
  const group = /^group\/(.+)$/.exec(selector);
  if (group) return valueMatches('google.groups', attributes['google.groups'], group[1]);
  const attribute = /^attribute\.([a-z0-9_]+)\/(.+)$/.exec(selector);
  if (attribute) return valueMatches(`attribute.${attribute[1]}`, attributes[`attribute.${attribute[1]}`], attribute[2]);
  return { outcome: 'unsupported', reason: `unrecognised principal set ${member}` };
}

/** A principal set admits an identity whose attribute equals the value, or contains it when it is a list. */
function valueMatches(name: string, mapped: string | readonly string[] | undefined, wanted: string): MemberMatch {
  const values = mapped === undefined ? [] : typeof mapped === 'string' ? [mapped] : mapped;
  return values.includes(wanted)
    ? { outcome: 'match', reason: `${name} ${typeof mapped === 'string' ? 'is' : 'contains'} ${wanted}` }
    : { outcome: 'no-match', reason: `${name} ${JSON.stringify(mapped ?? null)} does not ${typeof mapped === 'string' ? 'equal' : 'contain'} ${wanted}` };
}

/** One IAM binding's member, the provider its identities authenticate through (if any) and the project's pool. */
export interface GcpBindingTarget {
  readonly member: string;
  readonly poolName: string;
  /** @default - none: only GKE and service account members can be evaluated */
  readonly provider?: GcpProvider;
}

/** Whether a binding's member admits the token, with the reason. */
export function evaluateGcpBinding(target: GcpBindingTarget, token: Token): GcpResult {
  const serviceAccount = /^serviceAccount:(.+)$/.exec(target.member);
  if (serviceAccount) return serviceAccountMatch(serviceAccount[1], token);
  const gke = GKE_PRINCIPAL.exec(target.member);
  if (gke) return gkeMatch(gke[1], gke[2], gke[3], token);

  if (!target.provider) return { verdict: 'unsupported', reason: `${target.member} is a federated member: evaluate it with the provider its identities use` };
  const admitted = evaluateGcpProvider(target.provider, token);
  if (admitted.verdict !== 'accepted') return admitted;
  const match = memberMatches(target.member, admitted.attributes ?? {}, target.poolName);
  switch (match.outcome) {
    case 'match':
      return { verdict: 'accepted', reason: `${admitted.reason}; ${match.reason}`, attributes: admitted.attributes };
    case 'no-match':
      return { verdict: 'rejected', stage: 'member', reason: match.reason };
    case 'unsupported':
      return { verdict: 'unsupported', reason: match.reason };
  }
}

/** A Google-signed ID token is the service account named by its `email` claim. */
function serviceAccountMatch(email: string, token: Token): GcpResult {
  const issuer = issuerOf(token);
  if (!issuer || !GOOGLE_ISSUERS.includes(issuer)) {
    return { verdict: 'rejected', stage: 'issuer', reason: `serviceAccount:${email} is a Google identity; the token is issued by ${issuer ?? '(none)'}` };
  }
  const claimed = stringClaimOf(token, 'email');
  return claimed === email
    ? { verdict: 'accepted', reason: `the Google-signed token's email is ${email}` }
    : { verdict: 'rejected', stage: 'member', reason: `the token's email ${claimed ?? '(none)'} is not ${email}` };
}

/**
 * GKE's built-in pool `<project>.svc.id.goog`: a pod's service account token, issued by a cluster of that
 * project, is the member `…/subject/ns/<namespace>/sa/<service account>`.
 */
function gkeMatch(projectId: string, namespace: string, serviceAccount: string, token: Token): GcpResult {
  const issuer = issuerOf(token) ?? '';
  const cluster = GKE_ISSUER.exec(issuer);
  if (!cluster || cluster[1] !== projectId) {
    return { verdict: 'rejected', stage: 'issuer', reason: `the token's issuer ${issuer || '(none)'} is not a GKE cluster of project ${projectId}` };
  }
  const subject = `system:serviceaccount:${namespace}:${serviceAccount}`;
  const claimed = stringClaimOf(token, 'sub');
  return claimed === subject
    ? { verdict: 'accepted', reason: `the GKE service account token's sub is ${subject}` }
    : { verdict: 'rejected', stage: 'member', reason: `the token's sub ${claimed ?? '(none)'} is not ${subject}` };
}
