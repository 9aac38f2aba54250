import { evaluateCondition } from '../../lib/evaluate/aws-condition';
import { evaluateAzureCredential, evaluateFlexibleCredential } from '../../lib/evaluate/azure';
import { evaluateAttributeCondition } from '../../lib/evaluate/gcp';
import { awsConditionOf, issuerOf, VECTORS, type Vector } from '../corpus/subvectors';

// Every vector of the subvectors corpus runs through our evaluator: its verdict must be the cloud's.

const claimsOf = (vector: Vector): Readonly<Record<string, string>> => vector.claims ?? { sub: vector.subject };

type Verdict = 'match' | 'no-match' | 'unsupported';

const fromTrust = (verdict: 'accepted' | 'rejected' | 'unsupported'): Verdict =>
  verdict === 'accepted' ? 'match' : verdict === 'rejected' ? 'no-match' : 'unsupported';

const AZURE_AUDIENCE = 'api://AzureADTokenExchange';

function verdictOf(vector: Vector): Verdict {
  const issuer = issuerOf(vector);
  const claims = claimsOf(vector);
  const { condition } = vector;
  switch (condition.consumer) {
    case 'aws-stringequals':
    case 'aws-stringlike':
    case 'aws-all': {
      // The corpus models the condition itself, so every claim of the vector is a context key.
      const keyPrefix = issuer.replace(/^https:\/\//, '');
      const context = Object.fromEntries(Object.entries(claims).map(([claim, value]) => [`${keyPrefix}:${claim}`, value]));
      return evaluateCondition(awsConditionOf(condition, issuer), context).outcome;
    }
    case 'gcp-cel':
      return fromTrust(evaluateAttributeCondition(condition.pattern as string, claims).verdict);
    case 'azure-fic-exact':
      return fromTrust(
        evaluateAzureCredential(
          { issuer, subject: condition.pattern as string, audience: AZURE_AUDIENCE },
          { issuer, claims: { ...claims, aud: AZURE_AUDIENCE } },
        ).verdict,
      );
    case 'azure-fic-flexible':
      return fromTrust(
        evaluateFlexibleCredential(
          { issuer, audience: AZURE_AUDIENCE, claimsMatchingExpression: condition.pattern as string },
          { issuer, claims: { ...claims, aud: AZURE_AUDIENCE } },
        ).verdict,
      );
  }
}

describe('the subvectors corpus', () => {
  test('holds 133 vectors with unique ids', () => {
    expect(VECTORS).toHaveLength(133);
    expect(new Set(VECTORS.map((vector) => vector.id)).size).toBe(133);
  });

  test.each(VECTORS.map((vector) => [vector.id, vector] as const))('%s', (_id, vector) => {
    expect(verdictOf(vector)).toBe(vector.expect);
  });
});
