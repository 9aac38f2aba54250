import { Lazy, type Stack } from 'aws-cdk-lib';
import { CfnProfile } from 'aws-cdk-lib/aws-rolesanywhere';
import { Construct } from 'constructs';
import type { AwsRolesAnywhereProfile } from '../../plan/plan';

const ID = 'WorkloadIamRolesAnywhere';

/** The region of an IAM Roles Anywhere trust anchor, from its ARN: profiles live beside their anchor. */
export function regionOfTrustAnchor(arn: string): string {
  return arn.split(':')[3];
}

/**
 * The IAM Roles Anywhere profiles created in one stack: one per trust anchor, listing every role of that anchor
 * rendered with it. The trust anchor itself exists already and is only referenced (by ARN, in the roles' trust).
 */
export class RolesAnywhereProfiles extends Construct {
  /** The profiles of `stack`, created on first use. */
  public static of(stack: Stack): RolesAnywhereProfiles {
    return (stack.node.tryFindChild(ID) as RolesAnywhereProfiles | undefined) ?? new RolesAnywhereProfiles(stack, ID);
  }

  private readonly profiles = new Map<string, { readonly resource: CfnProfile; readonly roleArns: Set<string> }>();

  /** Adds a role to the profile of this Plan element, creating the profile on first use. */
  public addRole(profile: AwsRolesAnywhereProfile, roleArn: string): CfnProfile {
    let entry = this.profiles.get(profile.key);
    if (!entry) {
      const roleArns = new Set<string>();
      const resource = new CfnProfile(this, profile.trustAnchorArn.split('/').pop()!, {
        name: profile.name,
        enabled: true,
        durationSeconds: profile.maxSessionDuration,
        // Roles of other constructs may join until synth; sorted so the order never depends on theirs.
        roleArns: Lazy.list({ produce: () => [...roleArns].sort() }),
      });
      entry = { resource, roleArns };
      this.profiles.set(profile.key, entry);
    }
    entry.roleArns.add(roleArn);
    // A profile vends sessions no longer than its shortest role allows.
    entry.resource.durationSeconds = Math.min(entry.resource.durationSeconds ?? profile.maxSessionDuration, profile.maxSessionDuration);
    return entry.resource;
  }
}
