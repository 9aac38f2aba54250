import {
  AWS_ACCOUNT_ID,
  AZURE_TENANT_ID,
  awsAccountOf,
  awsRoleOf,
  azureAccountOf,
  compileIdentities,
  compileWorkloads,
  declarationErrorOf,
  gcpAccountOf,
  workload,
  type IdentityInput,
} from './fixtures';
import type { PolicyDocument } from '../../lib/index';

// Each limit of SPEC §8 / shared/reference/LIMITS.md as a pair: the value at the limit compiles, one past it is
// refused at compile time with the exact `path: message` line.

describe('AWS trust policy size', () => {
  const ISSUER = 'issuer.example';

  /** The trust AWS documents for one OIDC identity; IAM counts its characters without whitespace. */
  function expectedTrust(subject: string): PolicyDocument {
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${AWS_ACCOUNT_ID}:oidc-provider/${ISSUER}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${ISSUER}:aud`]: 'acme', [`${ISSUER}:sub`]: subject } },
        },
      ],
    };
  }
  /** A subject that makes the trust policy exactly `chars` characters long. */
  const subjectForSize = (chars: number) => 's'.repeat(chars - JSON.stringify(expectedTrust('')).length);
  const identityOfSize = (chars: number): IdentityInput[] => [
    { oidc: { issuer: `https://${ISSUER}`, audience: 'acme', subject: subjectForSize(chars) } },
  ];

  test('2048 characters are allowed by default', () => {
    const role = awsRoleOf(compileIdentities('aws', identityOfSize(2048)));
    expect(role.trustPolicy).toEqual(expectedTrust(subjectForSize(2048)));
    expect(JSON.stringify(role.trustPolicy)).toHaveLength(2048);
  });

  test('2049 characters are refused by default, suggesting a split or a raised limit', () => {
    const error = declarationErrorOf(() => compileIdentities('aws', identityOfSize(2049)));
    expect(error.message).toBe(
      'workloads[0].identities: the trust policy is 2049 characters, over the 2048-character limit; split the identities over several workloads or raise compileOptions.aws.trustPolicyMaxChars (AWS allows up to 4096 on request)',
    );
  });

  test('with aws.trustPolicyMaxChars 4096, 4096 characters are allowed', () => {
    const role = awsRoleOf(compileIdentities('aws', identityOfSize(4096), { aws: { trustPolicyMaxChars: 4096 } }));
    expect(JSON.stringify(role.trustPolicy)).toHaveLength(4096);
  });

  test('with aws.trustPolicyMaxChars 4096, 4097 characters are refused and no higher limit is suggested', () => {
    const error = declarationErrorOf(() => compileIdentities('aws', identityOfSize(4097), { aws: { trustPolicyMaxChars: 4096 } }));
    expect(error.message).toBe(
      'workloads[0].identities: the trust policy is 4097 characters, over the 4096-character limit; split the identities over several workloads',
    );
  });

  test('a limit raised to 3000 allows 3000 characters and refuses 3001', () => {
    expect(() => compileIdentities('aws', identityOfSize(3000), { aws: { trustPolicyMaxChars: 3000 } })).not.toThrow();
    const error = declarationErrorOf(() => compileIdentities('aws', identityOfSize(3001), { aws: { trustPolicyMaxChars: 3000 } }));
    expect(error.message).toBe(
      'workloads[0].identities: the trust policy is 3001 characters, over the 3000-character limit; split the identities over several workloads or raise compileOptions.aws.trustPolicyMaxChars (AWS allows up to 4096 on request)',
    );
  });

  test('aws.trustPolicyMaxChars above what AWS grants, or not a whole number, is a usage error naming the option', () => {
    expect(declarationErrorOf(() => compileIdentities('aws', identityOfSize(2048), { aws: { trustPolicyMaxChars: 4097 } })).message).toBe(
      'compileOptions.aws.trustPolicyMaxChars: trustPolicyMaxChars must be between 1 and 4096 (the most AWS raises it to)',
    );
    expect(declarationErrorOf(() => compileIdentities('aws', identityOfSize(2048), { aws: { trustPolicyMaxChars: 0 } })).message).toBe(
      'compileOptions.aws.trustPolicyMaxChars: trustPolicyMaxChars must be between 1 and 4096',
    );
    expect(declarationErrorOf(() => compileIdentities('aws', identityOfSize(2048), { aws: { trustPolicyMaxChars: 2048.5 } })).message).toBe(
      'compileOptions.aws.trustPolicyMaxChars: trustPolicyMaxChars must be a whole number',
    );
  });

  test('safe neighbour: the limits AWS allows, 1 and 4096, are accepted', () => {
    expect(() => compileIdentities('aws', identityOfSize(4096), { aws: { trustPolicyMaxChars: 4096 } })).not.toThrow();
    expect(() => compileIdentities('aws', identityOfSize(2048), { aws: { trustPolicyMaxChars: 1 } })).toThrow(/over the 1-character limit/);
  });
});

describe('AWS OIDC provider client ids', () => {
  /** One workload per audience of one issuer: the provider must list every audience as a client id. */
  const workloadsWithAudiences = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      workload(`audience-${i}`, [{ oidc: { issuer: 'https://issuer.example', audience: `aud-${i}`, subject: 'job' } }], ['aws']),
    );

  test('100 client ids on one provider are allowed', () => {
    const providers = awsAccountOf(compileWorkloads(workloadsWithAudiences(100))).oidcProviders;
    expect(providers.map((p) => [p.key, p.clientIds.length])).toEqual([['issuer.example', 100]]);
  });

  test('101 client ids on one provider are refused', () => {
    const error = declarationErrorOf(() => compileWorkloads(workloadsWithAudiences(101)));
    expect(error.message).toBe('accounts: OIDC provider issuer.example would need 101 client ids (audiences), over the AWS limit of 100');
  });
});

describe('AWS session duration', () => {
  const github: IdentityInput[] = [{ github: { repository: 'acme/web', environment: 'production' } }];
  const withSession = (sessionDuration: number | string) => compileWorkloads([workload('web-deploy', github, ['aws'], { sessionDuration })]);

  test.each([
    ['1h', 3600],
    [3600, 3600],
    ['12h', 43200],
    [43200, 43200],
  ])('%p is allowed and becomes MaxSessionDuration %p', (declared, seconds) => {
    expect(awsRoleOf(withSession(declared), 'web-deploy').maxSessionDuration).toBe(seconds);
  });

  test('no session duration means one hour', () => {
    expect(awsRoleOf(compileWorkloads([workload('web-deploy', github, ['aws'])]), 'web-deploy').maxSessionDuration).toBe(3600);
  });

  test.each([
    [3599, 'workloads[0].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 3599 seconds'],
    ['59m', 'workloads[0].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 3540 seconds'],
    [43201, 'workloads[0].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 43201 seconds'],
    ['13h', 'workloads[0].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 46800 seconds'],
  ])('%p is refused', (declared, message) => {
    expect(declarationErrorOf(() => withSession(declared)).message).toBe(message);
  });
});

describe('Azure federated identity credentials per managed identity', () => {
  const AKS = `https://westeurope.oic.prod-aks.azure.com/${AZURE_TENANT_ID}/3f2e1d0c-b9a8-4765-8432-10fedcba9876/`;
  const serviceAccounts = (count: number): IdentityInput[] =>
    Array.from({ length: count }, (_, i) => ({ kubernetes: { issuer: AKS, namespace: 'jobs', serviceAccount: `job-${i}`, aks: true as const } }));
  const githubEnvironments = (count: number): IdentityInput[] =>
    Array.from({ length: count }, (_, i) => ({
      github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: `env-${i}` },
    }));

  test('20 credentials are allowed', () => {
    expect(azureAccountOf(compileIdentities('azure', serviceAccounts(20))).federatedCredentials).toHaveLength(20);
  });

  test('21 credentials are refused', () => {
    expect(declarationErrorOf(() => compileIdentities('azure', serviceAccounts(21))).message).toBe(
      'workloads[0].identities: needs 21 federated identity credentials on one managed identity, over the Azure limit of 20; split the identities over several workloads',
    );
  });

  test('a GitHub identity trusting both subject forms needs two credentials: 10 are allowed, 11 refused', () => {
    expect(azureAccountOf(compileIdentities('azure', githubEnvironments(10))).federatedCredentials).toHaveLength(20);
    expect(declarationErrorOf(() => compileIdentities('azure', githubEnvironments(11))).message).toBe(
      'workloads[0].identities: needs 22 federated identity credentials on one managed identity, over the Azure limit of 20; split the identities over several workloads',
    );
  });
});

describe('Azure credential subject length', () => {
  const withSubject = (length: number): IdentityInput[] => [
    { oidc: { issuer: 'https://issuer.example', audience: 'api://AzureADTokenExchange', subject: 's'.repeat(length) } },
  ];

  test('a 600-character subject is allowed', () => {
    const [credential] = azureAccountOf(compileIdentities('azure', withSubject(600))).federatedCredentials;
    expect(credential.subject).toHaveLength(600);
  });

  test('a 601-character subject is refused', () => {
    expect(declarationErrorOf(() => compileIdentities('azure', withSubject(601))).message).toBe(
      'workloads[0].identities[0]: issuer and subject of an Azure federated credential are limited to 600 characters each',
    );
  });
});

describe('GCP google.subject size', () => {
  const ISSUER = 'https://issuer.example';
  const oidc = (subject: string): IdentityInput[] => [{ oidc: { issuer: ISSUER, audience: 'acme', subject } }];
  /** google.subject is the provider-id prefix plus the token's sub; the prefix depends only on the issuer. */
  const prefix = `${gcpAccountOf(compileIdentities('gcp', oidc('job'))).providers[0].id}:`;
  const subjectOfBytes = (bytes: number, tail = '') => 's'.repeat(bytes - Buffer.byteLength(prefix) - Buffer.byteLength(tail)) + tail;

  test('127 bytes are allowed', () => {
    const subject = subjectOfBytes(127);
    const account = gcpAccountOf(compileIdentities('gcp', oidc(subject)));
    expect(account.bindings.map((b) => b.member)).toEqual([
      `principal://iam.googleapis.com/${account.pool.name}/subject/${prefix}${subject}`,
    ]);
  });

  test('128 bytes are refused', () => {
    const subject = subjectOfBytes(128);
    expect(declarationErrorOf(() => compileIdentities('gcp', oidc(subject))).message).toBe(
      `workloads[0].identities[0]: google.subject "${prefix}${subject}" is 128 bytes, over the GCP limit of 127; shorten the names in the subject`,
    );
  });

  test('the limit counts UTF-8 bytes, not characters', () => {
    const atLimit = subjectOfBytes(127, 'é');
    expect(() => compileIdentities('gcp', oidc(atLimit))).not.toThrow();
    const overLimit = subjectOfBytes(128, 'é');
    expect(`${prefix}${overLimit}`).toHaveLength(127);
    expect(declarationErrorOf(() => compileIdentities('gcp', oidc(overLimit))).message).toBe(
      `workloads[0].identities[0]: google.subject "${prefix}${overLimit}" is 128 bytes, over the GCP limit of 127; shorten the names in the subject`,
    );
  });
});

describe('GCP attribute condition length', () => {
  const ISSUER = 'https://issuer.example';
  const LONG = 100;
  /** Subjects that sort in declaration order; the last one pads the condition to `chars` characters. */
  function subjectsForConditionOf(chars: number): string[] {
    const subjects = Array.from({ length: 33 }, (_, i) => `job-${String(i).padStart(2, '0')}-`.padEnd(LONG, 'x'));
    const clause = (subject: string) => `assertion.sub == '${subject}'`;
    const used = subjects.map(clause).join(' || ').length + ' || '.length + clause('').length;
    return [...subjects, `last-${'x'.repeat(chars - used - 'last-'.length)}`];
  }
  const identities = (chars: number): IdentityInput[] =>
    subjectsForConditionOf(chars).map((subject) => ({ oidc: { issuer: ISSUER, audience: 'acme', subject } }));

  test('4096 characters are allowed', () => {
    const subjects = subjectsForConditionOf(4096);
    const [provider] = gcpAccountOf(compileIdentities('gcp', identities(4096))).providers;
    expect(provider.attributeCondition).toBe(subjects.map((s) => `assertion.sub == '${s}'`).join(' || '));
    expect(provider.attributeCondition).toHaveLength(4096);
  });

  test('4097 characters are refused', () => {
    const [provider] = gcpAccountOf(compileIdentities('gcp', identities(4096))).providers;
    expect(declarationErrorOf(() => compileIdentities('gcp', identities(4097))).message).toBe(
      `accounts: the attribute condition of GCP provider ${provider.id} (${ISSUER}) is 4097 characters, over the limit of 4096; fewer identities may share this issuer in one project`,
    );
  });
});

describe('GCP allowed audiences per provider', () => {
  // A provider accepts each of its audiences for every identity it admits, so each declared audience gets its own
  // provider with that one audience: the 10-audience limit cannot be reached, and no audience leaks to another identity.
  const withAudiences = (count: number): IdentityInput[] =>
    Array.from({ length: count }, (_, i) => ({ oidc: { issuer: 'https://issuer.example', audience: `aud-${i}`, subject: `job-${i}` } }));

  test('11 identities of one issuer with 11 audiences get 11 providers of one audience each', () => {
    const { providers } = gcpAccountOf(compileIdentities('gcp', withAudiences(11)));
    expect(providers.map((p) => p.allowedAudiences).sort()).toEqual(Array.from({ length: 11 }, (_, i) => [`aud-${i}`]).sort());
  });
});
