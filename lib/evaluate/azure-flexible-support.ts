import type { ClaimsExpression, ClaimsOperator } from './azure-expression';

/**
 * Which flexible credentials Entra accepts at creation (Microsoft Learn, "Flexible federated identity
 * credentials", issuer URLs, supported claims and operators by platform, 2026-08): only GitHub, GitLab and
 * Terraform Cloud issuers, each with its own claims and operators, and for GitHub the `sub` claim plus at least one
 * immutable id (`repository_id`, `repository_owner_id`). Flexible credentials exist on application objects only,
 * not on managed identities. Credentials created before the GitHub immutable-id rule may still lack it, so this is
 * a check for rules, separate from evaluation.
 */

interface Platform {
  readonly name: string;
  readonly issuers: RegExp;
  readonly claims: Readonly<Record<string, readonly ClaimsOperator[]>>;
  /** At least one of these claims must be referenced. */
  readonly requiresOneOf?: readonly string[];
}

const BOTH: readonly ClaimsOperator[] = ['eq', 'matches'];

const PLATFORMS: readonly Platform[] = [
  {
    name: 'GitHub',
    issuers: /^https:\/\/token\.actions\.githubusercontent\.com$/,
    claims: { sub: BOTH, job_workflow_ref: BOTH, repository_id: ['eq'], repository_owner_id: ['eq'] },
    requiresOneOf: ['repository_id', 'repository_owner_id'],
  },
  { name: 'GitLab', issuers: /^https:\/\/gitlab(\.[^./]+)?\.(com|ca)$/, claims: { sub: BOTH } },
  { name: 'Terraform Cloud', issuers: /^https:\/\/app(\.eu)?\.terraform\.io$/, claims: { sub: BOTH } },
];

/** What Entra would refuse about this flexible credential; empty when it is acceptable. */
export function flexibleCredentialProblems(issuer: string, expression: ClaimsExpression): string[] {
  const platform = PLATFORMS.find((candidate) => candidate.issuers.test(issuer));
  if (!platform) return [`flexible federated identity credentials support only GitHub, GitLab and Terraform Cloud issuers, not ${issuer}`];
  const problems: string[] = [];
  for (const clause of expression.clauses) {
    const operators = platform.claims[clause.claim];
    if (!operators) {
      problems.push(`${platform.name} flexible credentials cannot reference claim ${clause.claim} (supported: ${Object.keys(platform.claims).join(', ')})`);
    } else if (!operators.includes(clause.operator)) {
      problems.push(`${platform.name} claim ${clause.claim} supports ${operators.join(' and ')}, not ${clause.operator}`);
    }
  }
  const referenced = new Set(expression.clauses.map((clause) => clause.claim));
  if (!referenced.has('sub')) problems.push(`${platform.name} flexible credentials must match the sub claim`);
  if (platform.requiresOneOf && !platform.requiresOneOf.some((claim) => referenced.has(claim))) {
    problems.push(`${platform.name} flexible credentials must also match ${platform.requiresOneOf.join(' or ')} (eq), so a recycled name never matches`);
  }
  return problems;
}
