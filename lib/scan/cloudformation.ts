import { readAwsRole, type ForeignRole, type LocatedPolicy, type LocatedValue } from './aws-role';
import { possibleReadings, writtenIndex, type TemplateScope } from './cloudformation-intrinsics';
import { mergeReadings, type Reading } from './reading';
import { isUnresolved, isWhollyUnknown, placeholderText } from './unresolved';
import { readWorkloadMetadata, WORKLOAD_METADATA_KEY, type WorkloadMetadata } from './workload-metadata';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Policies that name the roles they attach to. */
const ATTACHED_POLICY_TYPES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);

/** True for a CloudFormation template: it has `Resources` or a format version. */
export function isCloudFormationTemplate(data: unknown): data is Record<string, unknown> {
  return isRecord(data) && ('Resources' in data || 'AWSTemplateFormatVersion' in data);
}

/** A list as written, each item with its path (the index it had before `AWS::NoValue` items were removed). */
const itemsOf = (value: unknown, path: string): { item: unknown; path: string }[] =>
  (Array.isArray(value) ? value : []).map((item, index) => ({ item, path: `${path}[${writtenIndex(value as unknown[], index)}]` }));

/** A policy document located, its statements at the paths they are written at. */
function locatedPolicy(document: unknown, path: string): LocatedPolicy {
  const statements = isRecord(document) ? document.Statement : undefined;
  return Array.isArray(statements) ? { document, path, statementPaths: itemsOf(statements, `${path}.Statement`).map((s) => s.path) } : { document, path };
}

/** One reading of the role `id`: its properties and the policies attached to it, resolved by `resolve`. */
function roleReading(id: string, resources: TemplateScope['resources'], file: string, metadata: WorkloadMetadata, resolve: (value: unknown) => unknown): ForeignRole {
  // One property at a time, so the conditions of policies that do not attach to the role make no readings.
  const propertyOf = (resourceId: string, name: string): unknown => {
    const properties = resources[resourceId]?.Properties;
    return isRecord(properties) ? resolve(properties[name]) : undefined;
  };
  const base = (resourceId: string) => `${file}#Resources.${resourceId}.Properties`;
  const recorded = {
    ...(metadata.workload !== undefined ? { workload: metadata.workload } : {}),
    ...(metadata.acknowledge ? { acknowledgements: { acknowledgements: metadata.acknowledge, path: `${metadataPath(file, id)}.acknowledge` } } : {}),
  };
  const properties = resolve(resources[id]?.Properties);
  if (!isRecord(properties)) {
    return { resource: id, trustPolicy: { document: undefined, path: `${base(id)}.AssumeRolePolicyDocument` }, policies: [], managedPolicyArns: [], ...recorded };
  }
  const roleName = properties.RoleName;
  // A role named by a value that may be anything (a parameter, an import) may be this role.
  const namesRole = (value: unknown) =>
    typeof value === 'string' &&
    (placeholderText(value) === `\${${id}}` || isWhollyUnknown(value) || (typeof roleName === 'string' && !isUnresolved(roleName) && value === roleName));

  /** Policies elsewhere in the template that attach to the role, by `Ref` or by its literal name. */
  const attached: LocatedPolicy[] = Object.keys(resources)
    .filter((policyId) => {
      const type = String(resources[policyId]?.Type);
      if (ATTACHED_POLICY_TYPES.has(type)) {
        const roles = propertyOf(policyId, 'Roles');
        return Array.isArray(roles) ? roles.some(namesRole) : namesRole(roles);
      }
      return type === 'AWS::IAM::RolePolicy' && namesRole(propertyOf(policyId, 'RoleName'));
    })
    .map((policyId) => locatedPolicy(propertyOf(policyId, 'PolicyDocument'), `${base(policyId)}.PolicyDocument`));

  const inline = itemsOf(properties.Policies, `${base(id)}.Policies`).map(({ item, path }) =>
    locatedPolicy(isRecord(item) ? item.PolicyDocument : undefined, `${path}.PolicyDocument`),
  );
  const referenced: LocatedPolicy[] = [];
  const managedPolicyArns: LocatedValue[] = [];
  for (const { item: arn, path } of itemsOf(properties.ManagedPolicyArns, `${base(id)}.ManagedPolicyArns`)) {
    // `Ref` of a customer managed policy in this template returns its ARN: read the policy itself.
    const policyId = typeof arn === 'string' ? /^\$\{([^.]+)\}$/.exec(placeholderText(arn) ?? '')?.[1] : undefined;
    if (policyId !== undefined && resources[policyId]?.Type === 'AWS::IAM::ManagedPolicy') {
      referenced.push(locatedPolicy(propertyOf(policyId, 'PolicyDocument'), `${base(policyId)}.PolicyDocument`));
    } else {
      managedPolicyArns.push({ value: arn, path });
    }
  }
  return {
    resource: id,
    trustPolicy: locatedPolicy(properties.AssumeRolePolicyDocument, `${base(id)}.AssumeRolePolicyDocument`),
    policies: [...inline, ...referenced, ...attached],
    managedPolicyArns,
    ...(properties.MaxSessionDuration !== undefined ? { maxSessionDuration: { value: properties.MaxSessionDuration, path: `${base(id)}.MaxSessionDuration` } } : {}),
    ...recorded,
  };
}

const metadataPath = (file: string, id: string) => `${file}#Resources.${id}.Metadata.${WORKLOAD_METADATA_KEY}`;

/**
 * The IAM roles of a template (`AWS::IAM::Role`), each with its trust policy, inline policies, managed policies
 * (AWS managed ones by name, the template's own `AWS::IAM::ManagedPolicy` by reference), the `AWS::IAM::Policy`,
 * `AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy` resources attached to it, and its session length. Each role is
 * read once per way its conditions and parameters may come out; what any of those readings admits or grants counts.
 * `exports` names the exports of other templates (of the same app or directory) that each name one resource.
 */
export function readCloudFormationTemplate(template: Record<string, unknown>, file: string, exports?: ReadonlySet<string>): Reading {
  const resources = isRecord(template.Resources) ? (template.Resources as TemplateScope['resources']) : {};
  const scope: TemplateScope = {
    resources,
    mappings: isRecord(template.Mappings) ? template.Mappings : {},
    parameters: isRecord(template.Parameters) ? template.Parameters : {},
    ...(exports ? { exports } : {}),
  };
  const roles = Object.keys(resources).filter((id) => resources[id]?.Type === 'AWS::IAM::Role');
  return mergeReadings(
    roles.flatMap((id) => {
      // Metadata is never resolved by CloudFormation: it is read as written, once per role.
      const recorded = readWorkloadMetadata(resources[id]?.Metadata, `${file}#Resources.${id}.Metadata`);
      return [
        { resources: [], problems: recorded.problems },
        ...possibleReadings(scope, (resolve) => readAwsRole(roleReading(id, resources, file, recorded.metadata, resolve))),
      ];
    }),
  );
}
