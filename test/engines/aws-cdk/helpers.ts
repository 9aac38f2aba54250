import { App, Stack, type StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PolicyDocument } from '../../../lib/index';
import { AWS_ACCOUNT_ID } from '../../plan/fixtures';

/**
 * Helpers for the AWS CDK engine tests. Apps skip CDK's built-in CloudFormation validation (seconds of WebAssembly
 * start-up per app); the templates are linted with cfn-lint in cfn-lint.test.ts instead.
 */

export function testApp(): App {
  return new App({ analyticsReporting: false, builtinCloudFormationValidation: false });
}

/** A stack in the fixtures' AWS account (override `env` to change that). */
export function testStack(props: StackProps = {}, app: App = testApp()): Stack {
  return new Stack(app, 'Test', { env: { account: AWS_ACCOUNT_ID, region: 'eu-west-1' }, ...props });
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DependsOn?: readonly string[];
}

/** The resources of `type` in the template, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResourceJson> {
  return template.findResources(type) as Record<string, CfnResourceJson>;
}

/** The only resource of `type` in the template. */
export function onlyResource(template: Template, type: string): CfnResourceJson & { readonly logicalId: string } {
  const found = Object.entries(resourcesOf(template, type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return { logicalId: found[0][0], ...found[0][1] };
}

/** The trust policy of the role named `roleName` in the template. */
export function trustPolicyOf(template: Template, roleName: string): PolicyDocument {
  const role = Object.values(resourcesOf(template, 'AWS::IAM::Role')).find((r) => r.Properties.RoleName === roleName);
  if (!role) throw new Error(`no role ${roleName} in the template`);
  return role.Properties.AssumeRolePolicyDocument as PolicyDocument;
}
