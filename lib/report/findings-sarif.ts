import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Finding, RuleInfo } from '../rules/rule';
import { ruleHelpMarkdown } from '../rules/rules-markdown';

/** Where a finding is in the repository: the file as the tool was given it, and the line when it is known. */
export interface FindingLocation {
  readonly uri: string;
  readonly line?: number;
}

export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

function rule(info: RuleInfo): SarifRuleBuilder {
  return new SarifRuleBuilder({
    id: info.id,
    shortDescription: { text: info.title },
    fullDescription: { text: info.explanation },
    help: { text: `${info.explanation}\n\nFix: ${info.fix}`, markdown: ruleHelpMarkdown(info) },
    ...(info.references.length > 0 ? { helpUri: info.references[0] } : {}),
    defaultConfiguration: { level: info.severity },
    properties: { tags: ['security'], acknowledgeable: info.acknowledgeable },
  });
}

/** Forward slashes and no leading `./`: code scanning matches URIs against repository paths. */
function repositoryUri(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

function result(finding: Finding, location: FindingLocation): SarifResultBuilder {
  return new SarifResultBuilder({
    ruleId: finding.rule,
    level: finding.severity,
    message: { text: `${finding.message} (fix: ${finding.fix})` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: repositoryUri(location.uri) },
          // Code scanning annotates a line; a finding about the whole file points at its first.
          region: { startLine: location.line ?? 1 },
        },
        logicalLocations: [{ fullyQualifiedName: finding.path }],
      },
    ],
    // An acknowledged finding is a recorded exception: reported, and suppressed with the workload's reason.
    ...(finding.acknowledged !== undefined ? { suppressions: [{ kind: 'inSource', justification: finding.acknowledged }] } : {}),
  });
}

/**
 * Findings as a SARIF 2.1.0 log (GitHub code scanning): one rule per catalogue rule with its help, one result per
 * finding with its rule, level, message and location. Deterministic: no timestamps, order as given.
 */
export function findingsSarif(
  findings: readonly Finding[],
  locate: (finding: Finding) => FindingLocation,
  rules: readonly RuleInfo[],
  tool: SarifTool,
): string {
  const run = new SarifRunBuilder().initSimple({ toolDriverName: tool.name, toolDriverVersion: tool.version, url: tool.informationUri });
  for (const info of rules) run.addRule(rule(info));
  for (const finding of findings) run.addResult(result(finding, locate(finding)));
  const builder = new SarifBuilder();
  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
}
