import type { Finding } from '../../lib/rules/rule';
import { scanAwsCondition, scanAwsTrustPolicy, scanAzureCredential, scanGcpProvider } from '../../lib/scan/foreign-trust';
import { awsConditionOf, issuerOf, VECTORS, type Grade, type Vector } from '../corpus/subvectors';

// Grades every distinct condition of the subvectors corpus (CC0, test/fixtures/subvectors) with the scan rules:
// a condition the corpus grades only `dangerous` must be an error, a `caution` (or caution-and-dangerous) one at
// least a warning, and a `safe` one never an error.

function findingsOf(vector: Vector): Finding[] {
  const issuer = issuerOf(vector);
  const { condition } = vector;
  switch (condition.consumer) {
    case 'aws-stringequals':
    case 'aws-stringlike':
      // One clause of a statement: judged as a clause, not as a whole trust.
      return scanAwsCondition(issuer, awsConditionOf(condition, issuer));
    case 'aws-all':
      return scanAwsTrustPolicy({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer.replace('https://', '')}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: awsConditionOf(condition, issuer),
          },
        ],
      });
    case 'gcp-cel':
      return scanGcpProvider({ issuer, attributeCondition: condition.pattern as string });
    case 'azure-fic-exact':
      return scanAzureCredential({ issuer, subject: condition.pattern as string, audiences: ['api://AzureADTokenExchange'] });
    case 'azure-fic-flexible':
      return scanAzureCredential({ issuer, claimsMatchingExpression: condition.pattern as string, audiences: ['api://AzureADTokenExchange'] });
  }
}

type Verdict = 'error' | 'warning' | 'clean';
type GradeClass = 'safe' | 'caution' | 'caution+dangerous' | 'dangerous';

interface GradedCondition {
  readonly key: string;
  readonly vector: Vector;
  readonly grades: ReadonlySet<Grade>;
}

const graded = new Map<string, { vector: Vector; grades: Set<Grade> }>();
for (const vector of VECTORS) {
  if (!vector.judgment) continue;
  const key = `${vector.issuer} ${JSON.stringify(vector.condition)}`;
  const entry = graded.get(key) ?? { vector, grades: new Set<Grade>() };
  entry.grades.add(vector.judgment.grade);
  graded.set(key, entry);
}
const CONDITIONS: readonly GradedCondition[] = [...graded.entries()].map(([key, { vector, grades }]) => ({ key, vector, grades }));

function classOf(grades: ReadonlySet<Grade>): GradeClass {
  if (grades.has('safe')) return 'safe';
  if (grades.has('caution')) return grades.has('dangerous') ? 'caution+dangerous' : 'caution';
  return 'dangerous';
}

function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.length > 0 ? 'warning' : 'clean';
}

describe('subvectors corpus graded by the scan rules', () => {
  test('the corpus has 111 graded vectors over 92 distinct conditions, and grades never mix safe with dangerous', () => {
    expect(VECTORS.filter((v) => v.judgment).length).toBe(111);
    expect(CONDITIONS.length).toBe(92);
    expect(CONDITIONS.filter((c) => c.grades.has('safe') && c.grades.size > 1)).toEqual([]);
  });

  test.each(CONDITIONS.map((c) => [c.vector.id, c] as const))('%s', (_id, condition) => {
    const findings = findingsOf(condition.vector);
    const verdict = verdictOf(findings);
    const summary = findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`);
    switch (classOf(condition.grades)) {
      case 'dangerous':
        expect({ verdict, summary }).toEqual({ verdict: 'error', summary });
        break;
      case 'caution':
      case 'caution+dangerous':
        expect({ atLeastWarning: verdict !== 'clean', summary }).toEqual({ atLeastWarning: true, summary });
        break;
      case 'safe':
        expect({ error: verdict === 'error', summary }).toEqual({ error: false, summary });
        break;
    }
  });

  test('confusion matrix (grade × verdict)', () => {
    const matrix: Record<GradeClass, Record<Verdict, number>> = {
      'safe': { clean: 0, warning: 0, error: 0 },
      'caution': { clean: 0, warning: 0, error: 0 },
      'caution+dangerous': { clean: 0, warning: 0, error: 0 },
      'dangerous': { clean: 0, warning: 0, error: 0 },
    };
    for (const condition of CONDITIONS) matrix[classOf(condition.grades)][verdictOf(findingsOf(condition.vector))] += 1;
    const rows = Object.entries(matrix).map(([grade, cells]) => `${grade.padEnd(18)} ${String(cells.clean).padStart(5)} ${String(cells.warning).padStart(7)} ${String(cells.error).padStart(5)}`);
    console.log(['grade              clean warning error', ...rows].join('\n'));
    expect(matrix.dangerous.clean + matrix.dangerous.warning).toBe(0);
    expect(matrix.safe.error).toBe(0);
    expect(matrix.caution.clean + matrix['caution+dangerous'].clean).toBe(0);
  });
});
