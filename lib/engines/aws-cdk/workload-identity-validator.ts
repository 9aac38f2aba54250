import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1 } from 'aws-cdk-lib';
import { logicalIdOf } from './role-findings';
import { RULES } from '../../rules/catalogue';
import { blockingFindings } from '../../rules/check';
import type { Finding } from '../../rules/rule';
import { scanCloudFormationTemplate } from '../../scan/scan';

/**
 * The workload-iam rules as a CDK policy validation plugin: `new App({ policyValidationBeta1: [new
 * WorkloadIdentityValidator()] })`. CDK hands it every synthesized template; each is scanned synchronously (CDK calls
 * `validate` synchronously), and each blocking finding is a violation that fails `cdk synth`. Warnings and
 * acknowledged findings (role Metadata, see `WorkloadIdentityChecks.acknowledge`) are not violations.
 */
export class WorkloadIdentityValidator implements IPolicyValidationPluginBeta1 {
  public readonly name = 'workload-iam';
  public readonly ruleIds = RULES.map((rule) => rule.id);

  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const violations = new Map<string, { finding: Finding; resources: PolicyViolationBeta1['violatingResources'][number][] }>();
    for (const templatePath of [...context.templatePaths].sort()) {
      const template = JSON.parse(readFileSync(templatePath, 'utf8')) as Record<string, unknown>;
      for (const finding of blockingFindings(scanCloudFormationTemplate(template, basename(templatePath)))) {
        // One violation per rule and message; each role it concerns is a violating resource.
        const key = `${finding.rule}\u0000${finding.message}`;
        const entry = violations.get(key) ?? { finding, resources: [] };
        entry.resources.push({ resourceLogicalId: logicalIdOf(finding) ?? '', templatePath, locations: [finding.path.slice(finding.path.indexOf('#') + 1)] });
        violations.set(key, entry);
      }
    }
    return {
      success: violations.size === 0,
      violations: [...violations.values()].map(({ finding, resources }) => ({
        ruleName: finding.rule,
        description: finding.message,
        fix: finding.fix,
        severity: finding.severity,
        violatingResources: resources,
      })),
    };
  }
}
