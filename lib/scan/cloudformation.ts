import { readAwsRole, type LocatedPolicy, type LocatedValue } from './aws-role';
import { resolveIntrinsics, type TemplateScope } from './cloudformation-intrinsics';
import { mergeReadings, type Reading } from './reading';
import { isUnresolved, placeholderText, unresolved } from './unresolved';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Policies that name the roles they attach to. */
const ATTACHED_POLICY_TYPES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);

/** True for a CloudFormation template: it has `Resources` or a format version. */
export function isCloudFormationTemplate(data: unknown): data is Record<string, unknown> {
  return isRecord(data) && ('Resources' in data || 'AWSTemplateFormatVersion' in data);
}

/**
 * The IAM roles of a template (`AWS::IAM::Role`), each with its trust policy, inline policies, managed policies
 * (AWS managed ones by name, the template's own `AWS::IAM::ManagedPolicy` by reference), the `AWS::IAM::Policy`,
 * `AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy` resources attached to it, and its session length.
 */
export function readCloudFormationTemplate(template: Record<string, unknown>, file: string): Reading {
  const resources = isRecord(template.Resources) ? (template.Resources as TemplateScope['resources']) : {};
  const scope: TemplateScope = { resources, mappings: isRecord(template.Mappings) ? template.Mappings : {} };
  const resolved = new Map<string, Record<string, unknown>>();
  const propertiesOf = (id: string): Record<string, unknown> => {
    if (!resolved.has(id)) {
      const properties = resolveIntrinsics(resources[id]?.Properties, scope);
      resolved.set(id, isRecord(properties) ? properties : {});
    }
    return resolved.get(id)!;
  };
  const base = (id: string) => `${file}#Resources.${id}.Properties`;
  const ofType = (type: string) => Object.keys(resources).filter((id) => resources[id]?.Type === type);

  /** Policies elsewhere in the template that attach to the role, by `Ref` or by its literal name. */
  const attachedTo = (roleId: string): LocatedPolicy[] => {
    const roleName = propertiesOf(roleId).RoleName;
    const names = new Set([unresolved(`\${${roleId}}`), ...(typeof roleName === 'string' && !isUnresolved(roleName) ? [roleName] : [])]);
    return Object.keys(resources)
      .filter((id) => {
        const type = String(resources[id]?.Type);
        const properties = propertiesOf(id);
        if (ATTACHED_POLICY_TYPES.has(type)) return Array.isArray(properties.Roles) && properties.Roles.some((role) => names.has(role as string));
        return type === 'AWS::IAM::RolePolicy' && names.has(properties.RoleName as string);
      })
      .map((id) => ({ document: propertiesOf(id).PolicyDocument, path: `${base(id)}.PolicyDocument` }));
  };

  return mergeReadings(
    ofType('AWS::IAM::Role').map((id) => {
      const properties = propertiesOf(id);
      const inline: LocatedPolicy[] = (Array.isArray(properties.Policies) ? properties.Policies : []).map((policy, index) => ({
        document: isRecord(policy) ? policy.PolicyDocument : undefined,
        path: `${base(id)}.Policies[${index}].PolicyDocument`,
      }));
      const referenced: LocatedPolicy[] = [];
      const managedPolicyArns: LocatedValue[] = [];
      (Array.isArray(properties.ManagedPolicyArns) ? properties.ManagedPolicyArns : []).forEach((arn, index) => {
        // `Ref` of a customer managed policy in this template returns its ARN: read the policy itself.
        const policyId = typeof arn === 'string' ? /^\$\{([^.]+)\}$/.exec(placeholderText(arn) ?? '')?.[1] : undefined;
        if (policyId !== undefined && resources[policyId]?.Type === 'AWS::IAM::ManagedPolicy') {
          referenced.push({ document: propertiesOf(policyId).PolicyDocument, path: `${base(policyId)}.PolicyDocument` });
        } else {
          managedPolicyArns.push({ value: arn, path: `${base(id)}.ManagedPolicyArns[${index}]` });
        }
      });
      return readAwsRole({
        resource: id,
        trustPolicy: { document: properties.AssumeRolePolicyDocument, path: `${base(id)}.AssumeRolePolicyDocument` },
        policies: [...inline, ...referenced, ...attachedTo(id)],
        managedPolicyArns,
        ...(properties.MaxSessionDuration !== undefined ? { maxSessionDuration: { value: properties.MaxSessionDuration, path: `${base(id)}.MaxSessionDuration` } } : {}),
      });
    }),
  );
}
