import { evaluateAwsTrust, webIdentityRequestsOf, type TrustPolicy, type TrustStatement } from '../../lib/evaluate/aws-trust';

// How STS decides AssumeRoleWithWebIdentity (IAM User Guide, "Available keys for AWS OIDC federation" and
// "Policy evaluation logic"): the role trusts the OIDC provider of the token's issuer in its own account; condition
// keys are `<issuer host/path>:<claim>` for aud, sub and the issuer's documented extra claims; an explicit Deny wins.

const ACCOUNT = { partition: 'aws', accountId: '111122223333' };
const GITHUB = 'token.actions.githubusercontent.com';
const GITHUB_ARN = `arn:aws:iam::111122223333:oidc-provider/${GITHUB}`;
const GITLAB_ARN = 'arn:aws:iam::111122223333:oidc-provider/gitlab.com';

/** A GitHub Actions token for the production environment of acme/web (shape of the docs' example payload). */
const PRODUCTION_TOKEN = {
  claims: {
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'sts.amazonaws.com',
    sub: 'repo:acme/web:environment:production',
    environment: 'production',
    repository: 'acme/web',
    repository_id: '74',
    repository_owner_id: '65',
    ref: 'refs/heads/main',
  },
};

function webIdentity(federated: string, condition?: TrustStatement['Condition'], effect = 'Allow'): TrustStatement {
  return { Effect: effect, Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}) };
}

function policy(...statements: TrustStatement[]): TrustPolicy {
  return { Statement: statements };
}

const PRODUCTION_ONLY = webIdentity(GITHUB_ARN, {
  StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/web:environment:production' },
});

describe('the federated principal', () => {
  test('a matching statement admits the token and is reported with its condition', () => {
    expect(evaluateAwsTrust(policy(PRODUCTION_ONLY), PRODUCTION_TOKEN, ACCOUNT)).toEqual({
      verdict: 'accepted',
      statement: 0,
      condition: PRODUCTION_ONLY.Condition,
      reason: `statement 0 allows sts:AssumeRoleWithWebIdentity for ${GITHUB_ARN} where StringEquals ${GITHUB}:aud "sts.amazonaws.com" and StringEquals ${GITHUB}:sub "repo:acme/web:environment:production"`,
    });
  });

  test('the provider must be the one of the token issuer, in the role account', () => {
    const otherAccount = webIdentity(`arn:aws:iam::444455556666:oidc-provider/${GITHUB}`);
    expect(evaluateAwsTrust(policy(otherAccount), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('rejected');
    expect(evaluateAwsTrust(policy(webIdentity(GITLAB_ARN)), PRODUCTION_TOKEN, ACCOUNT)).toEqual({
      verdict: 'rejected',
      reason: `statement 0: its Principal does not name the federated principal ${GITHUB_ARN}`,
      statements: [{ statement: 0, reason: `its Principal does not name the federated principal ${GITHUB_ARN}` }],
    });
  });

  test('a Principal of * names everyone', () => {
    expect(evaluateAwsTrust(policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' }), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('accepted');
  });

  test('the action must be AssumeRoleWithWebIdentity, matched case-insensitively with wildcards', () => {
    const withAction = (Action: string | string[]) => ({ Effect: 'Allow', Principal: { Federated: GITHUB_ARN }, Action });
    expect(evaluateAwsTrust(policy(withAction('sts:*')), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('accepted');
    expect(evaluateAwsTrust(policy(withAction(['sts:TagSession', 'STS:assumerolewithwebidentity'])), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('accepted');
    expect(evaluateAwsTrust(policy(withAction('sts:AssumeRole')), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('rejected');
  });

  test('a token without an issuer is rejected', () => {
    expect(evaluateAwsTrust(policy(PRODUCTION_ONLY), { claims: { sub: 'x', aud: 'sts.amazonaws.com' } }, ACCOUNT)).toEqual({
      verdict: 'rejected',
      reason: 'the token names no issuer (iss)',
      statements: [],
    });
  });
});

describe('conditions', () => {
  test('another environment of the same repository is rejected, naming the failed clause', () => {
    const staging = { claims: { ...PRODUCTION_TOKEN.claims, sub: 'repo:acme/web:environment:staging', environment: 'staging' } };
    const result = evaluateAwsTrust(policy(PRODUCTION_ONLY), staging, ACCOUNT);
    expect(result.verdict).toBe('rejected');
    expect(result.verdict === 'rejected' && result.statements).toEqual([
      {
        statement: 0,
        reason: `${GITHUB}:sub is "repo:acme/web:environment:staging", which fails StringEquals ["repo:acme/web:environment:production"]`,
        clause: { operator: 'StringEquals', key: `${GITHUB}:sub`, values: ['repo:acme/web:environment:production'] },
      },
    ]);
  });

  test('any Allow statement admits', () => {
    const staging = webIdentity(GITHUB_ARN, { StringEquals: { [`${GITHUB}:sub`]: 'repo:acme/web:environment:staging' } });
    const result = evaluateAwsTrust(policy(staging, PRODUCTION_ONLY), PRODUCTION_TOKEN, ACCOUNT);
    expect(result.verdict === 'accepted' && result.statement).toBe(1);
  });

  test('an explicit Deny wins over an Allow', () => {
    const denyProduction = webIdentity(GITHUB_ARN, { StringEquals: { [`${GITHUB}:environment`]: 'production' } }, 'Deny');
    expect(evaluateAwsTrust(policy(PRODUCTION_ONLY, denyProduction), PRODUCTION_TOKEN, ACCOUNT)).toEqual({
      verdict: 'rejected',
      reason: 'statement 1 explicitly denies sts:AssumeRoleWithWebIdentity',
      statements: [{ statement: 1, reason: 'explicit deny' }],
    });
    const denyStaging = webIdentity(GITHUB_ARN, { StringEquals: { [`${GITHUB}:environment`]: 'staging' } }, 'Deny');
    expect(evaluateAwsTrust(policy(PRODUCTION_ONLY, denyStaging), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('accepted');
  });

  test('what cannot be read is refused: an unknown operator, NotAction, an unknown Effect or an unreadable Deny next to an Allow', () => {
    const numeric = webIdentity(GITHUB_ARN, { NumericEquals: { [`${GITHUB}:repository_id`]: '74' } });
    expect(evaluateAwsTrust(policy(numeric), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('unsupported');
    const notAction = { Effect: 'Allow', Principal: { Federated: GITHUB_ARN }, NotAction: 'sts:AssumeRole' };
    expect(evaluateAwsTrust(policy(notAction), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('unsupported');
    const unknownEffect = { ...PRODUCTION_ONLY, Effect: 'Audit' };
    expect(evaluateAwsTrust(policy(PRODUCTION_ONLY, unknownEffect), PRODUCTION_TOKEN, ACCOUNT)).toEqual({
      verdict: 'unsupported',
      statement: 1,
      reason: 'Effect must be Allow or Deny, not "Audit"',
    });
    const unreadableDeny = webIdentity(GITHUB_ARN, { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, 'Deny');
    expect(evaluateAwsTrust(policy(PRODUCTION_ONLY, unreadableDeny), PRODUCTION_TOKEN, ACCOUNT)).toEqual({
      verdict: 'unsupported',
      statement: 1,
      reason: 'unsupported condition operator "DateGreaterThan"; the evaluator knows StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, Bool, Null, with IfExists and ForAllValues:/ForAnyValue:',
    });
  });
});

describe('the condition keys STS passes', () => {
  const GITLAB_TOKEN = {
    claims: {
      iss: 'https://gitlab.com',
      aud: 'sts.amazonaws.com',
      sub: 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
      namespace_id: '77',
      project_id: '4242',
      ref_protected: 'true',
      environment: 'production',
      ref: 'main',
    },
  };

  test('aud, sub and the issuer-specific keys; other claims are not keys', () => {
    expect(webIdentityRequestsOf(GITLAB_TOKEN, ACCOUNT)).toEqual({
      outcome: 'requests',
      requests: [
        {
          federatedPrincipal: GITLAB_ARN,
          context: {
            'gitlab.com:aud': 'sts.amazonaws.com',
            'gitlab.com:sub': 'project_path:acme/data/pipeline:ref_type:branch:ref:main',
            'gitlab.com:namespace_id': '77',
            'gitlab.com:project_id': '4242',
            'gitlab.com:ref_protected': 'true',
          },
        },
      ],
    });
  });

  test('a condition on a claim STS does not pass sees an absent key, so a negated operator holds', () => {
    const pinned = webIdentity(GITLAB_ARN, { StringEquals: { 'gitlab.com:environment': 'production' } });
    expect(evaluateAwsTrust(policy(pinned), GITLAB_TOKEN, ACCOUNT).verdict).toBe('rejected');
    const excluded = webIdentity(GITLAB_ARN, { StringNotEquals: { 'gitlab.com:environment': 'production' } });
    expect(evaluateAwsTrust(policy(excluded), GITLAB_TOKEN, ACCOUNT).verdict).toBe('accepted');
  });

  test('GitHub passes environment and repository_id', () => {
    const pinned = webIdentity(GITHUB_ARN, { StringEquals: { [`${GITHUB}:environment`]: 'production', [`${GITHUB}:repository_id`]: '74' } });
    expect(evaluateAwsTrust(policy(pinned), PRODUCTION_TOKEN, ACCOUNT).verdict).toBe('accepted');
  });

  test('CircleCI passes the project id of its per-organization issuer', () => {
    const issuer = 'oidc.circleci.com/org/2a3b4c5d-1111-2222-3333-444455556666';
    const token = {
      claims: {
        'iss': `https://${issuer}`,
        'aud': '2a3b4c5d-1111-2222-3333-444455556666',
        'sub': 'org/2a3b4c5d-1111-2222-3333-444455556666/project/76543210-ba98-fedc-3210-edcba0987654/user/aaaa1111-bbbb-2222-cccc-333344445555',
        'oidc.circleci.com/project-id': '76543210-ba98-fedc-3210-edcba0987654',
      },
    };
    const statement = webIdentity(`arn:aws:iam::111122223333:oidc-provider/${issuer}`, {
      StringEquals: { [`${issuer}:oidc.circleci.com/project-id`]: '76543210-ba98-fedc-3210-edcba0987654' },
    });
    expect(evaluateAwsTrust(policy(statement), token, ACCOUNT).verdict).toBe('accepted');
    const other = { claims: { ...token.claims, 'oidc.circleci.com/project-id': '99998888-7777-6666-5555-444433332222' } };
    expect(evaluateAwsTrust(policy(statement), other, ACCOUNT).verdict).toBe('rejected');
  });

  test('a self-managed GitLab passes only aud and sub', () => {
    const selfManaged = { claims: { ...GITLAB_TOKEN.claims, iss: 'https://gitlab.acme.example' } };
    const requests = webIdentityRequestsOf(selfManaged, ACCOUNT);
    expect(requests.outcome === 'requests' && requests.requests.map((request) => request.context)).toEqual([
      { 'gitlab.acme.example:aud': 'sts.amazonaws.com', 'gitlab.acme.example:sub': 'project_path:acme/data/pipeline:ref_type:branch:ref:main' },
    ]);
  });
});

describe('audiences', () => {
  const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  const EKS_ARN = `arn:aws:iam::111122223333:oidc-provider/${EKS}`;
  const irsa = webIdentity(EKS_ARN, { StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:orders:orders-api' } });
  const podToken = (aud: string | string[]) => ({ claims: { iss: `https://${EKS}`, aud, sub: 'system:serviceaccount:orders:orders-api' } });

  test('a Kubernetes token whose aud is a list holding the client id is admitted', () => {
    expect(evaluateAwsTrust(policy(irsa), podToken(['sts.amazonaws.com']), ACCOUNT).verdict).toBe('accepted');
  });

  test('with the provider client ids, only a registered audience is the aud key', () => {
    const options = { ...ACCOUNT, clientIds: ['sts.amazonaws.com'] };
    expect(evaluateAwsTrust(policy(irsa), podToken(['https://kubernetes.default.svc', 'sts.amazonaws.com']), options).verdict).toBe('accepted');
    expect(evaluateAwsTrust(policy(irsa), podToken('https://kubernetes.default.svc'), options)).toEqual({
      verdict: 'rejected',
      reason: `none of the token's audiences ["https://kubernetes.default.svc"] is a client id of the OIDC provider for ${EKS} (["sts.amazonaws.com"])`,
      statements: [],
    });
  });

  test('Google ID tokens: accounts.google.com:aud is the azp claim and :oaud the real aud', () => {
    const google = {
      Effect: 'Allow',
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'accounts.google.com:aud': '104729364512345678901', 'accounts.google.com:sub': '104729364512345678901' } },
    };
    const token = {
      claims: { iss: 'https://accounts.google.com', azp: '104729364512345678901', aud: 'https://sts.amazonaws.com', sub: '104729364512345678901' },
    };
    expect(webIdentityRequestsOf(token, ACCOUNT)).toEqual({
      outcome: 'requests',
      requests: [
        {
          federatedPrincipal: 'accounts.google.com',
          context: {
            'accounts.google.com:aud': '104729364512345678901',
            'accounts.google.com:oaud': 'https://sts.amazonaws.com',
            'accounts.google.com:sub': '104729364512345678901',
          },
        },
      ],
    });
    expect(evaluateAwsTrust(policy(google), token, ACCOUNT).verdict).toBe('accepted');
    expect(evaluateAwsTrust(policy(google), { claims: { ...token.claims, azp: '999' } }, ACCOUNT).verdict).toBe('rejected');
  });
});
