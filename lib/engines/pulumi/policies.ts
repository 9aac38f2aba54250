import type { PolicyResource, ReportViolation, StackValidationPolicy } from '@pulumi/policy';
import { blockingFindings } from '../../rules/check';
import type { Finding } from '../../rules/rule';
import { pulumiRegistrationsAsTerraform, registrationAddress, type PulumiRegistration } from '../../scan/pulumi-registrations';
import { scanTerraformConfiguration } from '../../scan/scan';
import { describeFinding } from '../gate';

/** A stack's resources as registrations: type, name, parent and the properties the engine sees. */
function registrationsOf(resources: readonly PolicyResource[]): PulumiRegistration[] {
  return resources.map((resource) => ({
    type: resource.type,
    name: resource.name,
    ...(resource.parent ? { parent: `${resource.parent.type}::${resource.parent.name}` } : {}),
    inputs: resource.props,
  }));
}

/** The `scan` findings of a whole stack, each reported against the resource it is about. */
function judgeStack(resources: readonly PolicyResource[], keep: (findings: readonly Finding[]) => readonly Finding[], report: ReportViolation): void {
  const urns = new Map(resources.flatMap((resource) => {
    const address = registrationAddress(resource);
    return address === undefined ? [] : [[address, resource.urn] as const];
  }));
  const findings = scanTerraformConfiguration(pulumiRegistrationsAsTerraform(registrationsOf(resources)), 'stack');
  for (const finding of keep(findings)) report(describeFinding(finding), finding.resource === undefined ? undefined : urns.get(finding.resource));
}

/**
 * The `scan` rules as Pulumi policies, for a policy pack (`new PolicyPack('workload-iam', { policies })`): every IAM
 * role, pool provider, IAM member and federated credential of the stack, the component's and hand-written ones alike,
 * with what they are granted. Unacknowledged errors are mandatory violations; warnings (and acknowledged errors, with
 * their reason) are advisory.
 */
export const workloadIamPolicies: readonly StackValidationPolicy[] = [
  {
    name: 'workload-iam-errors',
    description: 'Workload identity trust that lets strangers in or grants more than declared (workload-iam rules, errors)',
    enforcementLevel: 'mandatory',
    validateStack: (args, report) => judgeStack(args.resources, blockingFindings, report),
  },
  {
    name: 'workload-iam-warnings',
    description: 'Workload identity trust that is wider than it needs to be (workload-iam rules, warnings and acknowledged errors)',
    enforcementLevel: 'advisory',
    validateStack: (args, report) =>
      judgeStack(args.resources, (findings) => {
        const blocking = new Set(blockingFindings(findings));
        return findings.filter((finding) => !blocking.has(finding));
      }, report),
  },
];
