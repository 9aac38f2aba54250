import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/main';
import { DeclarationError } from '../../lib/declaration/errors';
import { parseDeclarationText } from '../../lib/declaration/load';

/**
 * Every class of bad input (SPEC §3, §6): the exact `path: message (line N)` lines a user reads, from the library
 * and from `workload-iam validate` (exit 2, same lines on stderr, nothing on stdout). Expected lines are written
 * by hand; line numbers are counted in the YAML shown in each test.
 */

const AWS_ACCOUNT = '111122223333';
const AZURE_TENANT = '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const AZURE_SUBSCRIPTION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const AZURE_CONTAINER = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`;
const GCS_BUCKET = '//storage.googleapis.com/projects/_/buckets/acme-web';
const UNKNOWN_KEYS_REFUSED = 'unknown keys are refused so a typo never changes trust';

/** Lines 1–6 of every declaration below; the `lines` passed to `declaration` start at line 7. */
const HEADER = [
  'version: 1',
  'accounts:',
  `  aws-prod: { cloud: aws, accountId: "${AWS_ACCOUNT}" }`,
  '  gcp-prod: { cloud: gcp, projectId: acme-prod, projectNumber: "123456789012" }',
  `  azure-prod: { cloud: azure, tenantId: ${AZURE_TENANT}, subscriptionId: ${AZURE_SUBSCRIPTION}, resourceGroup: rg-wi, location: westeurope }`,
  'workloads:',
];

function declaration(lines: readonly string[]): string {
  return [...HEADER, ...lines, ''].join('\n');
}

/** The problem lines the library reports for `text`; fails the test when the text is accepted. */
function problemLines(text: string): string[] {
  try {
    parseDeclarationText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DeclarationError);
    return (error as DeclarationError).message.split('\n');
  }
  throw new Error('expected the declaration to be refused, but it was accepted');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiam-bad-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `workload-iam validate FILE`, in process, on `text` written to a temporary file. */
async function validate(text: string, name = 'declaration.yaml'): Promise<{ code: number; out: string; err: string }> {
  const file = join(dir, name);
  writeFileSync(file, text);
  let out = '';
  let err = '';
  const code = await run(['validate', file], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface BadInput {
  readonly title: string;
  readonly text: string;
  readonly expected: readonly string[];
}

/** Cases grouped by class; `test.each` checks each through the library and through the CLI. */
const CASES: Readonly<Record<string, readonly BadInput[]>> = {
  'unknown keys': [
    {
      title: 'at the top level, with the allowed keys listed',
      text: ['version: 1', 'owner: platform-team', 'accounts:', `  aws-prod: { cloud: aws, accountId: "${AWS_ACCOUNT}" }`, 'workloads: []', ''].join('\n'),
      expected: [`owner: unknown key "owner" (allowed: version, accounts, workloads): ${UNKNOWN_KEYS_REFUSED} (line 2)`],
    },
    {
      title: 'at the top level, a typo of a required key',
      text: ['version: 1', 'accounts:', `  aws-prod: { cloud: aws, accountId: "${AWS_ACCOUNT}" }`, 'workload: []', ''].join('\n'),
      expected: [
        'workloads: is required (line 1)',
        `workload: unknown key "workload" (did you mean "workloads"?): ${UNKNOWN_KEYS_REFUSED} (line 4)`,
      ],
    },
    {
      title: 'in an account',
      text: ['version: 1', 'accounts:', '  aws-prod:', '    cloud: aws', `    accountId: "${AWS_ACCOUNT}"`, '    owner: platform', 'workloads: []', ''].join('\n'),
      expected: [`accounts.aws-prod.owner: unknown key "owner" (allowed: cloud, accountId, partition, region): ${UNKNOWN_KEYS_REFUSED} (line 6)`],
    },
    {
      title: 'in a workload',
      text: declaration([
        '  - name: web-deploy',
        '    sesionDuration: 2h',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
      ]),
      expected: [`workloads[0].sesionDuration: unknown key "sesionDuration" (did you mean "sessionDuration"?): ${UNKNOWN_KEYS_REFUSED} (line 8)`],
    },
    {
      title: 'in an identity (a typo that would otherwise drop the environment pin)',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github:',
        '          repository: acme/web',
        '          enviroment: production',
      ]),
      expected: [
        `workloads[0].identities[0].github.enviroment: unknown key "enviroment" (did you mean "environment"?): ${UNKNOWN_KEYS_REFUSED} (line 11)`,
        'workloads[0].identities[0].github: give exactly one of environment, ref or pullRequest; found none (line 9)',
      ],
    },
    {
      title: 'as an identity kind',
      text: declaration(['  - name: web-deploy', '    identities:', '      - githb: { repository: acme/web, environment: production }']),
      expected: [
        `workloads[0].identities[0].githb: unknown key "githb" (did you mean "github"?): ${UNKNOWN_KEYS_REFUSED} (line 9)`,
        'workloads[0].identities[0]: an identity has exactly one kind (github, gitlab, kubernetes, terraformCloud, spiffe, oidc, awsRole, gcpServiceAccount, azureManagedIdentity); found none (line 9)',
      ],
    },
    {
      title: 'in a grant',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      aws-prod:',
        '        - { resource: "arn:aws:s3:::acme-web-assets", acess: read }',
      ]),
      expected: [
        `workloads[0].grants.aws-prod[0].acess: unknown key "acess" (did you mean "access"?): ${UNKNOWN_KEYS_REFUSED} (line 12)`,
        'workloads[0].grants.aws-prod[0]: give exactly one of access, actions, role or roleDefinitionId (line 12)',
      ],
    },
  ],
  'duplicate workload names': [
    {
      title: 'the second use names the first',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: staging }',
      ]),
      expected: ['workloads[1].name: duplicate workload name "web-deploy" (first used by workloads[0]) (line 10)'],
    },
  ],
  'grants naming an unknown account': [
    {
      title: 'the declared accounts are listed',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      aws-staging:',
        '        - { resource: "arn:aws:s3:::acme-web-assets", access: read }',
      ]),
      expected: ['workloads[0].grants.aws-staging: unknown account "aws-staging" (declared accounts: aws-prod, azure-prod, gcp-prod) (line 11)'],
    },
  ],
  'resources of another cloud than their account': [
    {
      title: 'a GCS bucket under an AWS account',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      aws-prod:',
        `        - { resource: "${GCS_BUCKET}", access: read }`,
      ]),
      expected: ['workloads[0].grants.aws-prod[0].resource: a gcp resource cannot be granted through aws account "aws-prod" (line 12)'],
    },
  ],
  'resources of another account, project or subscription': [
    {
      title: 'a DynamoDB table of another AWS account',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      aws-prod:',
        '        - { resource: "arn:aws:dynamodb:eu-west-1:999988887777:table/orders", access: read }',
      ]),
      expected: [
        'workloads[0].grants.aws-prod[0].resource: the resource belongs to AWS account 999988887777, not 111122223333; grant it through the account that owns it (line 12)',
      ],
    },
    {
      title: 'a Pub/Sub topic of another GCP project',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: production }',
        '    grants:',
        '      gcp-prod:',
        '        - { resource: "//pubsub.googleapis.com/projects/acme-staging/topics/deployments", access: publish }',
      ]),
      expected: [
        'workloads[0].grants.gcp-prod[0].resource: the resource belongs to project acme-staging, not acme-prod; grant it through the account that owns it (line 12)',
      ],
    },
    {
      title: 'a Key Vault of another Azure subscription',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      azure-prod:',
        '        - { resource: "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-web/providers/Microsoft.KeyVault/vaults/acme-kv", access: read }',
      ]),
      expected: [
        `workloads[0].grants.azure-prod[0].resource: the resource belongs to subscription 0b1f6471-1bf0-4dda-aec3-cb9272f09590, not ${AZURE_SUBSCRIPTION}; grant it through the account that owns it (line 12)`,
      ],
    },
  ],
  'unknown access levels': [
    {
      title: 'the levels of the resource type are listed',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      aws-prod:',
        '        - { resource: "arn:aws:s3:::acme-web-assets", access: admin }',
      ]),
      expected: ['workloads[0].grants.aws-prod[0].access: "admin" is not an access level of s3-bucket (use one of: read, readWrite, write) (line 12)'],
    },
  ],
  'escape hatches without a justification': [
    {
      title: 'explicit AWS actions without one',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      aws-prod:',
        '        - { resource: "arn:aws:s3:::acme-web-assets", actions: ["s3:GetObjectVersion"] }',
      ]),
      expected: [
        'workloads[0].grants.aws-prod[0].justification: actions is an escape hatch from the access catalogue and requires a justification (line 12)',
      ],
    },
    {
      title: 'a justification that does not say why',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: production }',
        '    grants:',
        '      gcp-prod:',
        `        - { resource: "${GCS_BUCKET}", role: roles/storage.legacyBucketReader, justification: "needed" }`,
      ]),
      expected: ['workloads[0].grants.gcp-prod[0].justification: justification must say why (at least 10 characters) (line 12)'],
    },
  ],
  'escape hatches of the wrong cloud': [
    {
      title: 'a GCP role on an S3 bucket',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      aws-prod:',
        '        - resource: "arn:aws:s3:::acme-web-assets"',
        '          role: roles/storage.objectViewer',
        '          justification: the bucket is mirrored from GCS and read with the same role',
      ]),
      expected: [
        'workloads[0].grants.aws-prod[0].role: role is the escape hatch for gcp resources; this aws resource takes actions (or an access level) (line 13)',
      ],
    },
  ],
  'wildcards in exact fields': [
    {
      title: 'a generic OIDC subject with *',
      text: declaration([
        '  - name: partner-sync',
        '    identities:',
        '      - oidc: { issuer: "https://login.partner.example", audience: acme-partner-sync, subject: "job:*" }',
      ]),
      expected: ['workloads[0].identities[0].oidc.subject: subject must not contain wildcards (* or ?): name exactly one subject (line 9)'],
    },
    {
      title: 'a GitHub ref with ?',
      text: declaration(['  - name: web-release', '    identities:', '      - github: { repository: acme/web, ref: "refs/tags/v1.?" }']),
      expected: ['workloads[0].identities[0].github.ref: ref must not contain wildcards (* or ?): name exactly one ref (line 9)'],
    },
    {
      title: 'a GitHub environment with *',
      text: declaration(['  - name: web-deploy', '    identities:', '      - github: { repository: acme/web, environment: "prod*" }']),
      expected: ['workloads[0].identities[0].github.environment: environment must not contain wildcards (* or ?): name exactly one environment (line 9)'],
    },
    {
      title: 'a GitHub repository with * (reported once, not also as a bad owner/repo)',
      text: declaration(['  - name: web-deploy', '    identities:', '      - github: { repository: "acme/*", environment: production }']),
      expected: ['workloads[0].identities[0].github.repository: repository must not contain wildcards (* or ?): name exactly one repository (line 9)'],
    },
    {
      title: 'a GitLab ref with *',
      text: declaration([
        '  - name: data-pipeline',
        '    identities:',
        '      - gitlab: { project: acme/data/pipeline, projectId: "4242", namespaceId: "77", ref: "release/*", refType: branch }',
      ]),
      expected: ['workloads[0].identities[0].gitlab.ref: ref must not contain wildcards (* or ?): name exactly one ref (line 9)'],
    },
    {
      title: 'a Kubernetes namespace with *',
      text: declaration([
        '  - name: orders-service',
        '    identities:',
        '      - kubernetes: { issuer: "https://k8s.acme.example", namespace: "team-*", serviceAccount: orders-api }',
      ]),
      expected: ['workloads[0].identities[0].kubernetes.namespace: namespace must not contain wildcards (* or ?): name exactly one namespace (line 9)'],
    },
    {
      title: 'a Kubernetes service account with ?',
      text: declaration([
        '  - name: orders-service',
        '    identities:',
        '      - kubernetes: { issuer: "https://k8s.acme.example", namespace: orders, serviceAccount: "orders-api-?" }',
      ]),
      expected: [
        'workloads[0].identities[0].kubernetes.serviceAccount: serviceAccount must not contain wildcards (* or ?): name exactly one serviceAccount (line 9)',
      ],
    },
    {
      title: 'an HCP Terraform workspace with *',
      text: declaration([
        '  - name: infra-apply',
        '    identities:',
        '      - terraformCloud: { organization: acme, organizationId: org-AbCdEf123456, project: platform, workspace: "networking-*", runPhase: apply }',
      ]),
      expected: ['workloads[0].identities[0].terraformCloud.workspace: workspace must not contain wildcards (* or ?): name exactly one workspace (line 9)'],
    },
  ],
  'identities with two kinds or none': [
    {
      title: 'two kinds in one identity',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '        gitlab: { project: acme/web, projectId: "4242", namespaceId: "77", ref: main, refType: branch }',
      ]),
      expected: [
        'workloads[0].identities[0]: an identity has exactly one kind (github, gitlab, kubernetes, terraformCloud, spiffe, oidc, awsRole, gcpServiceAccount, azureManagedIdentity); found github, gitlab (line 9)',
      ],
    },
    {
      title: 'an empty identity',
      text: declaration(['  - name: web-deploy', '    identities:', '      - {}']),
      expected: [
        'workloads[0].identities[0]: an identity has exactly one kind (github, gitlab, kubernetes, terraformCloud, spiffe, oidc, awsRole, gcpServiceAccount, azureManagedIdentity); found none (line 9)',
      ],
    },
  ],
  'GitHub contexts and ids': [
    {
      title: 'both an environment and a ref',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production, ref: refs/heads/main }',
      ]),
      expected: ['workloads[0].identities[0].github: give exactly one of environment, ref or pullRequest; found environment, ref (line 9)'],
    },
    {
      title: 'an ownerId without a repositoryId',
      text: declaration(['  - name: web-deploy', '    identities:', '      - github: { repository: acme/web, ownerId: "65", environment: production }']),
      expected: ['workloads[0].identities[0].github: ownerId and repositoryId go together: give both immutable ids (line 9)'],
    },
  ],
  'workload names': [
    {
      title: 'upper case and an underscore',
      text: declaration(['  - name: Web_Deploy', '    identities:', '      - github: { repository: acme/web, environment: production }']),
      expected: ['workloads[0].name: name must be 2 to 40 lowercase letters, digits or hyphens, starting with a letter (got "Web_Deploy") (line 7)'],
    },
  ],
  'session durations': [
    {
      title: 'below one hour',
      text: declaration([
        '  - name: web-deploy',
        '    sessionDuration: 30m',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
      ]),
      expected: ['workloads[0].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 1800 seconds (line 8)'],
    },
    {
      title: 'above twelve hours',
      text: declaration([
        '  - name: web-deploy',
        '    sessionDuration: 13h',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
      ]),
      expected: ['workloads[0].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 46800 seconds (line 8)'],
    },
  ],
  'YAML syntax': [
    {
      title: 'misaligned mapping items, on the line where they go wrong',
      text: ['version: 1', 'accounts:', '  aws-prod:', '    cloud: aws', `   accountId: "${AWS_ACCOUNT}"`, 'workloads: []', ''].join('\n'),
      expected: ['(declaration): not valid YAML/JSON: All mapping items must start at the same column (line 5)'],
    },
    {
      title: 'a duplicate key in a mapping',
      text: [
        'version: 1',
        'accounts:',
        `  aws-prod: { cloud: aws, accountId: "${AWS_ACCOUNT}" }`,
        '  aws-prod: { cloud: aws, accountId: "444455556666" }',
        'workloads: []',
        '',
      ].join('\n'),
      expected: [
        'accounts: duplicate key "aws-prod": a key may appear only once in a mapping (otherwise one value would silently replace the other) (line 4)',
      ],
    },
    {
      title: 'a duplicate key in a workload',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    identities:',
        '      - github: { repository: acme/web, environment: staging }',
      ]),
      expected: [
        'workloads[0]: duplicate key "identities": a key may appear only once in a mapping (otherwise one value would silently replace the other) (line 10)',
      ],
    },
  ],
  'format version': [
    {
      title: 'version 2',
      text: ['version: 2', 'accounts:', `  aws-prod: { cloud: aws, accountId: "${AWS_ACCOUNT}" }`, 'workloads: []', ''].join('\n'),
      expected: ['version: version must be 1 (line 1)'],
    },
  ],
  'unquoted numeric ids': [
    {
      title: 'a 12-digit accountId read as a number',
      text: ['version: 1', 'accounts:', `  aws-prod: { cloud: aws, accountId: ${AWS_ACCOUNT} }`, 'workloads: []', ''].join('\n'),
      expected: [
        'accounts.aws-prod.accountId: must be a quoted string: unquoted, it was read as the number 111122223333 (numbers lose leading zeros, and long ones are rounded) (line 3)',
      ],
    },
    {
      title: 'an accountId whose leading zero YAML dropped',
      text: ['version: 1', 'accounts:', '  aws-prod: { cloud: aws, accountId: 011122223333 }', 'workloads: []', ''].join('\n'),
      expected: [
        'accounts.aws-prod.accountId: must be a quoted string: unquoted, it was read as the number 11122223333 (numbers lose leading zeros, and long ones are rounded) (line 3)',
      ],
    },
  ],
  'identities a target cloud cannot pin': [
    {
      title: 'GitHub on GCP without immutable ids',
      text: declaration([
        '  - name: web-deploy',
        '    identities:',
        '      - github: { repository: acme/web, environment: production }',
        '    grants:',
        '      gcp-prod:',
        `        - { resource: "${GCS_BUCKET}", access: read }`,
      ]),
      expected: [
        'workloads[0].identities[0].github.ownerId: GCP pins GitHub by immutable ids: ownerId and repositoryId are required (needed by the grants in gcp account "gcp-prod") (line 9)',
      ],
    },
    {
      title: 'an X.509 SPIFFE identity granted on Azure',
      text: declaration([
        '  - name: edge-proxy',
        '    identities:',
        '      - spiffe:',
        '          id: spiffe://mesh.acme.internal/ns/edge/sa/proxy',
        '          x509: { awsTrustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" }',
        '    grants:',
        '      azure-prod:',
        `        - { resource: "${AZURE_CONTAINER}", access: read }`,
      ]),
      expected: [
        'workloads[0].identities[0].spiffe.x509: X.509-SVIDs federate through AWS IAM Roles Anywhere only; use a JWT-SVID (jwtIssuer + audience) (needed by the grants in azure account "azure-prod") (line 11)',
      ],
    },
    {
      title: 'EKS Pod Identity granted on GCP',
      text: declaration([
        '  - name: billing-worker',
        '    identities:',
        '      - kubernetes: { namespace: billing, serviceAccount: billing-worker, eks: { region: eu-west-1, cluster: prod-main, podIdentity: true } }',
        '    grants:',
        '      gcp-prod:',
        `        - { resource: "${GCS_BUCKET}", access: read }`,
      ]),
      expected: [
        'workloads[0].identities[0].kubernetes.eks: EKS Pod Identity reaches AWS only; use IRSA (the cluster issuer) for other clouds (needed by the grants in gcp account "gcp-prod") (line 9)',
      ],
    },
    {
      title: 'an AWS role granted on Azure',
      text: declaration([
        '  - name: cost-reporter',
        '    identities:',
        '      - awsRole: { arn: "arn:aws:iam::444455556666:role/reporting/cost-reporter" }',
        '    grants:',
        '      azure-prod:',
        `        - { resource: "${AZURE_CONTAINER}", access: read }`,
      ]),
      expected: [
        'workloads[0].identities[0].awsRole: Azure cannot federate an AWS role directly; use an OIDC identity the role can obtain (needed by the grants in azure account "azure-prod") (line 9)',
      ],
    },
    {
      title: 'generic OIDC claims granted on AWS',
      text: declaration([
        '  - name: partner-sync',
        '    identities:',
        '      - oidc:',
        '          issuer: https://login.partner.example',
        '          audience: acme-partner-sync',
        '          subject: job:acme-sync',
        '          claims: { tenant: acme }',
        '    grants:',
        '      aws-prod:',
        '        - { resource: "arn:aws:s3:::acme-web-assets", access: read }',
      ]),
      expected: [
        'workloads[0].identities[0].oidc.claims: AWS STS cannot condition on custom claims of a generic issuer; encode them in the subject or grant through GCP (needed by the grants in aws account "aws-prod") (line 13)',
      ],
    },
  ],
};

const ALL: readonly (readonly [string, string, BadInput])[] = Object.entries(CASES).flatMap(([group, cases]) =>
  cases.map((c) => [group, c.title, c] as const),
);

describe('bad input is refused with one `path: message (line N)` line per problem', () => {
  test.each(ALL)('%s: %s', (_group, _title, { text, expected }) => {
    expect(problemLines(text)).toEqual(expected);
  });
});

describe('`workload-iam validate` prints the same lines on stderr and exits 2', () => {
  test.each(ALL)('%s: %s', async (_group, _title, { text, expected }) => {
    const { code, out, err } = await validate(text);
    // From a file, a problem of the whole input names the file rather than the declaration.
    const lines = expected.map((line) => line.replace(/^\(declaration\): /, `${join(dir, 'declaration.yaml')}: `));
    expect({ code, out, err }).toEqual({ code: 2, out: '', err: `${lines.join('\n')}\n` });
  });
});

describe('several problems', () => {
  const text = declaration([
    '  - name: Web-Deploy', //                                                                    line 7
    '    sessionDuration: 24h',
    '    identities:',
    '      - github: { repository: acme/web, enviroment: production }', //                          line 10
    '    grants:',
    '      aws-prod:',
    '        - { resource: "arn:aws:s3:::acme-web-assets", access: read }',
    '  - name: orders-service', //                                                                line 14
    '    identities:',
    '      - kubernetes: { issuer: "https://k8s.acme.example", namespace: "*", serviceAccount: orders-api }',
    '    grants:',
    '      aws-prod:',
    '        - { resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", access: readWrite }',
    '        - { resource: "arn:aws:s3:::acme-orders", actions: ["s3:GetObject"] }', //             line 20
  ]);

  test('schema problems across workloads are all reported, one line each, in document order', () => {
    expect(problemLines(text)).toEqual([
      'workloads[0].name: name must be 2 to 40 lowercase letters, digits or hyphens, starting with a letter (got "Web-Deploy") (line 7)',
      'workloads[0].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 86400 seconds (line 8)',
      `workloads[0].identities[0].github.enviroment: unknown key "enviroment" (did you mean "environment"?): ${UNKNOWN_KEYS_REFUSED} (line 10)`,
      'workloads[0].identities[0].github: give exactly one of environment, ref or pullRequest; found none (line 10)',
      'workloads[1].identities[0].kubernetes.namespace: namespace must not contain wildcards (* or ?): name exactly one namespace (line 16)',
      'workloads[1].grants.aws-prod[1].justification: actions is an escape hatch from the access catalogue and requires a justification (line 20)',
    ]);
  });

  // Cross-references (accounts, resources, identity/cloud fit) are checked on a schema-valid declaration, so they
  // form a second batch: every one of them is reported together.
  test('cross-reference problems are all reported, one line each', () => {
    const fixed = declaration([
      '  - name: web-deploy',
      '    identities:',
      '      - github: { repository: acme/web, environment: production }',
      '    grants:',
      '      aws-staging:', //                                                                      line 11
      '        - { resource: "arn:aws:s3:::acme-web-assets", access: read }',
      '      gcp-prod:',
      `        - { resource: "${GCS_BUCKET}", access: read }`, //                                    line 14
      '  - name: orders-service',
      '    identities:',
      '      - kubernetes: { issuer: "https://k8s.acme.example", namespace: orders, serviceAccount: orders-api }',
      '    grants:',
      '      aws-prod:',
      '        - { resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", access: admin }', // line 20
      `        - { resource: "${GCS_BUCKET}", access: read }`,
      '  - name: web-deploy', //                                                                  line 22
      '    identities:',
      '      - github: { repository: acme/web, environment: staging }',
    ]);
    expect(problemLines(fixed)).toEqual([
      'workloads[0].grants.aws-staging: unknown account "aws-staging" (declared accounts: aws-prod, azure-prod, gcp-prod) (line 11)',
      'workloads[0].identities[0].github.ownerId: GCP pins GitHub by immutable ids: ownerId and repositoryId are required (needed by the grants in gcp account "gcp-prod") (line 9)',
      'workloads[1].grants.aws-prod[0].access: "admin" is not an access level of dynamodb-table (use one of: read, readWrite, write) (line 20)',
      'workloads[1].grants.aws-prod[1].resource: a gcp resource cannot be granted through aws account "aws-prod" (line 21)',
      'workloads[2].name: duplicate workload name "web-deploy" (first used by workloads[0]) (line 22)',
    ]);
  });
});

describe('JSON input', () => {
  const yaml = declaration([
    '  - name: web-deploy',
    '    description: Deploys the web front end',
    '    sessionDuration: 90m',
    '    identities:',
    '      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: production }',
    '    grants:',
    '      aws-prod:',
    '        - { resource: "arn:aws:s3:::acme-web-assets", access: readWrite }',
    '      gcp-prod:',
    `        - { resource: "${GCS_BUCKET}", role: roles/storage.legacyBucketReader, justification: "the deploy lists bucket metadata" }`,
    '    acknowledge:',
    '      - { rule: WIAM-AWS-001, reason: "deploys run only from the protected production environment" }',
  ]);
  const json = `{
  "version": 1,
  "accounts": {
    "aws-prod": { "cloud": "aws", "accountId": "${AWS_ACCOUNT}" },
    "gcp-prod": { "cloud": "gcp", "projectId": "acme-prod", "projectNumber": "123456789012" },
    "azure-prod": {
      "cloud": "azure",
      "tenantId": "${AZURE_TENANT}",
      "subscriptionId": "${AZURE_SUBSCRIPTION}",
      "resourceGroup": "rg-wi",
      "location": "westeurope"
    }
  },
  "workloads": [
    {
      "name": "web-deploy",
      "description": "Deploys the web front end",
      "sessionDuration": "90m",
      "identities": [
        { "github": { "repository": "acme/web", "ownerId": "65", "repositoryId": "74", "environment": "production" } }
      ],
      "grants": {
        "aws-prod": [{ "resource": "arn:aws:s3:::acme-web-assets", "access": "readWrite" }],
        "gcp-prod": [
          {
            "resource": "${GCS_BUCKET}",
            "role": "roles/storage.legacyBucketReader",
            "justification": "the deploy lists bucket metadata"
          }
        ]
      },
      "acknowledge": [{ "rule": "WIAM-AWS-001", "reason": "deploys run only from the protected production environment" }]
    }
  ]
}
`;

  test('gives the same Model as the equivalent YAML', () => {
    const fromJson = parseDeclarationText(json);
    expect(fromJson).toEqual(parseDeclarationText(yaml));
    expect(fromJson.workloads[0].sessionDuration).toBe(5400);
    expect(fromJson.workloads[0].grants['gcp-prod'][0].justification).toBe('the deploy lists bucket metadata');
  });

  test('problems in JSON carry line numbers too', () => {
    const typo = json.replace('"environment": "production"', '"enviroment": "production"');
    expect(problemLines(typo)).toEqual([
      `workloads[0].identities[0].github.enviroment: unknown key "enviroment" (did you mean "environment"?): ${UNKNOWN_KEYS_REFUSED} (line 20)`,
      'workloads[0].identities[0].github: give exactly one of environment, ref or pullRequest; found none (line 20)',
    ]);
  });

  test('duplicate keys in JSON are refused, not silently merged', () => {
    const duplicated = json.replace('"sessionDuration": "90m",', '"sessionDuration": "90m",\n      "sessionDuration": "12h",');
    expect(problemLines(duplicated)).toEqual([
      'workloads[0]: duplicate key "sessionDuration": a key may appear only once in a mapping (otherwise one value would silently replace the other) (line 19)',
    ]);
  });

  test('a .json file through the CLI reports the same lines', async () => {
    const typo = json.replace('"ownerId": "65"', '"ownerId": 65');
    const { code, err } = await validate(typo, 'declaration.json');
    expect(code).toBe(2);
    expect(err).toBe(
      'workloads[0].identities[0].github.ownerId: must be a quoted string: unquoted, it was read as the number 65 (numbers lose leading zeros, and long ones are rounded) (line 20)\n',
    );
  });
});
