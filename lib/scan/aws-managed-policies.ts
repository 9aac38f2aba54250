/**
 * The statements of well-known AWS managed policies that the permission rules care about, by policy name. A role
 * attached to one of these holds what the statement grants even though the template never spells it out. Other
 * managed policies are not judged: their contents are not in the template.
 */
const PRIVILEGED_MANAGED_POLICIES: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>> = {
  AdministratorAccess: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  PowerUserAccess: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }],
  IAMFullAccess: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
};

/**
 * The statements of an AWS managed policy ARN (`arn:<partition>:iam::aws:policy/[path/]Name`) that the rules
 * judge; the partition may be unresolved (`${AWS::Partition}`), the name may not.
 */
export function managedPolicyStatements(arn: string): readonly Readonly<Record<string, unknown>>[] {
  const name = /:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(arn)?.[1];
  return (name !== undefined && PRIVILEGED_MANAGED_POLICIES[name]) || [];
}
