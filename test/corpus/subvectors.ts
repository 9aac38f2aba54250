import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The subvectors conformance corpus (CC0, see test/fixtures/subvectors/SOURCE.md): each vector is one token against
// one trust condition, with the verdict the cloud's own evaluator reaches and, for most, how risky the condition is.

export type CorpusIssuer = 'github' | 'gitlab' | 'bitbucket' | 'circleci' | 'terraform-cloud';
export type Consumer = 'aws-stringlike' | 'aws-stringequals' | 'aws-all' | 'azure-fic-exact' | 'azure-fic-flexible' | 'gcp-cel';
export type Grade = 'safe' | 'caution' | 'dangerous';

export interface CorpusCondition {
  readonly consumer: Consumer;
  readonly claim?: string;
  readonly pattern?: string | readonly string[];
  readonly of?: readonly CorpusCondition[];
}

export interface Vector {
  readonly id: string;
  readonly issuer: CorpusIssuer;
  readonly subject: string;
  readonly claims?: Readonly<Record<string, string>>;
  readonly condition: CorpusCondition;
  readonly expect: 'match' | 'no-match';
  readonly judgment?: { readonly grade: Grade };
}

const CORPUS = join(__dirname, '..', 'fixtures', 'subvectors');

/** Every vector of every suite, in file order. */
export const VECTORS: readonly Vector[] = readdirSync(CORPUS)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .flatMap((file) => (JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as { vectors: Vector[] }).vectors);

/** The corpus names no Bitbucket workspace; the slug only prefixes the condition keys. */
const BITBUCKET_WORKSPACE = 'octo-workspace';

/** Each CI system's real issuer URL (shared/reference/CLAIMS.md). */
export function issuerOf(vector: Vector): string {
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

const AWS_OPERATOR: Readonly<Record<string, string>> = { 'aws-stringequals': 'StringEquals', 'aws-stringlike': 'StringLike' };

/** The IAM Condition block of an AWS corpus condition: one clause per entry, keys `<issuer host/path>:<claim>`. */
export function awsConditionOf(condition: CorpusCondition, issuer: string): Record<string, Record<string, string | readonly string[]>> {
  const keyPrefix = issuer.replace(/^https:\/\//, '');
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
