import type { ClaimTest, TrustLocation, TrustView } from './trust-view';
import type { IssuerKind } from '../model/identity';

export interface AzureCredentialInput {
  readonly issuer: string;
  readonly issuerKind: IssuerKind;
  /** The exact subject of a classic credential. */
  readonly subject?: string;
  /** Claim tests of a flexible credential's `claimsMatchingExpression`, ANDed. */
  readonly expressionTests?: readonly ClaimTest[];
  readonly audiences: readonly string[];
  readonly access: TrustView['access'];
  readonly where: TrustLocation;
}

/** A federated identity credential: exact issuer and audience, and an exact subject or a flexible expression. */
export function azureCredentialView(input: AzureCredentialInput): TrustView {
  const subject: ClaimTest[] =
    input.subject !== undefined ? [{ claim: 'sub', match: 'equals', values: [input.subject], text: `subject == '${input.subject}'` }] : [];
  const audience: ClaimTest = { claim: 'aud', match: 'equals', values: input.audiences, text: `audiences ${JSON.stringify(input.audiences)}` };
  return {
    cloud: 'azure',
    issuer: { kind: input.issuerKind, url: input.issuer },
    tests: [...subject, ...(input.expressionTests ?? []), audience],
    complete: true,
    access: input.access,
    where: input.where,
  };
}
