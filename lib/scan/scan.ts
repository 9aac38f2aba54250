import { readFileSync } from 'node:fs';
import { posix, sep } from 'node:path';
import type { CiCredentialUse } from './ci-credentials';
import { readCloudFormationTemplate } from './cloudformation';
import { resourceExportsOf } from './cloudformation-exports';
import { readCloudFormationSecrets } from './cloudformation-secrets';
import { filesToScan, type ScanFile } from './files';
import { isGithubWorkflow, readGithubWorkflow } from './github-workflow';
import { isGitlabCi, readGitlabCi } from './gitlab-ci';
import { lineIn } from './hcl-locations';
import { HclSyntaxError, parseHclBody, type HclBody } from './hcl-syntax';
import { readKubernetesSecrets } from './kubernetes-secrets';
import { mergeReadings, type Reading, type ScanProblem, type TrustingResource } from './reading';
import { readDocuments, readTemplateFile, TemplateFileError } from './template-file';
import { withTemplateLines } from './template-lines';
import { HclParseError, parseTerraformHcl } from './terraform-hcl';
import { readTerraformModule, type TerraformFile } from './terraform-module';
import { readTerraformSecrets } from './terraform-secrets';
import type { LocatedDocument } from './yaml-documents';
import { checkBracketDepth, checkDataDepth, decodeInput, InputLimitError } from '../input/limits';
import { runRules } from '../rules/check';
import type { Finding } from '../rules/rule';
import type { SecretView } from '../trust/secret-view';

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Files that could not be parsed, and what is not trust at all (a policy that is not JSON). */
  readonly problems: readonly ScanProblem[];
  /** How many files were read as CloudFormation templates, Terraform JSON or HCL, Kubernetes manifests or CI configuration. */
  readonly filesRead: number;
  /** The CI jobs that sign in with a long-lived credential, for `scan --propose`. */
  readonly credentialUses: readonly CiCredentialUse[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unique<T>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
}

/** A path as shown, pointing into a file: `main.tf#resource.aws_iam_role.deploy…` becomes `main.tf:12#…`. */
type Relocate = (path: string) => string;

/**
 * Each trusting resource judged on its own, and the long-lived credentials found (their paths already name their
 * lines); the same finding reached twice (e.g. a policy attached twice) is one.
 */
function judge(resources: readonly TrustingResource[], relocate: Relocate = (path) => path, secrets: readonly SecretView[] = []): Finding[] {
  const findings = [
    ...resources.flatMap(({ trust, permissions, sessions, unreadable, acknowledgements }) =>
      runRules({ trust, permissions, sessions, unreadable, ...(acknowledgements ? { resourceAcknowledgements: acknowledgements } : {}) }),
    ),
    ...(secrets.length > 0 ? runRules({ trust: [], permissions: [], sessions: [], secrets }) : []),
  ];
  // Sorted by file, then line (a path that names one, `main.tf:5#…`, numerically: before `main.tf:14#…`), then the rest.
  const key = (f: Finding) => {
    const [, file, line, rest] = /^([^#]*?)(?::(\d+))?(#.*)?$/.exec(f.path)!;
    return [file, (line ?? '').padStart(10, '0'), rest ?? '', f.rule, f.resource ?? '', f.message];
  };
  return unique(findings)
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      return ka.map((part, index) => compare(part, kb[index])).find((order) => order !== 0) ?? 0;
    })
    .map((finding) => ({ ...finding, path: relocate(finding.path) }));
}

export interface ScanTemplateOptions {
  /**
   * Exports of the other templates of the app that each name one resource of theirs (`resourceExportsOf`): an
   * `Fn::ImportValue` of one is that resource, not a value that may be "*".
   *
   * @default - no export is known: every import may be anything
   */
  readonly exports?: ReadonlySet<string>;
}

/**
 * The rules applied to one CloudFormation template given as data (e.g. a synthesized CDK stack), synchronously.
 * `file` names the template in finding paths. Data nested beyond the input limits throws an InputLimitError.
 */
export function scanCloudFormationTemplate(template: Record<string, unknown>, file = 'template.json', options: ScanTemplateOptions = {}): Finding[] {
  checkDataDepth(template);
  return judge(readCloudFormationTemplate(template, file, options.exports).resources);
}

/**
 * The rules applied to one Terraform JSON configuration given as data (e.g. a synthesized cdktf stack), synchronously,
 * as `scan` judges a `.tf.json` file. Data nested beyond the input limits throws an InputLimitError.
 */
export function scanTerraformConfiguration(config: Record<string, unknown>, file = 'main.tf.json'): Finding[] {
  checkDataDepth(config);
  return judge(readTerraformModule([{ config, file }]).resources);
}

/** A `.tf` file read ahead: its configuration as Terraform JSON and its blocks with their lines, or why not. */
type HclFile = { readonly config: Record<string, unknown>; readonly body?: HclBody } | { readonly problem: string };

const isTerraformHcl = (file: ScanFile) => file.absolute.endsWith('.tf');

/** The line locator of a `.tf` file, when its text can be followed (else paths name no line). */
function bodyOf(text: string): HclBody | undefined {
  try {
    return parseHclBody(text);
  } catch (error) {
    if (error instanceof HclSyntaxError) return undefined;
    throw error;
  }
}

async function readHclFile(file: ScanFile): Promise<HclFile> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch (error) {
    return { problem: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const text = decodeInput(bytes);
    checkBracketDepth(text);
    const config = await parseTerraformHcl(file.shown, text);
    checkDataDepth(config);
    const body = bodyOf(text);
    return { config, ...(body ? { body } : {}) };
  } catch (error) {
    if (error instanceof HclParseError || error instanceof InputLimitError) return { problem: error.message };
    if (error instanceof RangeError) return { problem: 'the file nests too deeply to be read' };
    throw error;
  }
}

/** Reads every file (the `.tf` ones as `hcl` gives them) and judges what they hold. */
function scanFiles(files: readonly ScanFile[], listingProblems: readonly ScanProblem[], hcl: (file: ScanFile) => HclFile): ScanResult {
  const readings: Reading[] = [];
  const templates: { template: Record<string, unknown>; file: string }[] = [];
  const modules = new Map<string, TerraformFile[]>();
  const bodies = new Map<string, HclBody>();
  const templateLines = new Map<string, LocatedDocument['lineOf']>();
  const fileProblems: ScanProblem[] = [];
  const secrets: SecretView[] = [];
  const credentialUses: CiCredentialUse[] = [];
  let filesRead = 0;
  const addToModule = (file: ScanFile, config: Record<string, unknown>) => {
    filesRead++;
    const module = posix.dirname(file.shown);
    modules.set(module, [...(modules.get(module) ?? []), { config, file: file.shown }]);
  };
  for (const file of files) {
    const ciReader = ciReaderOf(file);
    if (ciReader) {
      let documents;
      try {
        documents = readDocuments(file);
      } catch (error) {
        if (!(error instanceof TemplateFileError)) throw error;
        fileProblems.push({ path: file.shown, message: error.message, recognised: true });
        continue;
      }
      filesRead++;
      const read = ciReader(documents[0] ?? { data: null, lineOf: () => undefined }, file.shown);
      secrets.push(...read.secrets);
      credentialUses.push(...read.uses);
      continue;
    }
    if (isTerraformHcl(file)) {
      const read = hcl(file);
      if ('problem' in read) {
        fileProblems.push({ path: file.shown, message: read.problem });
        continue;
      }
      if (read.body) bodies.set(file.shown, read.body);
      addToModule(file, read.config);
      continue;
    }
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
      templates.push({ template: read.template, file: file.shown });
      templateLines.set(file.shown, read.lineOf);
      secrets.push(...readCloudFormationSecrets(read.template, file.shown, read.lineOf));
    } else if (read.format === 'terraform') {
      addToModule(file, read.config);
      templateLines.set(file.shown, read.lineOf);
    } else if (read.format === 'kubernetes') {
      filesRead++;
      secrets.push(...readKubernetesSecrets(read.documents, file.shown));
    }
  }
  const blockLine = (file: string, address: string) => {
    const body = bodies.get(file);
    return body ? lineIn(body, address) : templateLines.get(file)?.(address.split('.'));
  };
  for (const module of modules.values()) secrets.push(...readTerraformSecrets(module, blockLine));
  // The templates of one directory are judged together: a stack's import of another's export is that resource.
  const exports = new Set(templates.flatMap(({ template }) => resourceExportsOf(template)));
  for (const { template, file } of templates) readings.push(readCloudFormationTemplate(template, file, exports));
  for (const module of modules.values()) readings.push(readTerraformModule(module));
  const relocate: Relocate = (path) => {
    const hash = path.indexOf('#');
    const body = hash > 0 ? bodies.get(path.slice(0, hash)) : undefined;
    const line = body ? lineIn(body, path.slice(hash + 1)) : undefined;
    return line === undefined ? path : `${path.slice(0, hash)}:${line}${path.slice(hash)}`;
  };
  const reading = mergeReadings(readings);
  const allProblems = unique([...listingProblems, ...fileProblems, ...reading.problems]);
  allProblems.sort((a, b) => compare(a.path, b.path) || compare(a.message, b.message));
  return {
    findings: withTemplateLines(judge(reading.resources, relocate, secrets), templateLines),
    problems: allProblems.map((p) => ({ ...p, path: relocate(p.path) })),
    filesRead,
    credentialUses,
  };
}

/** The reader of a CI configuration file, recognised by its path (the scanned file's own, when PATH is that file). */
function ciReaderOf(file: ScanFile): typeof readGithubWorkflow | undefined {
  const paths = [file.shown, file.absolute.split(sep).join('/')];
  if (paths.some(isGithubWorkflow)) return readGithubWorkflow;
  if (paths.some(isGitlabCi)) return readGitlabCi;
  return undefined;
}

/**
 * The rules applied to the CloudFormation templates, Terraform JSON, Kubernetes manifests and CI configuration
 * (`.github/workflows/`, `.gitlab-ci.yml`) at PATH (a file or a directory), synchronously, long-lived credentials
 * included. Terraform files of one directory form one module, so a binding in one file joins the provider
 * declared in another. Terraform HCL (`.tf`) needs its asynchronous parser: here each `.tf` file is a problem that
 * says so (see scanPathAsync). Throws ScanPathError when PATH itself cannot be read.
 */
export function scanPath(root: string): ScanResult {
  const { files, problems } = filesToScan(root);
  return scanFiles(files, problems, () => ({ problem: 'Terraform HCL is read by scanPathAsync (and the scan command), not by scanPath' }));
}

/**
 * The rules applied to the CloudFormation templates, Terraform JSON and Terraform HCL (`.tf`), Kubernetes manifests and
 * CI configuration at PATH, long-lived credentials included; paths into a `.tf` file carry the line they point at
 * (`main.tf:12#resource.aws_iam_role.deploy…`), as do those of credentials in any file. Throws ScanPathError when
 * PATH itself cannot be read.
 */
export async function scanPathAsync(root: string): Promise<ScanResult> {
  const { files, problems } = filesToScan(root);
  const hcl = new Map<string, HclFile>();
  for (const file of files.filter(isTerraformHcl)) hcl.set(file.absolute, await readHclFile(file));
  return scanFiles(files, problems, (file) => hcl.get(file.absolute)!);
}
