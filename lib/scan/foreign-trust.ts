import { readPoolMember } from './gcp-member';
import { ClaimsExpressionError, parseClaimsExpression } from '../evaluate/azure-expression';
import type { IssuerKind } from '../model/identity';
import { runRules } from '../rules/check';
import type { Finding } from '../rules/rule';
import { awsStatementView, conditionTests, type ForeignStatement } from '../trust/aws-view';
import { azureCredentialView } from '../trust/azure-view';
import { gcpViews } from '../trust/gcp-view';
import { ISSUER_READERS, issuerKindOf } from '../trust/issuers';
import type { ClaimTest, TrustLocation, TrustView } from '../trust/trust-view';

/**
 * The rules applied to trust written by anyone (SPEC §5 `scan`): an AWS trust policy, a GCP provider condition,
 * an Azure federated credential. What the admitted identity may do is unknown here, so it is judged as a write.
 */
export interface ForeignOptions {
  /** Where the trust was found, for findings; `path` defaults to the kind of trust. */
  readonly where?: Partial<TrustLocation>;
  /** The issuer family, when the URL does not tell (e.g. a self-managed GitLab). */
  readonly issuerKind?: IssuerKind;
}

const located = (options: ForeignOptions | undefined, path: string): TrustLocation => ({ path, ...options?.where });

function judge(views: readonly TrustView[]): Finding[] {
  return runRules({ trust: views, permissions: [], sessions: [] });
}

/** Every statement of an AWS role trust policy (`AssumeRolePolicyDocument`). */
export function scanAwsTrustPolicy(policy: unknown, options?: ForeignOptions): Finding[] {
  const statements = (policy as { Statement?: unknown } | undefined)?.Statement;
  const list = (Array.isArray(statements) ? statements : [statements]).filter((s): s is ForeignStatement => typeof s === 'object' && s !== null);
  return judge(
    list.flatMap((statement, index) => {
      const view = awsStatementView(statement, {
        where: located(options, `Statement[${index}]`),
        access: 'unknown',
        ...(options?.issuerKind ? { issuerKind: options.issuerKind } : {}),
      });
      return view ? [view] : [];
    }),
  );
}

/**
 * One `Condition` block or clause of a web-identity trust for `issuer`, judged on its own: rules about what a
 * whole trust must contain (a subject, a tenant pin) are left to the whole policy.
 */
export function scanAwsCondition(issuer: string, condition: unknown, options?: ForeignOptions): Finding[] {
  return judge([
    {
      cloud: 'aws',
      issuer: { kind: options?.issuerKind ?? issuerKindOf(issuer), url: issuer },
      tests: conditionTests(condition),
      complete: false,
      access: 'unknown',
      where: located(options, 'Condition'),
    },
  ]);
}

export interface ForeignGcpProvider {
  readonly issuer: string;
  readonly attributeCondition: string;
  /** Bound members with the exact claims each stands for; without them the condition alone is judged. */
  readonly members?: readonly { readonly member: string; readonly claims?: Readonly<Record<string, string>> }[];
}

/**
 * A workload identity pool provider's attribute condition, alone or joined with each bound member; a shared issuer's
 * provider without a condition is also judged alone (every tenant of the issuer enters its pool).
 */
export function scanGcpProvider(provider: ForeignGcpProvider, options?: ForeignOptions): Finding[] {
  const issuerKind = options?.issuerKind ?? issuerKindOf(provider.issuer);
  const base = { issuer: provider.issuer, issuerKind, attributeCondition: provider.attributeCondition, access: 'unknown' as const };
  const members = provider.members ?? [];
  const alone = gcpViews({ ...base, where: located(options, 'attributeCondition') });
  if (members.length === 0) return judge(alone);
  const openToEveryTenant = provider.attributeCondition.trim() === '' && ISSUER_READERS[issuerKind].shared(provider.issuer);
  return judge([
    ...(openToEveryTenant ? alone : []),
    ...members.flatMap(({ member, claims }) => {
      const attribute = readPoolMember(member)?.attribute;
      const memberSet = attribute !== undefined && attribute.name !== 'google.subject' ? { memberSet: member } : {};
      return gcpViews({ ...base, ...(claims ? { memberClaims: claims } : {}), ...memberSet, wholePool: member.endsWith('/*'), where: located(options, member) });
    }),
  ]);
}

export interface ForeignAzureCredential {
  readonly issuer: string;
  readonly subject?: string;
  readonly claimsMatchingExpression?: string;
  readonly audiences: readonly string[];
}

/** The clauses of a flexible credential's `claimsMatchingExpression`; one that does not parse pins nothing. */
export function claimsExpressionTests(expression: string): ClaimTest[] {
  try {
    return parseClaimsExpression(expression).clauses.map((clause) => ({
      claim: clause.claim,
      match: clause.operator === 'eq' ? 'equals' : 'glob',
      values: [clause.comparand],
      text: `claims['${clause.claim}'] ${clause.operator} '${clause.comparand}'`,
    }));
  } catch (error) {
    if (!(error instanceof ClaimsExpressionError)) throw error;
    return [{ claim: '', match: 'opaque', values: [], text: expression }];
  }
}

/** A federated identity credential: classic (exact subject) or flexible (`claimsMatchingExpression`). */
export function scanAzureCredential(credential: ForeignAzureCredential, options?: ForeignOptions): Finding[] {
  return judge([
    azureCredentialView({
      issuer: credential.issuer,
      issuerKind: options?.issuerKind ?? issuerKindOf(credential.issuer),
      ...(credential.subject !== undefined ? { subject: credential.subject } : {}),
      ...(credential.claimsMatchingExpression !== undefined ? { expressionTests: claimsExpressionTests(credential.claimsMatchingExpression) } : {}),
      audiences: credential.audiences,
      access: 'unknown',
      where: located(options, 'federatedIdentityCredential'),
    }),
  ]);
}
