import { readAwsRole, type LocatedPolicy, type LocatedValue } from './aws-role';
import { mergeReadings, type Reading, type ScanProblem } from './reading';
import { nestedBlocks, referenceOf, type TerraformBlock } from './terraform-json';
import { dynamicParts, policyDocumentOf } from './terraform-policy-document';
import { fixedUnresolved, isUnresolved, isWhollyUnknown, resolvePlaceholders } from './unresolved';
import { readWorkloadMetadata, WORKLOAD_METADATA_KEY } from './workload-metadata';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

const mapStrings = (value: unknown, map: (text: string) => string): unknown => {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  return value;
};

/**
 * `${aws_iam_openid_connect_provider.X.arn}` as the ARN it will be, when the provider's URL is written out: the
 * account is unknown, the issuer host is not.
 */
function withProviderArns(blocks: readonly TerraformBlock[]): (policy: LocatedPolicy) => LocatedPolicy {
  const hosts = new Map(
    blocks
      .filter((block) => block.kind === 'resource' && block.type === 'aws_iam_openid_connect_provider' && typeof block.body.url === 'string')
      .map((block) => [`\${${block.address}.arn}`, (block.body.url as string).replace(/^https:\/\//, '')]),
  );
  const arn = (text: string) => (hosts.has(text) ? `arn:aws:iam::${fixedUnresolved('${account}')}:oidc-provider/${hosts.get(text)}` : undefined);
  return (policy) => ({ ...policy, document: mapStrings(policy.document, (text) => resolvePlaceholders(text, arn)) });
}

/**
 * The `aws_iam_role` resources of a Terraform module, each with its trust policy, `inline_policy` blocks,
 * `managed_policy_arns`, the `aws_iam_role_policy` and policy attachments that name it, and its session length.
 * Policies may be JSON text, or refer to an `aws_iam_policy_document` data source or an `aws_iam_policy`.
 */
export function readTerraformAws(blocks: readonly TerraformBlock[]): Reading {
  const byAddress = new Map(blocks.map((block) => [block.address, block]));
  const resourcesOf = (type: string) => blocks.filter((block) => block.kind === 'resource' && block.type === type);
  const resolveProviders = withProviderArns(blocks);
  const problems: ScanProblem[] = [];

  const policyAt = (value: unknown, path: string): LocatedPolicy => {
    const reference = referenceOf(value);
    const source = reference && ['json', 'minified_json'].includes(reference.attribute) ? byAddress.get(reference.address) : undefined;
    if (source?.kind !== 'data' || source.type !== 'aws_iam_policy_document') return resolveProviders({ document: value, path });
    return resolveProviders(policyDocumentOf(source, byAddress));
  };

  /** `data.aws_iam_policy.X.arn` of a policy named in the module (e.g. AdministratorAccess) is that policy's ARN. */
  const managedPolicyArn = (value: unknown): unknown => {
    const reference = referenceOf(value);
    const source = reference?.attribute === 'arn' ? byAddress.get(reference.address) : undefined;
    if (source?.kind !== 'data' || source.type !== 'aws_iam_policy') return value;
    const { arn, name } = source.body;
    if (typeof arn === 'string' && !isUnresolved(arn)) return arn;
    return typeof name === 'string' && !isUnresolved(name) ? `arn:aws:iam::aws:policy/${name}` : value;
  };

  const readings = resourcesOf('aws_iam_role').map((role) => {
    const name = role.body.name;
    // A role named by a value that may be anything (a variable, a module output) may be this role.
    const namesRole = (value: unknown): boolean => {
      const reference = referenceOf(value);
      if (reference) return reference.address === role.address && ['name', 'id'].includes(reference.attribute);
      if (typeof value === 'string' && isWhollyUnknown(value)) return true;
      return typeof name === 'string' && !isUnresolved(name) && value === name;
    };
    const attachments = [
      ...resourcesOf('aws_iam_role_policy_attachment').filter((block) => namesRole(block.body.role)),
      ...resourcesOf('aws_iam_policy_attachment').filter((block) => list(block.body.roles).some(namesRole)),
    ];
    const arns: LocatedValue[] = [
      ...list(role.body.managed_policy_arns).map((value, index) => ({ value: managedPolicyArn(value), path: `${role.path}.managed_policy_arns[${index}]` })),
      ...attachments.map((block) => ({ value: managedPolicyArn(block.body.policy_arn), path: `${block.path}.policy_arn` })),
    ];
    // The ARN of an `aws_iam_policy` in this module: read the policy itself.
    const customerPolicy = (arn: unknown) => {
      const reference = referenceOf(arn);
      const block = reference?.attribute === 'arn' ? byAddress.get(reference.address) : undefined;
      return block?.type === 'aws_iam_policy' ? block : undefined;
    };
    const policies: LocatedPolicy[] = [
      ...nestedBlocks(role.body.inline_policy).map((inline, index) => policyAt(inline.policy, `${role.path}.inline_policy[${index}].policy`)),
      { document: undefined, path: role.path, unreadableParts: dynamicParts(role.body, role.path, ['inline_policy']) },
      ...resourcesOf('aws_iam_role_policy')
        .filter((block) => namesRole(block.body.role))
        .map((block) => policyAt(block.body.policy, `${block.path}.policy`)),
      ...arns.flatMap(({ value }) => {
        const block = customerPolicy(value);
        return block ? [policyAt(block.body.policy, `${block.path}.policy`)] : [];
      }),
    ];
    // The engines record the workload and its acknowledgements in the resource's `//` comment, as in CFN Metadata.
    const recorded = readWorkloadMetadata(role.body['//'], `${role.path}["//"]`);
    problems.push(...recorded.problems);
    const { workload, acknowledge } = recorded.metadata;
    return readAwsRole({
      resource: role.address,
      ...(workload !== undefined ? { workload } : {}),
      ...(acknowledge ? { acknowledgements: { acknowledgements: acknowledge, path: `${role.path}["//"].${WORKLOAD_METADATA_KEY}.acknowledge` } } : {}),
      trustPolicy: policyAt(role.body.assume_role_policy, `${role.path}.assume_role_policy`),
      policies,
      managedPolicyArns: arns.filter(({ value }) => customerPolicy(value) === undefined),
      ...(role.body.max_session_duration !== undefined
        ? { maxSessionDuration: { value: role.body.max_session_duration, path: `${role.path}.max_session_duration` } }
        : {}),
    });
  });
  return mergeReadings([...readings, { resources: [], problems }]);
}
