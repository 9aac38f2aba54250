import { evaluateAzureCredential, evaluateFlexibleCredential } from '../../lib/evaluate/azure';
import { ClaimsExpressionError, evaluateClaimsExpression, parseClaimsExpression } from '../../lib/evaluate/azure-expression';
import { flexibleCredentialProblems } from '../../lib/evaluate/azure-flexible-support';

// Microsoft Learn: classic federated identity credentials match issuer and subject exactly ("Wildcard characters
// aren't supported in any federated identity credential property value"); flexible credentials use the restricted
// claimsMatchingExpression language (claims['<name>'], eq / matches with ? and *, and; single-quoted comparands;
// single spaces between the parts).

const GITHUB = 'https://token.actions.githubusercontent.com';
const EXCHANGE = 'api://AzureADTokenExchange';

const token = (claims: Record<string, unknown>, issuer = GITHUB) => ({ issuer, claims: { aud: EXCHANGE, ...claims } });

describe('classic (exact) credentials', () => {
  const credential = { issuer: GITHUB, subject: 'repo:acme/web:environment:production', audience: EXCHANGE };

  test('admit the exact issuer, subject and audience', () => {
    expect(evaluateAzureCredential(credential, token({ sub: 'repo:acme/web:environment:production' }))).toEqual({
      verdict: 'accepted',
      reason: `issuer ${GITHUB}, subject repo:acme/web:environment:production and audience ${EXCHANGE} match exactly`,
    });
  });

  test.each([
    ['another environment', 'repo:acme/web:environment:staging'],
    ['different case', 'repo:Acme/web:environment:production'],
    ['a trailing space', 'repo:acme/web:environment:production '],
    ['the immutable subject form', 'repo:acme@65/web@74:environment:production'],
  ])('reject %s', (_case, sub) => {
    expect(evaluateAzureCredential(credential, token({ sub })).verdict).toBe('rejected');
  });

  test('a wildcard in the credential is a literal character', () => {
    const wildcard = { ...credential, subject: 'repo:acme/*' };
    expect(evaluateAzureCredential(wildcard, token({ sub: 'repo:acme/web:environment:production' })).verdict).toBe('rejected');
    expect(evaluateAzureCredential(wildcard, token({ sub: 'repo:acme/*' })).verdict).toBe('accepted');
  });

  test('the issuer must be exact and free of surrounding whitespace', () => {
    expect(evaluateAzureCredential(credential, token({ sub: credential.subject }, 'https://gitlab.com'))).toEqual({
      verdict: 'rejected',
      stage: 'issuer',
      reason: `the token's issuer "https://gitlab.com" is not exactly "${GITHUB}"`,
    });
    expect(evaluateAzureCredential({ ...credential, issuer: `${GITHUB} ` }, token({ sub: credential.subject }, `${GITHUB} `))).toEqual({
      verdict: 'rejected',
      stage: 'issuer',
      reason: `the token's issuer "${GITHUB} " has leading or trailing whitespace, which blocks the exchange`,
    });
  });

  test('the audience must be among the token audiences', () => {
    expect(evaluateAzureCredential(credential, token({ sub: credential.subject, aud: ['https://github.com/acme', EXCHANGE] })).verdict).toBe('accepted');
    expect(evaluateAzureCredential(credential, token({ sub: credential.subject, aud: 'https://github.com/acme' }))).toEqual({
      verdict: 'rejected',
      stage: 'audience',
      reason: `the token's audiences ["https://github.com/acme"] do not include ${EXCHANGE}`,
    });
  });
});

describe('the claimsMatchingExpression language', () => {
  test('parses clauses joined by and', () => {
    expect(
      parseClaimsExpression("claims['sub'] matches 'repo:contoso/contoso-repo:ref:refs/heads/*' and claims['repository_id'] eq '456789'"),
    ).toEqual({
      clauses: [
        { claim: 'sub', operator: 'matches', comparand: 'repo:contoso/contoso-repo:ref:refs/heads/*', position: 0 },
        { claim: 'repository_id', operator: 'eq', comparand: '456789', position: 71 },
      ],
    });
  });

  test('a quote inside a comparand is written twice', () => {
    expect(parseClaimsExpression("claims['sub'] eq 'it''s'").clauses[0].comparand).toBe("it's");
  });

  test.each([
    ["claims['sub'] == 'x'", 14, "unexpected character \"=\"; the language has claims['<name>'], eq, matches, and, and single-quoted values"],
    ["claims['sub'] EQ 'x'", 14, 'expected the operator eq or matches (lowercase) but found "EQ"'],
    ["claims['sub'] like 'x'", 14, 'expected the operator eq or matches (lowercase) but found "like"'],
    ["claims['sub']  eq 'x'", 13, 'expected a single space after the claim lookup but found "  "'],
    ["claims['sub'] eq 'x' or claims['sub'] eq 'y'", 21, "expected 'and' (the only connective) but found \"or\""],
    ["claims['sub'] eq 'x' AND claims['sub'] eq 'y'", 21, "expected 'and' (the only connective) but found \"AND\""],
    ["(claims['sub'] eq 'x')", 0, 'unexpected character "("'],
    ["claims[\"sub\"] eq 'x'", 7, 'unexpected character "\\""'],
    ["claims['sub'] eq x", 17, 'expected a comparand in single quotes but found "x"'],
    ["claims['sub'] eq 'x", 17, 'quoted text is not closed'],
    ["claims['sub'] eq 'x' ", 21, "expected 'and' (the only connective) but found the end of the expression"],
    ["claims['sub'] matches 'repo:contoso/contoso-repo:ref:refs/heads/*'.", 66, 'unexpected character "."'],
    ["claims[''] eq 'x'", 7, 'the claim name is empty'],
    ["claims.sub eq 'x'", 6, 'unexpected character "."'],
    ['', 0, "expected a claim lookup claims['<name>'] but found the end of the expression"],
  ])('refuses %j at position %i', (source, position, message) => {
    let error: unknown;
    try {
      parseClaimsExpression(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ClaimsExpressionError);
    expect((error as ClaimsExpressionError).position).toBe(position);
    expect((error as ClaimsExpressionError).message).toContain(`claimsMatchingExpression, position ${position}: ${message}`);
  });

  test('eq is exact and case-sensitive; matches is an anchored ? and * wildcard match', () => {
    const holds = (expression: string, claims: Record<string, unknown>) =>
      evaluateClaimsExpression(parseClaimsExpression(expression), claims).matches;
    expect(holds("claims['sub'] eq 'repo:acme/web:ref:refs/heads/main'", { sub: 'repo:acme/web:ref:refs/heads/main' })).toBe(true);
    expect(holds("claims['sub'] eq 'repo:acme/web:ref:refs/heads/main'", { sub: 'repo:ACME/web:ref:refs/heads/main' })).toBe(false);
    expect(holds("claims['sub'] eq 'repo:acme/*'", { sub: 'repo:acme/web' })).toBe(false);
    expect(holds("claims['sub'] matches 'repo:acme/*'", { sub: 'repo:acme/web:ref:refs/heads/a/b' })).toBe(true);
    expect(holds("claims['sub'] matches 'repo:acme/web:ref:refs/heads/????'", { sub: 'repo:acme/web:ref:refs/heads/main' })).toBe(true);
    expect(holds("claims['sub'] matches 'repo:acme/web:ref:refs/heads/????'", { sub: 'repo:acme/web:ref:refs/heads/master' })).toBe(false);
    expect(holds("claims['sub'] matches 'repo:acme/*'", { sub: 'prefix-repo:acme/web' })).toBe(false);
  });

  test('every clause must hold; a missing or non-string claim fails its clause', () => {
    const expression = parseClaimsExpression("claims['sub'] matches 'repo:acme/web:*' and claims['repository_id'] eq '74'");
    expect(evaluateClaimsExpression(expression, { sub: 'repo:acme/web:pull_request', repository_id: '74' })).toEqual({ matches: true });
    expect(evaluateClaimsExpression(expression, { sub: 'repo:acme/web:pull_request', repository_id: '75' })).toEqual({
      matches: false,
      clause: expression.clauses[1],
      reason: "repository_id \"75\" does not equal '74'",
    });
    expect(evaluateClaimsExpression(expression, { sub: 'repo:acme/web:pull_request' })).toEqual({
      matches: false,
      clause: expression.clauses[1],
      reason: 'the token has no repository_id claim',
    });
    expect(evaluateClaimsExpression(expression, { sub: 'repo:acme/web:pull_request', repository_id: 74 }).matches).toBe(false);
  });
});

describe('flexible credentials', () => {
  const flexible = {
    issuer: GITHUB,
    audience: EXCHANGE,
    claimsMatchingExpression: "claims['sub'] matches 'repo:acme/web:ref:refs/heads/*' and claims['repository_id'] eq '74'",
  };

  test('admit a token from the issuer, for the audience, whose claims satisfy the expression', () => {
    expect(evaluateFlexibleCredential(flexible, token({ sub: 'repo:acme/web:ref:refs/heads/feature/x', repository_id: '74' })).verdict).toBe('accepted');
    expect(evaluateFlexibleCredential(flexible, token({ sub: 'repo:acme/web:ref:refs/tags/v1', repository_id: '74' }))).toEqual({
      verdict: 'rejected',
      stage: 'expression',
      reason: "sub \"repo:acme/web:ref:refs/tags/v1\" does not match 'repo:acme/web:ref:refs/heads/*'",
    });
    expect(evaluateFlexibleCredential(flexible, token({ sub: 'repo:acme/web:ref:refs/heads/main', repository_id: '74' }, 'https://gitlab.com')).verdict).toBe('rejected');
  });

  test('an expression outside the language cannot be evaluated', () => {
    expect(evaluateFlexibleCredential({ ...flexible, claimsMatchingExpression: "claims['sub'] startswith 'repo:'" }, token({ sub: 'repo:x' }))).toEqual({
      verdict: 'unsupported',
      reason: 'claimsMatchingExpression, position 14: expected the operator eq or matches (lowercase) but found "startswith"',
    });
  });
});

describe('what Entra accepts at creation', () => {
  const problems = (issuer: string, expression: string) => flexibleCredentialProblems(issuer, parseClaimsExpression(expression));

  test('GitHub: sub plus an immutable id, job_workflow_ref allowed, ids with eq only', () => {
    expect(problems(GITHUB, "claims['sub'] matches 'repo:acme/*' and claims['repository_owner_id'] eq '65'")).toEqual([]);
    expect(problems(GITHUB, "claims['sub'] matches 'repo:acme/*'")).toEqual([
      'GitHub flexible credentials must also match repository_id or repository_owner_id (eq), so a recycled name never matches',
    ]);
    expect(problems(GITHUB, "claims['sub'] eq 'x' and claims['repository_id'] matches '7*' and claims['environment'] eq 'prod'")).toEqual([
      'GitHub claim repository_id supports eq, not matches',
      'GitHub flexible credentials cannot reference claim environment (supported: sub, job_workflow_ref, repository_id, repository_owner_id)',
    ]);
  });

  test('GitLab and Terraform Cloud: sub only, on their documented issuers', () => {
    expect(problems('https://gitlab.com', "claims['sub'] matches 'project_path:acme/*'")).toEqual([]);
    expect(problems('https://gitlab.example.ca', "claims['sub'] eq 'x'")).toEqual([]);
    expect(problems('https://app.eu.terraform.io', "claims['sub'] matches 'organization:acme:*'")).toEqual([]);
    expect(problems('https://gitlab.com', "claims['sub'] eq 'x' and claims['project_id'] eq '20'")).toEqual([
      'GitLab flexible credentials cannot reference claim project_id (supported: sub)',
    ]);
    expect(problems('https://oidc.circleci.com/org/1', "claims['sub'] eq 'x'")).toEqual([
      'flexible federated identity credentials support only GitHub, GitLab and Terraform Cloud issuers, not https://oidc.circleci.com/org/1',
    ]);
  });
});
