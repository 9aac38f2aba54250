import { posix } from 'node:path';
import { readCloudFormationTemplate } from './cloudformation';
import { filesToScan } from './files';
import { mergeReadings, type Reading, type ScanProblem, type TrustingResource } from './reading';
import { readTemplateFile, TemplateFileError } from './template-file';
import { readTerraformModule, type TerraformFile } from './terraform-module';
import { runRules } from '../rules/check';
import type { Finding } from '../rules/rule';

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Files that could not be parsed, and trust that could not be judged. */
  readonly problems: readonly ScanProblem[];
  /** How many files were read as CloudFormation templates or Terraform JSON. */
  readonly filesRead: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unique<T>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
}

/** Each trusting resource judged on its own; the same finding reached twice (e.g. a policy attached twice) is one. */
function judge(resources: readonly TrustingResource[]): Finding[] {
  const findings = resources.flatMap(({ trust, permissions, sessions, unreadable }) => runRules({ trust, permissions, sessions, unreadable }));
  const key = (f: Finding) => [f.path, f.rule, f.resource ?? '', f.message];
  return unique(findings).sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka.map((part, index) => compare(part, kb[index])).find((order) => order !== 0) ?? 0;
  });
}

/**
 * The rules applied to one CloudFormation template given as data (e.g. a synthesized CDK stack), synchronously.
 * `file` names the template in finding paths.
 */
export function scanCloudFormationTemplate(template: Record<string, unknown>, file = 'template.json'): Finding[] {
  return judge(readCloudFormationTemplate(template, file).resources);
}

/**
 * The rules applied to the CloudFormation templates and Terraform JSON at PATH (a file or a directory). Terraform
 * files of one directory form one module, so a binding in one file joins the provider declared in another.
 * Throws ScanPathError when PATH itself cannot be read.
 */
export function scanPath(root: string): ScanResult {
  const { files, problems } = filesToScan(root);
  const readings: Reading[] = [];
  const modules = new Map<string, TerraformFile[]>();
  const fileProblems: ScanProblem[] = [];
  let filesRead = 0;
  for (const file of files) {
    let read;
    try {
      read = readTemplateFile(file);
    } catch (error) {
      if (!(error instanceof TemplateFileError)) throw error;
      fileProblems.push({ path: file.shown, message: error.message });
      continue;
    }
    if (read.format === 'cloudformation') {
      filesRead++;
      readings.push(readCloudFormationTemplate(read.template, file.shown));
    } else if (read.format === 'terraform') {
      filesRead++;
      const module = posix.dirname(file.shown);
      modules.set(module, [...(modules.get(module) ?? []), { config: read.config, file: file.shown }]);
    }
  }
  for (const module of modules.values()) readings.push(readTerraformModule(module));
  const reading = mergeReadings(readings);
  const allProblems = unique([...problems, ...fileProblems, ...reading.problems]);
  allProblems.sort((a, b) => compare(a.path, b.path) || compare(a.message, b.message));
  return { findings: judge(reading.resources), problems: allProblems, filesRead };
}
