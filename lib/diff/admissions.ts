import type { Manifest, ManifestAccountAccess, ManifestTrust } from '../manifest/manifest';
import type { IssuerKind } from '../model/identity';
import { awsStatementView, conditionTests } from '../trust/aws-view';
import { azureCredentialView } from '../trust/azure-view';
import { narrows } from '../trust/breadth';
import { gcpViews } from '../trust/gcp-view';
import { issuerKindOf } from '../trust/issuers';
import type { ClaimTest, TrustView } from '../trust/trust-view';

/**
 * One way into one workload's principal in one account, read from the manifest alone: the gate a token comes
 * through (AWS federated principal, GCP provider issuer or direct member, Azure issuer) and the tests it must pass,
 * each positive test holding a single value. Values of a test OR together, so splitting them gives admissions whose
 * union is the trust: a statement split in two by a recompile compares equal to the one it came from.
 */
export interface Admission {
  readonly gate: string;
  readonly anyPrincipal: boolean;
  readonly tests: readonly ClaimTest[];
  /** Labels of the workload identities it stands for. */
  readonly identities: readonly string[];
  /** Texts of the tests that came from a GCP provider's attribute condition, shared by every member of the provider. */
  readonly providerCondition: ReadonlySet<string>;
}

/** Beyond this many single-valued combinations an admission is compared whole (coverage stays sound, only coarser). */
const MAX_SPLIT = 256;

function withValue(test: ClaimTest, value: string): ClaimTest {
  return { ...test, values: [value], text: test.text };
}

/** The admission split into one admission per combination of single values of its positive tests. */
function split(tests: readonly ClaimTest[]): ClaimTest[][] {
  const combinations = tests.reduce((count, test) => count * (narrows(test) && test.match !== 'opaque' ? Math.max(test.values.length, 1) : 1), 1);
  if (combinations > MAX_SPLIT) return [[...tests]];
  return tests.reduce<ClaimTest[][]>(
    (partial, test) => {
      const choices = narrows(test) && test.match !== 'opaque' && test.values.length > 1 ? test.values.map((value) => withValue(test, value)) : [test];
      return partial.flatMap((prefix) => choices.map((choice) => [...prefix, choice]));
    },
    [[]],
  );
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `Federated:arn:… AWS:arn:…` (how the manifest writes a statement's principal) back as a `Principal` block. */
function principalOf(via: string): Record<string, string[]> {
  const principal: Record<string, string[]> = {};
  for (const part of via.split(' ')) {
    const colon = part.indexOf(':');
    if (colon > 0) principal[part.slice(0, colon)] = part.slice(colon + 1).split(',');
  }
  return principal;
}

const WHERE = { path: '' } as const;

function awsViews(manifest: Manifest, account: string, trust: ManifestTrust): { gate: string; views: TrustView[] } {
  const condition = isObject(trust.condition) ? trust.condition : {};
  const statement = { Effect: 'Allow', Principal: principalOf(trust.via), Action: condition.action, Condition: condition.conditions };
  const providers = manifest.shared?.aws?.[account]?.oidcProviders ?? [];
  const federated = principalOf(trust.via).Federated?.[0];
  const issuerKind = providers.find((provider) => provider.arn === federated)?.issuerKind;
  const view = awsStatementView(statement, { where: WHERE, access: 'unknown', ...(issuerKind ? { issuerKind } : {}) });
  // The action is part of what a caller may do with the role (tagging sessions, assuming it): a test of its own.
  const action: ClaimTest = { claim: '(action)', match: 'equals', values: [condition.action].flat().filter((a): a is string => typeof a === 'string'), text: 'Action' };
  // A statement trusting an AWS principal or service admits no token: the principal itself is the gate.
  return { gate: trust.via, views: view ? [{ ...view, tests: [...view.tests, action] }] : [{ ...emptyView('aws'), tests: [...conditionTests(condition.conditions), action] }] };
}

function emptyView(cloud: TrustView['cloud']): TrustView {
  return { cloud, issuer: { kind: 'generic' }, tests: [], complete: true, access: 'unknown', where: WHERE };
}

interface ReadTrust {
  readonly gate: string;
  readonly views: TrustView[];
  /** Texts of the tests that came from a provider's attribute condition. */
  readonly fromCondition: Set<string>;
}

function gcpAdmissionViews(manifest: Manifest, account: string, trust: ManifestTrust): ReadTrust {
  const condition = isObject(trust.condition) ? trust.condition : {};
  const member = text(condition.member) ?? trust.via;
  const claims = isObject(condition.claims) ? (condition.claims as Record<string, string>) : undefined;
  const provider = (manifest.shared?.gcp?.[account]?.providers ?? []).find((p) => p.id === condition.provider);
  const fromCondition = new Set<string>();
  if (!provider || provider.type !== 'oidc' || !claims) {
    // A direct member (a GKE service account, a cross-cloud principal) is admitted by its exact name.
    const memberTests: ClaimTest[] = Object.keys(claims ?? {})
      .sort()
      .map((claim) => ({ claim, match: 'equals', values: [claims![claim]], text: `member ${claim} == '${claims![claim]}'` }));
    return { gate: provider ? `${provider.name} ${member}` : member, views: [{ ...emptyView('gcp'), tests: memberTests }], fromCondition };
  }
  const views = gcpViews({
    ...(provider.issuer ? { issuer: provider.issuer } : {}),
    issuerKind: provider.issuerKind ?? 'generic',
    attributeCondition: provider.attributeCondition ?? '',
    memberClaims: claims,
    wholePool: member.endsWith('/*'),
    access: 'unknown',
    where: WHERE,
  });
  // Empty allowed audiences mean the provider's own name is the one accepted audience.
  const audience: ClaimTest = { claim: 'aud', match: 'equals', values: provider.allowedAudiences.length > 0 ? [...provider.allowedAudiences] : [provider.name], text: 'allowed audiences' };
  for (const view of views) for (const test of view.tests) if (!test.text.startsWith('member ')) fromCondition.add(test.text);
  return { gate: `gcp ${provider.issuer ?? provider.id}`, views: views.map((view) => ({ ...view, tests: [...view.tests, audience] })), fromCondition };
}

function azureViews(trust: ManifestTrust): { gate: string; views: TrustView[] } {
  const condition = isObject(trust.condition) ? trust.condition : {};
  const issuer = text(condition.issuer);
  if (issuer === undefined) return { gate: trust.via, views: [emptyView('azure')] };
  const kind: IssuerKind = issuerKindOf(issuer);
  const subject = text(condition.subject);
  const audience = text(condition.audience);
  const view = azureCredentialView({ issuer, issuerKind: kind, ...(subject !== undefined ? { subject } : {}), audiences: audience !== undefined ? [audience] : [], access: 'unknown', where: WHERE });
  return { gate: `azure ${issuer}`, views: [view] };
}

/** Every admission of one workload's principal in one account. */
export function admissionsOf(manifest: Manifest, workload: string, account: string): Admission[] {
  const entry = manifest.workloads[workload];
  const access: ManifestAccountAccess | undefined = entry?.access[account];
  if (!access) return [];
  const labels = new Map(entry.identities.map((identity) => [identity.index, identity.label]));
  return access.trust.flatMap((trust) => {
    const identities = trust.identities.map((index) => labels.get(index) ?? `identities[${index}]`);
    const read =
      access.cloud === 'aws' ? { ...awsViews(manifest, account, trust), fromCondition: new Set<string>() } : access.cloud === 'gcp' ? gcpAdmissionViews(manifest, account, trust) : { ...azureViews(trust), fromCondition: new Set<string>() };
    return read.views.flatMap((view) =>
      split(view.tests).map((tests) => ({
        gate: read.gate,
        anyPrincipal: view.anyPrincipal === true,
        tests,
        identities,
        providerCondition: read.fromCondition,
      })),
    );
  });
}
