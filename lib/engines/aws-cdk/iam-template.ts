import { CfnElement, CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { resourceExportsOf } from '../../scan/cloudformation-exports';

/** Resources whose properties may grant a role permissions or name the issuer it trusts. */
const IAM_TYPES: ReadonlySet<string> = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::OIDCProvider',
  'Custom::AWSCDKOpenIdConnectProvider',
]);

/** Resources that attach policies to roles they name. */
export const POLICY_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy']);

type Template = Record<string, Record<string, unknown>>;

/**
 * The CloudFormation a CDK element renders, resolved in its stack, as `cdk synth` writes it (overrides included).
 * `_toCloudFormation` is how every CfnElement renders itself for synthesis; there is no public equivalent per element.
 */
export function renderedElement(element: CfnElement): Template {
  return element.stack.resolve(element._toCloudFormation()) as Template;
}

/** The elements of `stack` itself (not of its nested stacks). */
export function elementsOf(stack: Stack): CfnElement[] {
  return stack.node.findAll().filter((construct): construct is CfnElement => CfnElement.isCfnElement(construct) && construct.stack === stack);
}

/**
 * A template assembled from parts of one or more stacks of an app, for the rules: some elements rendered in full,
 * every other resource of those stacks by its type alone, so a `Ref` or `Fn::GetAtt` of a bucket names that bucket.
 * CDK logical ids carry a hash of the construct path, so the parts of several stacks do not collide. Build it once
 * the app is prepared (from a validation): cross-stack references are resolved then.
 */
export class PartialTemplate {
  private readonly template: Template = { Resources: {} };

  /** Every resource of `stack` by its type, and its parameters, conditions and mappings in full. */
  public addStack(stack: Stack): this {
    for (const element of elementsOf(stack)) {
      if (CfnResource.isCfnResource(element)) this.template.Resources[stack.getLogicalId(element)] ??= { Type: element.cfnResourceType };
      else if (!(element instanceof CfnOutput)) this.add(element);
    }
    return this;
  }

  /** One element in full. */
  public add(element: CfnElement): this {
    for (const [section, entries] of Object.entries(renderedElement(element))) this.template[section] = { ...this.template[section], ...entries };
    return this;
  }

  public build(): Record<string, unknown> {
    return this.template;
  }
}

/** The part of `stack`'s template that judges its roles: those `judged` selects in full, and what may attach to them. */
export function iamTemplateOf(stack: Stack, judged: (role: CfnResource) => boolean): Record<string, unknown> {
  const template = new PartialTemplate().addStack(stack);
  for (const element of elementsOf(stack)) {
    if (!CfnResource.isCfnResource(element) || !IAM_TYPES.has(element.cfnResourceType)) continue;
    if (element.cfnResourceType !== 'AWS::IAM::Role' || judged(element)) template.add(element);
  }
  return template.build();
}

/** The exports of the app's stacks that each name one resource of their stack: what a cross-stack reference imports. */
export function appExports(scope: IConstruct): Set<string> {
  const stacks = scope.node.root.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));
  return new Set(
    stacks.flatMap((stack) => {
      const outputs = elementsOf(stack).filter((element): element is CfnOutput => element instanceof CfnOutput && element.exportName !== undefined);
      if (outputs.length === 0) return [];
      const template = new PartialTemplate().addStack(stack);
      for (const output of outputs) template.add(output);
      return resourceExportsOf(template.build());
    }),
  );
}

/** Whether a resolved template imports a value (only then are the app's exports worth collecting). */
export function importsValues(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(importsValues);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key === 'Fn::ImportValue' || importsValues(item));
}
