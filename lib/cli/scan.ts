import { statSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { pipelineFindings, type FindingsFormat } from './findings';
import { EXIT, type Io } from './io';
import { oneLine } from '../declaration/errors';
import type { FindingLocation } from '../report/findings-sarif';
import { blockingFindings } from '../rules/check';
import type { Finding } from '../rules/rule';
import { ScanPathError } from '../scan/files';
import { githubRepositoryOf } from '../scan/git-remote';
import { proposeDeclaration } from '../scan/propose';
import { scanPathAsync } from '../scan/scan';
import { acknowledgeFindings, readScanAcknowledgements } from '../scan/scan-acknowledgements';

/** A finding as SPEC §6 prints it, with the reason when a role's workload-iam metadata acknowledges it. */
function specFinding(finding: Finding) {
  return {
    rule: finding.rule,
    severity: finding.severity,
    ...(finding.workload !== undefined ? { workload: finding.workload } : {}),
    ...(finding.resource !== undefined ? { resource: finding.resource } : {}),
    path: finding.path,
    message: finding.message,
    fix: finding.fix,
    ...(finding.acknowledged !== undefined ? { acknowledged: finding.acknowledged } : {}),
  };
}

/** `severity rule path: message (fix: …)`, naming the trusting resource when the path does not. */
function findingLine(finding: Finding): string {
  const resource = finding.resource !== undefined && !finding.path.includes(finding.resource) ? ` [${finding.resource}]` : '';
  const acknowledged = finding.acknowledged !== undefined ? ` [acknowledged: ${finding.acknowledged}]` : '';
  return `${finding.severity} ${finding.rule} ${finding.path}${resource}: ${finding.message}${acknowledged} (fix: ${finding.fix})\n`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export interface ScanCommandOptions {
  readonly format: FindingsFormat;
  /** A file of findings deliberately accepted (`acknowledge: [{ rule, path, reason }]`). */
  readonly acknowledge?: string;
  /** Where to write the draft declaration that replaces the CI credentials found. */
  readonly propose?: string;
}

/**
 * The file a finding is in, as a path from where `scan` was run (its paths are relative to the scanned directory),
 * and its line: `main.tf:12#…` carries it, the other templates' lines were looked up by the scan.
 */
function locator(root: string): (finding: Finding) => FindingLocation {
  const directory = statSync(root).isDirectory();
  return (finding) => {
    const file = /^(.*?)(?::\d+)?(?:#|$)/.exec(finding.path)![1];
    const uri = directory ? posix.join(root.replace(/\\/g, '/'), file) : root;
    return { uri, ...(finding.line !== undefined ? { line: finding.line } : {}) };
  };
}

/**
 * `scan PATH`: the rules applied to CloudFormation templates, Terraform (JSON and HCL), Kubernetes manifests and CI
 * configuration written by anyone, long-lived credentials included. Values that cannot be read are findings
 * (WIAM-SCAN-001); problems (unparseable files, policies that are not JSON) go to stderr as `path: message`. Exit 0
 * without error findings, 1 with, 2 when nothing could be read or a CI configuration cannot be.
 */
export async function scanCommand(path: string, options: ScanCommandOptions, io: Io): Promise<number> {
  const { format } = options;
  const acknowledgements = options.acknowledge === undefined ? [] : readScanAcknowledgements(options.acknowledge);
  let result;
  try {
    result = await scanPathAsync(path);
  } catch (error) {
    if (!(error instanceof ScanPathError)) throw error;
    io.err(`${path}: ${error.message}\n`);
    return EXIT.invalid;
  }
  for (const problem of result.problems) io.err(`${oneLine(`${problem.path}: ${problem.message}`)}\n`);
  if (result.filesRead === 0) {
    io.err(`${path}: no CloudFormation template, Terraform configuration, Kubernetes manifest or CI configuration could be read\n`);
    return EXIT.invalid;
  }
  if (result.problems.some((problem) => problem.recognised)) return EXIT.invalid;
  if (options.propose !== undefined && result.credentialUses.length > 0) {
    const repository = githubRepositoryOf(path);
    try {
      writeFileSync(options.propose, proposeDeclaration(result.credentialUses, repository ? { repository } : {}));
    } catch (error) {
      io.err(`${options.propose}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return EXIT.invalid;
    }
  }
  const { findings, unmatched } = acknowledgeFindings(result.findings, acknowledgements);
  for (const stale of unmatched) io.err(`${options.acknowledge}: acknowledges ${stale.rule} at ${stale.path}, which scan did not find: remove it\n`);
  const open = findings.filter((f) => f.acknowledged === undefined);
  const errors = open.filter((f) => f.severity === 'error').length;
  const acknowledged = findings.length - open.length;
  const summary = `${plural(result.filesRead, 'file')} scanned: ${plural(errors, 'error')}, ${plural(open.length - errors, 'warning')}${acknowledged > 0 ? `, ${acknowledged} acknowledged` : ''}`;
  const pipeline = pipelineFindings(format, findings, locator(path), { heading: `workload-iam scan ${path}`, summary });
  if (pipeline !== undefined) {
    io.out(pipeline);
  } else if (format === 'json') {
    io.out(`${JSON.stringify({ findings: findings.map(specFinding) }, null, 2)}\n`);
  } else {
    io.out(findings.map(findingLine).join(''));
    io.out(`${summary}\n`);
    if (options.propose !== undefined) {
      io.out(result.credentialUses.length > 0 ? `draft declaration written to ${options.propose}: fill in its placeholders, then validate\n` : 'no CI job signs in with a long-lived credential: nothing proposed\n');
    }
  }
  return blockingFindings(findings).length > 0 ? EXIT.ruleErrors : EXIT.ok;
}
