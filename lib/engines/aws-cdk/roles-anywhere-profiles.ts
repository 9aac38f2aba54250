import type { Stack } from 'aws-cdk-lib';
import { CfnProfile } from 'aws-cdk-lib/aws-rolesanywhere';
import { Construct } from 'constructs';
import type { AwsRolesAnywhereProfile } from '../../plan/plan';

const ID = 'WorkloadIamRolesAnywhere';

/**
 * The IAM Roles Anywhere profiles created in one stack: one per trust anchor, as the Plan has it (its roles and
 * session length). The trust anchor itself exists already and is only referenced (by ARN, in the roles' trust).
 */
export class RolesAnywhereProfiles extends Construct {
  /** The profiles of `stack`, created on first use. */
  public static of(stack: Stack): RolesAnywhereProfiles {
    return (stack.node.tryFindChild(ID) as RolesAnywhereProfiles | undefined) ?? new RolesAnywhereProfiles(stack, ID);
  }

  private readonly profiles = new Map<string, CfnProfile>();

  /** The profile of this Plan element, created on first use; each role that renders with it adds a dependency. */
  public profile(profile: AwsRolesAnywhereProfile): CfnProfile {
    let resource = this.profiles.get(profile.key);
    if (!resource) {
      resource = new CfnProfile(this, profile.trustAnchorArn.split('/').pop()!, {
        name: profile.name,
        enabled: true,
        durationSeconds: profile.maxSessionDuration,
        roleArns: [...profile.roleArns],
      });
      this.profiles.set(profile.key, resource);
    }
    return resource;
  }
}
