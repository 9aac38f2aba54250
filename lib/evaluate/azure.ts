import { ClaimsExpressionError, evaluateClaimsExpression, parseClaimsExpression, type ClaimsExpression } from './azure-expression';
import { audiencesOf, issuerOf, stringClaimOf, type Token } from './token';
import type { AzureFederatedCredential } from '../plan/plan';

/**
 * Microsoft Entra federated identity credentials. A classic credential admits a token whose issuer and subject
 * equal its own, exactly and case-sensitively ("Wildcard characters aren't supported in any federated identity
 * credential property value"), and whose audience includes the credential's audience. A flexible credential
 * replaces the subject with a claimsMatchingExpression (see azure-expression.ts).
 */

export type AzureStage = 'issuer' | 'audience' | 'subject' | 'expression';

export type AzureResult =
  | { readonly verdict: 'accepted'; readonly reason: string }
  | { readonly verdict: 'rejected'; readonly stage: AzureStage; readonly reason: string }
  | { readonly verdict: 'unsupported'; readonly reason: string };

/** A classic credential's matching fields (the Plan's AzureFederatedCredential carries them). */
export type ExactFederatedCredential = Pick<AzureFederatedCredential, 'issuer' | 'subject' | 'audience'>;

/** A flexible credential: the subject is replaced by an expression over the token's claims. */
export interface FlexibleFederatedCredential {
  readonly issuer: string;
  readonly audience: string;
  readonly claimsMatchingExpression: string;
}

export function evaluateAzureCredential(credential: ExactFederatedCredential, token: Token): AzureResult {
  const common = issuerAndAudience(credential, token);
  if (common) return common;
  const subject = stringClaimOf(token, 'sub');
  return subject === credential.subject
    ? { verdict: 'accepted', reason: `issuer ${credential.issuer}, subject ${credential.subject} and audience ${credential.audience} match exactly` }
    : { verdict: 'rejected', stage: 'subject', reason: `the token's subject ${JSON.stringify(subject ?? null)} is not exactly ${JSON.stringify(credential.subject)}` };
}

export function evaluateFlexibleCredential(credential: FlexibleFederatedCredential, token: Token): AzureResult {
  let expression: ClaimsExpression;
  try {
    expression = parseClaimsExpression(credential.claimsMatchingExpression);
  } catch (error) {
    if (error instanceof ClaimsExpressionError) return { verdict: 'unsupported', reason: error.message };
    throw error;
  }
  const common = issuerAndAudience(credential, token);
  if (common) return common;
  const evaluation = evaluateClaimsExpression(expression, token.claims);
  return evaluation.matches
    ? { verdict: 'accepted', reason: `issuer ${credential.issuer} and audience ${credential.audience} match and ${credential.claimsMatchingExpression} holds` }
    : { verdict: 'rejected', stage: 'expression', reason: evaluation.reason };
}

/** Why the issuer or audience rules the token out, if they do. */
function issuerAndAudience(credential: { readonly issuer: string; readonly audience: string }, token: Token): AzureResult | undefined {
  const issuer = issuerOf(token);
  if (issuer !== undefined && issuer !== issuer.trim()) {
    return { verdict: 'rejected', stage: 'issuer', reason: `the token's issuer ${JSON.stringify(issuer)} has leading or trailing whitespace, which blocks the exchange` };
  }
  if (issuer !== credential.issuer) {
    return { verdict: 'rejected', stage: 'issuer', reason: `the token's issuer ${JSON.stringify(issuer ?? null)} is not exactly ${JSON.stringify(credential.issuer)}` };
  }
  if (!audiencesOf(token).includes(credential.audience)) {
    return { verdict: 'rejected', stage: 'audience', reason: `the token's audiences ${JSON.stringify(audiencesOf(token))} do not include ${credential.audience}` };
  }
  return undefined;
}
