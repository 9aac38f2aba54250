import { evaluateGcpCel } from '../../lib/evaluate/cel';
import { compileWorkloads, gcpAccountOf } from '../plan/fixtures';

// The IAM conditions the Plan puts on project-level Cloud SQL and Firestore bindings, evaluated by a real CEL
// implementation over the resource attributes IAM binds (`resource.name`, `resource.type`, `resource.service`,
// https://cloud.google.com/iam/docs/conditions-attribute-reference#resource): the named resource only.

const plan = compileWorkloads([
  {
    name: 'ledger',
    identities: [{ github: { repository: 'acme/ledger', ownerId: '65', repositoryId: '81', environment: 'production' } }],
    grants: {
      'gcp-prod': [
        { resource: '//sqladmin.googleapis.com/projects/acme-prod/instances/ledger-db', access: 'connect' },
        { resource: '//firestore.googleapis.com/projects/acme-prod/databases/sessions', access: 'readWrite' },
      ],
    },
  },
]);
const expressionOf = (resourceType: string) =>
  gcpAccountOf(plan).bindings.find((binding) => binding.resourceType === resourceType)!.condition!.expression;
const admits = (expression: string, resource: Record<string, string>) => evaluateGcpCel(expression, { assertion: {}, resource });

describe('Cloud SQL', () => {
  const expression = expressionOf('cloudsql-instance');
  const instance = (name: string, type = 'sqladmin.googleapis.com/Instance') => ({ name, type, service: 'sqladmin.googleapis.com' });

  test('admits the named instance', () => {
    expect(admits(expression, instance('projects/acme-prod/instances/ledger-db'))).toEqual({ outcome: 'value', value: true, type: 'bool' });
  });

  test.each([
    ['a neighbour whose name starts with it', instance('projects/acme-prod/instances/ledger-db-replica')],
    ['another instance', instance('projects/acme-prod/instances/billing-db')],
    ['the same instance in another project', instance('projects/acme-staging/instances/ledger-db')],
    ['something of another type with the same name', instance('projects/acme-prod/instances/ledger-db', 'sqladmin.googleapis.com/Backup')],
  ])('refuses %s', (_label, resource) => {
    expect(admits(expression, resource)).toEqual({ outcome: 'value', value: false, type: 'bool' });
  });
});

describe('Firestore', () => {
  const expression = expressionOf('firestore-database');
  const database = (name: string) => ({ name, type: 'firestore.googleapis.com/Database', service: 'firestore.googleapis.com' });

  test('admits the named database', () => {
    expect(admits(expression, database('projects/acme-prod/databases/sessions'))).toEqual({ outcome: 'value', value: true, type: 'bool' });
  });

  test.each(['projects/acme-prod/databases/sessions-archive', 'projects/acme-prod/databases/(default)'])('refuses the neighbour %s', (name) => {
    expect(admits(expression, database(name))).toEqual({ outcome: 'value', value: false, type: 'bool' });
  });
});
