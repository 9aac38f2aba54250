import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCondition, type ConditionBlock } from '../../lib/evaluate/aws-condition';
import { evaluateAzureCredential, evaluateFlexibleCredential } from '../../lib/evaluate/azure';
import { evaluateAttributeCondition } from '../../lib/evaluate/gcp';

// The subvectors conformance corpus (CC0, see test/fixtures/subvectors/SOURCE.md): each vector is one token against
// one trust condition, with the verdict the cloud's own evaluator reaches. Every vector runs through our evaluator.

type CorpusIssuer = 'github' | 'gitlab' | 'bitbucket' | 'circleci' | 'terraform-cloud';
type Consumer = 'aws-stringlike' | 'aws-stringequals' | 'aws-all' | 'azure-fic-exact' | 'azure-fic-flexible' | 'gcp-cel';

interface CorpusCondition {
  readonly consumer: Consumer;
  readonly claim?: string;
  readonly pattern?: string | readonly string[];
  readonly of?: readonly CorpusCondition[];
}

interface Vector {
  readonly id: string;
  readonly issuer: CorpusIssuer;
  readonly subject: string;
  readonly claims?: Readonly<Record<string, string>>;
  readonly condition: CorpusCondition;
  readonly expect: 'match' | 'no-match';
}

const CORPUS = join(__dirname, '..', 'fixtures', 'subvectors');

const VECTORS: readonly Vector[] = readdirSync(CORPUS)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .flatMap((file) => (JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as { vectors: Vector[] }).vectors);

/** The corpus names no Bitbucket workspace; the slug only prefixes the condition keys. */
const BITBUCKET_WORKSPACE = 'octo-workspace';

/** Each CI system's real issuer URL (shared/reference/CLAIMS.md). */
function issuerOf(vector: Vector): string {
  switch (vector.issuer) {
    case 'github':
      return 'https://token.actions.githubusercontent.com';
    case 'gitlab':
      return 'https://gitlab.com';
    case 'terraform-cloud':
      return 'https://app.terraform.io';
    case 'bitbucket':
      return `https://api.bitbucket.org/2.0/workspaces/${BITBUCKET_WORKSPACE}/pipelines-config/identity/oidc`;
    case 'circleci': {
      // CircleCI's issuer is per organization, and its sub starts with org/<org id>/.
      const organization = /^org\/([^/]+)\//.exec(vector.subject);
      if (!organization) throw new Error(`${vector.id}: a CircleCI subject starts with org/<org id>/`);
      return `https://oidc.circleci.com/org/${organization[1]}`;
    }
  }
}

const claimsOf = (vector: Vector): Readonly<Record<string, string>> => vector.claims ?? { sub: vector.subject };

const AWS_OPERATOR: Readonly<Record<string, string>> = { 'aws-stringequals': 'StringEquals', 'aws-stringlike': 'StringLike' };

/** The IAM Condition block a vector's AWS condition stands for: one clause per entry, keys `<host/path>:<claim>`. */
function awsConditionOf(condition: CorpusCondition, keyPrefix: string): ConditionBlock {
  const block: Record<string, Record<string, string | readonly string[]>> = {};
  for (const clause of condition.consumer === 'aws-all' ? condition.of ?? [] : [condition]) {
    const operator = AWS_OPERATOR[clause.consumer];
    const key = `${keyPrefix}:${clause.claim ?? 'sub'}`;
    if (!operator || clause.pattern === undefined) throw new Error(`not an AWS string condition: ${JSON.stringify(clause)}`);
    block[operator] ??= {};
    if (block[operator][key] !== undefined) throw new Error(`${operator} on ${key} appears twice in one block`);
    block[operator][key] = clause.pattern;
  }
  return block;
}

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
      return evaluateCondition(awsConditionOf(condition, keyPrefix), context).outcome;
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
