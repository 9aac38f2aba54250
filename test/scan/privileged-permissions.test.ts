import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../lib/rules/rule';
import { scanPath } from '../../lib/scan/scan';

/**
 * scan judges the permissions of the roles it reads with the same WIAM-PERM-002 as validate: CloudFormation and
 * Terraform roles written as users write them, each privileged permission next to an unprivileged neighbour.
 */

const GITHUB = 'token.actions.githubusercontent.com';
/** A trust WIAM-PERM-002 has nothing to say about: one environment of one repository, pinned by ids. */
const TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${GITHUB}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB}:sub`]: 'repo:octo-org/web:environment:production',
          [`${GITHUB}:repository_owner_id`]: '1342004',
          [`${GITHUB}:repository_id`]: '583231',
        },
      },
    },
  ],
};

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'wiam-perm-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** WIAM-PERM-002 findings of one file, as `severity path: message`. */
function privileged(file: string, content: object): string[] {
  writeFileSync(join(directory, file), JSON.stringify(content));
  const result = scanPath(join(directory, file));
  expect(result.problems).toEqual([]);
  return result.findings.filter((f: Finding) => f.rule === 'WIAM-PERM-002').map((f) => `${f.severity} ${f.path}: ${f.message}`);
}

function cloudFormationRole(properties: object): object {
  return { Resources: { DeployRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST, ...properties } } } };
}

const statementPolicy = (statement: object) => ({ Policies: [{ PolicyName: 'deploy', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } }] });

describe('CloudFormation', () => {
  test('a role with iam:AddUserToGroup is an error', () => {
    const template = cloudFormationRole(statementPolicy({ Effect: 'Allow', Action: 'iam:AddUserToGroup', Resource: 'arn:aws:iam::111122223333:group/admins' }));
    expect(privileged('role.json', template)).toEqual([
      "error role.json#Resources.DeployRole.Properties.Policies[0].PolicyDocument.Statement[0]: iam:AddUserToGroup is granted without a justification: it puts a user into a group and so gives it the group's policies",
    ]);
  });

  test.each(['IAM:AddUserToGroup', 'iam:addusertogroup', 'iam:Add*', 'iam:*'])('%s is the same error, however it is spelled', (action) => {
    const template = cloudFormationRole(statementPolicy({ Effect: 'Allow', Action: [action], Resource: '*' }));
    expect(privileged('role.json', template)).toEqual([expect.stringMatching(/^error role\.json#Resources\.DeployRole\.Properties\.Policies\[0\]\.PolicyDocument\.Statement\[0\]: /)]);
  });

  test('its neighbour, a role that only reads objects, has no finding', () => {
    const template = cloudFormationRole(statementPolicy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*'], Resource: 'arn:aws:s3:::octo-site/*' }));
    expect(privileged('role.json', template)).toEqual([]);
  });

  test('a NotAction statement is an error', () => {
    const template = cloudFormationRole(statementPolicy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    expect(privileged('role.json', template)).toEqual([
      'error role.json#Resources.DeployRole.Properties.Policies[0].PolicyDocument.Statement[0]: * except iam:* is granted without a justification: NotAction grants every action it does not list, including those added later',
    ]);
  });

  test('a Deny of a privileged action grants nothing', () => {
    const template = cloudFormationRole(statementPolicy({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }));
    expect(privileged('role.json', template)).toEqual([]);
  });

  test('an action taken from a parameter may be any action, so it is an error', () => {
    const template = {
      Parameters: { Verb: { Type: 'String' } },
      ...cloudFormationRole(statementPolicy({ Effect: 'Allow', Action: { 'Fn::Sub': 's3:${Verb}' }, Resource: 'arn:aws:s3:::octo-site' })),
    };
    expect(privileged('role.json', template)).toEqual([expect.stringMatching(/^error .*: s3:\$\{Verb\} \(covers s3:[A-Za-z]+\) is granted without a justification: /)]);
  });

  test.each(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'])('the AWS managed policy %s is an error', (name) => {
    const template = cloudFormationRole({ ManagedPolicyArns: [`arn:aws:iam::aws:policy/${name}`] });
    expect(privileged('role.json', template)).toEqual([expect.stringMatching(/^error role\.json#Resources\.DeployRole\.Properties\.ManagedPolicyArns\[0\]: /)]);
  });

  test('an AWS managed policy whose contents are not known here is not judged privileged', () => {
    const template = cloudFormationRole({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] });
    expect(privileged('role.json', template)).toEqual([]);
  });
});

describe('Terraform JSON', () => {
  function terraformRole(policy: object): object {
    return {
      resource: {
        aws_iam_role: {
          deploy: { name: 'deploy', assume_role_policy: JSON.stringify(TRUST), inline_policy: [{ name: 'deploy', policy: JSON.stringify(policy) }] },
        },
      },
    };
  }

  test('a role with s3:PutBucketPolicy is an error', () => {
    const template = terraformRole({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::octo-site' }] });
    expect(privileged('main.tf.json', template)).toEqual([
      'error main.tf.json#resource.aws_iam_role.deploy.inline_policy[0].policy.Statement[0]: s3:PutBucketPolicy is granted without a justification: AWS lists it under "Permissions management": it changes who may do what',
    ]);
  });

  test('its neighbour, a role that writes items to a table, has no finding', () => {
    const template = terraformRole({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders' }],
    });
    expect(privileged('main.tf.json', template)).toEqual([]);
  });

  describe('GCP bindings of a pool member', () => {
    function binding(role: string): object {
      return {
        resource: {
          google_iam_workload_identity_pool: { ci: { workload_identity_pool_id: 'ci-pool' } },
          google_iam_workload_identity_pool_provider: {
            github: {
              workload_identity_pool_id: '${google_iam_workload_identity_pool.ci.workload_identity_pool_id}',
              workload_identity_pool_provider_id: 'github',
              attribute_condition: "assertion.repository_owner_id == '1342004'",
              attribute_mapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
              oidc: [{ issuer_uri: `https://${GITHUB}` }],
            },
          },
          google_storage_bucket_iam_member: {
            site: {
              bucket: 'octo-site',
              role,
              member: 'principal://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/ci-pool/subject/repo:octo-org/web:environment:production',
            },
          },
        },
      };
    }

    test('roles/storage.admin (it can set the bucket IAM policy) is an error', () => {
      expect(privileged('gcp.tf.json', binding('roles/storage.admin'))).toEqual([
        'error gcp.tf.json#resource.google_storage_bucket_iam_member.site.role: roles/storage.admin is granted without a justification: it includes storage.buckets.setIamPolicy',
      ]);
    });

    test('a role taken from a variable may be roles/owner, so it is an error', () => {
      expect(privileged('gcp.tf.json', binding('${var.bucket_role}'))).toEqual([
        'error gcp.tf.json#resource.google_storage_bucket_iam_member.site.role: ${var.bucket_role} is granted without a justification: the role cannot be read, so it may be roles/owner',
      ]);
    });

    test('its neighbour roles/storage.objectViewer has no finding', () => {
      expect(privileged('gcp.tf.json', binding('roles/storage.objectViewer'))).toEqual([]);
    });
  });
});
