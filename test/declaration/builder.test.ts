import { DeclarationBuilder } from '../../lib/declaration/builder';
import { DeclarationError } from '../../lib/declaration/errors';
import { parseDeclarationText } from '../../lib/declaration/load';

/** The TypeScript builder and a YAML file with the same content must give the same Model (SPEC §3). */

const AZURE_TENANT = '7c5e1f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const AZURE_SUBSCRIPTION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const AZURE_REGISTRY = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-platform/providers/Microsoft.ContainerRegistry/registries/acmeplatform`;
const AZURE_CONTAINER = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb/blobServices/default/containers/assets`;
/** Storage Blob Data Reader. */
const BLOB_READER_ROLE_ID = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

const YAML = `
version: 1
accounts:
  aws-prod: { cloud: aws, accountId: "111122223333" }
  gcp-prod: { cloud: gcp, projectId: acme-prod, projectNumber: "123456789012", poolId: platform-pool }
  azure-prod:
    cloud: azure
    tenantId: ${AZURE_TENANT}
    subscriptionId: ${AZURE_SUBSCRIPTION}
    resourceGroup: rg-workload-identity
    location: westeurope
workloads:
  - name: web-deploy
    description: Deploys the web front end from the production environment
    sessionDuration: 2h
    identities:
      - github: { repository: acme/web, ownerId: "65", repositoryId: "74", environment: production }
    grants:
      aws-prod:
        - { resource: "arn:aws:s3:::acme-web-assets", access: readWrite }
        - resource: "arn:aws:s3:::acme-web-logs"
          actions: ["s3:GetBucketLogging"]
          justification: the deploy checks that access logging is still enabled
      gcp-prod:
        - { resource: "//storage.googleapis.com/projects/_/buckets/acme-web", access: read }
      azure-prod:
        - resource: ${AZURE_CONTAINER}
          roleDefinitionId: ${BLOB_READER_ROLE_ID}
          justification: pinned to the role id the security team reviewed
    acknowledge:
      - { rule: WIAM-GH-001, reason: "the environment has required reviewers and branch protection" }
  - name: data-pipeline
    identities:
      - gitlab: { project: acme/data/pipeline, projectId: "4242", namespaceId: "77", ref: main, refType: branch, environment: production }
    grants:
      aws-prod:
        - { resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", access: read }
  - name: orders-service
    identities:
      - kubernetes:
          issuer: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE
          namespace: orders
          serviceAccount: orders-api
          eks: { region: eu-west-1, cluster: prod-main }
    grants:
      aws-prod:
        - { resource: "arn:aws:sqs:eu-west-1:111122223333:order-events", access: publish }
  - name: audit-collector
    identities:
      - gcpServiceAccount: { email: audit-collector@acme-prod.iam.gserviceaccount.com, uniqueId: "104729364512345678901" }
      - azureManagedIdentity: { tenantId: ${AZURE_TENANT}, objectId: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d }
    grants:
      azure-prod:
        - { resource: ${AZURE_REGISTRY}, access: pull }
`;

function equivalentBuilder(): DeclarationBuilder {
  return new DeclarationBuilder()
    .account('aws-prod', { cloud: 'aws', accountId: '111122223333' })
    .account('gcp-prod', { cloud: 'gcp', projectId: 'acme-prod', projectNumber: '123456789012', poolId: 'platform-pool' })
    .account('azure-prod', {
      cloud: 'azure',
      tenantId: AZURE_TENANT,
      subscriptionId: AZURE_SUBSCRIPTION,
      resourceGroup: 'rg-workload-identity',
      location: 'westeurope',
    })
    .workload({
      name: 'web-deploy',
      description: 'Deploys the web front end from the production environment',
      sessionDuration: '2h',
      identities: [{ github: { repository: 'acme/web', ownerId: '65', repositoryId: '74', environment: 'production' } }],
      grants: {
        'aws-prod': [
          { resource: 'arn:aws:s3:::acme-web-assets', access: 'readWrite' },
          {
            resource: 'arn:aws:s3:::acme-web-logs',
            actions: ['s3:GetBucketLogging'],
            justification: 'the deploy checks that access logging is still enabled',
          },
        ],
        'gcp-prod': [{ resource: '//storage.googleapis.com/projects/_/buckets/acme-web', access: 'read' }],
        'azure-prod': [
          { resource: AZURE_CONTAINER, roleDefinitionId: BLOB_READER_ROLE_ID, justification: 'pinned to the role id the security team reviewed' },
        ],
      },
      acknowledge: [{ rule: 'WIAM-GH-001', reason: 'the environment has required reviewers and branch protection' }],
    })
    .workload({
      name: 'data-pipeline',
      identities: [
        { gitlab: { project: 'acme/data/pipeline', projectId: '4242', namespaceId: '77', ref: 'main', refType: 'branch', environment: 'production' } },
      ],
      grants: { 'aws-prod': [{ resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', access: 'read' }] },
    })
    .workload({
      name: 'orders-service',
      identities: [
        {
          kubernetes: {
            issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
            namespace: 'orders',
            serviceAccount: 'orders-api',
            eks: { region: 'eu-west-1', cluster: 'prod-main' },
          },
        },
      ],
      grants: { 'aws-prod': [{ resource: 'arn:aws:sqs:eu-west-1:111122223333:order-events', access: 'publish' }] },
    })
    .workload({
      name: 'audit-collector',
      identities: [
        { gcpServiceAccount: { email: 'audit-collector@acme-prod.iam.gserviceaccount.com', uniqueId: '104729364512345678901' } },
        { azureManagedIdentity: { tenantId: AZURE_TENANT, objectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
      ],
      grants: { 'azure-prod': [{ resource: AZURE_REGISTRY, access: 'pull' }] },
    });
}

/** The DeclarationError `build` throws; fails the test when it does not throw one. */
function buildError(builder: DeclarationBuilder): DeclarationError {
  try {
    builder.build();
  } catch (error) {
    if (error instanceof DeclarationError) return error;
    throw error;
  }
  throw new Error('expected build() to throw a DeclarationError');
}

describe('DeclarationBuilder', () => {
  test('builds the Model the equivalent YAML gives', () => {
    const fromYaml = parseDeclarationText(YAML);
    const built = equivalentBuilder().build();
    expect(built).toEqual(fromYaml);
    // The comparison covers what both paths resolve, not just what was written.
    expect(built.workloads.map((w) => w.name)).toEqual(['web-deploy', 'data-pipeline', 'orders-service', 'audit-collector']);
    expect(built.workloads[0].sessionDuration).toBe(7200);
    expect(built.workloads[1].sessionDuration).toBe(3600);
    expect(built.accounts['aws-prod']).toEqual({ cloud: 'aws', accountId: '111122223333', partition: 'aws' });
    expect(built.workloads[0].grants['aws-prod'][1]).toEqual(
      expect.objectContaining({ actions: ['s3:GetBucketLogging'], justification: 'the deploy checks that access logging is still enabled' }),
    );
  });

  test('toDeclaration() is the JSON file that loads to the same Model', () => {
    const builder = equivalentBuilder();
    const json = JSON.stringify(builder.toDeclaration(), null, 2);
    expect(parseDeclarationText(json)).toEqual(builder.build());
    expect(JSON.parse(json).version).toBe(1);
  });

  test('a differing builder gives a differing Model (the comparison can fail)', () => {
    const narrower = equivalentBuilder().workload({
      name: 'docs-preview',
      identities: [{ github: { repository: 'acme/docs', pullRequest: true } }],
    });
    expect(narrower.build()).not.toEqual(parseDeclarationText(YAML));
  });

  test('invalid input throws a DeclarationError with one `path: message` line per problem, without line numbers', () => {
    const error = buildError(
      new DeclarationBuilder()
        .account('aws-prod', { cloud: 'aws', accountId: '111122223333' })
        .workload({
          name: 'web-deploy',
          identities: [{ github: { repository: 'acme/web', environment: 'prod*' } }],
          grants: { 'aws-prod': [{ resource: 'arn:aws:s3:::acme-web-assets', access: 'read' }] },
        })
        .workload({
          name: 'Orders',
          sessionDuration: '13h',
          identities: [],
        }),
    );
    expect(error.message.split('\n')).toEqual([
      'workloads[0].identities[0].github.environment: environment must not contain wildcards (* or ?): name exactly one environment',
      'workloads[1].name: name must be 2 to 40 lowercase letters, digits or hyphens, starting with a letter (got "Orders")',
      'workloads[1].sessionDuration: sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got 46800 seconds',
      'workloads[1].identities: a workload needs at least one identity',
    ]);
    expect(error.problems.every((problem) => problem.line === undefined)).toBe(true);
  });

  test('cross-reference problems are reported the same way', () => {
    const error = buildError(
      new DeclarationBuilder()
        .account('aws-prod', { cloud: 'aws', accountId: '111122223333' })
        .workload({
          name: 'web-deploy',
          identities: [{ github: { repository: 'acme/web', environment: 'production' } }],
          grants: {
            'aws-staging': [{ resource: 'arn:aws:s3:::acme-web-assets', access: 'read' }],
            'aws-prod': [{ resource: 'arn:aws:dynamodb:eu-west-1:999988887777:table/orders', access: 'read' }],
          },
        }),
    );
    expect(error.message).toBe(
      [
        'workloads[0].grants.aws-staging: unknown account "aws-staging" (declared accounts: aws-prod)',
        'workloads[0].grants.aws-prod[0].resource: the resource belongs to AWS account 999988887777, not 111122223333; grant it through the account that owns it',
      ].join('\n'),
    );
  });

  test('a misspelt field is a type error and, past the compiler, a DeclarationError', () => {
    const builder = new DeclarationBuilder().account('aws-prod', { cloud: 'aws', accountId: '111122223333' }).workload({
      name: 'web-deploy',
      // @ts-expect-error `enviroment` is not a field of a GitHub identity
      identities: [{ github: { repository: 'acme/web', enviroment: 'production' } }],
    });
    expect(buildError(builder).message.split('\n')).toEqual([
      'workloads[0].identities[0].github.enviroment: unknown key "enviroment" (did you mean "environment"?): unknown keys are refused so a typo never changes trust',
      'workloads[0].identities[0].github: give exactly one of environment, ref or pullRequest; found none',
    ]);
  });
});
