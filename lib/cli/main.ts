import { Command, CommanderError, Option } from 'commander';
import type { CatalogueFormat } from './catalogue';
import type { ConnectFormat } from './connect';
import type { FailOn } from './diff';
import type { FindingsFormat } from './findings';
import { EXIT, type Io, processIo } from './io';
import { packageInfo } from './package-info';
import type { ReportFormat } from './report';
import type { RulesFormat } from './rules';
import { DeclarationError } from '../declaration/errors';
import type { DiffFormat } from '../diff/render';

/*
 * Each command's module is required when that command runs, not imported here: `--help`, `--version` and `rules`
 * then start without the CEL evaluator, the HCL parser, Graphviz or any engine.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const commands = {
  validate: () => require('./validate') as typeof import('./validate'),
  synth: () => require('./synth') as typeof import('./synth'),
  diff: () => require('./diff') as typeof import('./diff'),
  report: () => require('./report') as typeof import('./report'),
  rules: () => require('./rules') as typeof import('./rules'),
  catalogue: () => require('./catalogue') as typeof import('./catalogue'),
  explain: () => require('./explain') as typeof import('./explain'),
  connect: () => require('./connect') as typeof import('./connect'),
  scan: () => require('./scan') as typeof import('./scan'),
  query: () => require('./query') as typeof import('./query'),
  history: () => require('./history') as typeof import('./history'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Runs the CLI (SPEC §6) and resolves to the exit code; never throws for bad input or usage.
 * Exit codes: 0 ok · 1 rule errors · 2 invalid input or usage.
 */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = new Command('workload-iam')
    .description('Least-privilege workload identity federation for AWS, GCP and Azure')
    .version(packageInfo().version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);
  let code: number = EXIT.ok;
  const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
  // validate and scan also write findings where pipelines read them: SARIF (code scanning) and Markdown (PR comments).
  const findingsFormat = () => new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'markdown']).default('text');
  const atOption = () => new Option('--at <rev>', 'read the file as a git revision (or the last commit at a date) holds it');
  const optionsFile = () => new Option('--options <file>', 'YAML or JSON file of compileOptions (role path and name prefix, existing OIDC providers, GCP id suffix) and, for synth, engines.<name> options');

  program
    .command('validate')
    .description('check a declaration: schema, references, limits and the security rules')
    .argument('<file>', 'declaration file (.yaml, .yml or .json)')
    .addOption(findingsFormat())
    .addOption(optionsFile())
    .action((file: string, options: { format: FindingsFormat; options?: string }) => {
      code = commands.validate().validateCommand(file, options.format, options.options, io);
    });

  program
    .command('synth')
    .description('compile a declaration, run the rules, and write DIR/manifest.json plus the output of each engine under DIR/<engine>/')
    .argument('<file>', 'declaration file')
    .requiredOption('--out <dir>', 'output directory')
    .option('--engine <engines>', 'comma-separated engines to render')
    .addOption(optionsFile())
    .action(async (file: string, options: { out: string; engine?: string; options?: string }) => {
      code = await commands.synth().synthCommand(file, options.out, options.engine, options.options, io);
    });

  program
    .command('diff')
    .description('classify every change to trust and permissions between two declarations or manifests as widened, narrowed or changed')
    .argument('<old>', 'declaration file or manifest.json before the change')
    .argument('<new>', 'declaration file or manifest.json after the change')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(new Option('--fail-on <class>', 'exit 1 when a change is widened (widened) or when anything changed (any)').choices(['widened', 'any']))
    .addOption(optionsFile())
    .action((oldFile: string, newFile: string, options: { format: DiffFormat; failOn?: FailOn; options?: string }) => {
      code = commands.diff().diffCommand(oldFile, newFile, options.format, options.failOn, options.options, io);
    });

  program
    .command('report')
    .description('the inventory: every workload with its owner, identities, clouds, accounts, grants, acknowledgements and findings, and a diagram')
    .argument('<file>', 'declaration file or manifest.json')
    .addOption(new Option('--format <format>', 'markdown (with a Mermaid diagram) or a self-contained HTML page').choices(['markdown', 'html']).default('markdown'))
    .addOption(optionsFile())
    .action(async (file: string, options: { format: ReportFormat; options?: string }) => {
      code = await commands.report().reportCommand(file, options.format, options.options, io);
    });

  program
    .command('rules')
    .description('list the security rules catalogue (markdown: the RULES.md document)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action((options: { format: RulesFormat }) => {
      code = commands.rules().rulesCommand(options.format, io);
    });

  program
    .command('catalogue')
    .description('list every resource type with its access levels, what each grants and whether it writes (markdown: the CATALOGUE.md document)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action((options: { format: CatalogueFormat }) => {
      code = commands.catalogue().catalogueCommand(options.format, io);
    });

  program
    .command('explain')
    .description('show every role, pool member and managed identity that accepts a token, the condition that matched, and what it reaches')
    .argument('<file>', 'declaration file')
    .requiredOption('--token <token>', 'the token: a compact JWT or a JSON object of its claims, inline or in a file (decoded, not verified)')
    .option('--issuer <url>', 'the issuer the token is presented as (default: its iss claim)')
    .addOption(format())
    .addOption(optionsFile())
    .action((file: string, options: { token: string; issuer?: string; format: 'text' | 'json'; options?: string }) => {
      code = commands.explain().explainCommand(file, options.token, options.issuer, options.format, options.options, io);
    });

  program
    .command('connect')
    .description('print what a workload pastes or sets to obtain credentials from what synth creates (GitHub Actions steps, GitLab id_tokens, Kubernetes annotations, HCP Terraform variables, SPIFFE helper)')
    .argument('<file>', 'declaration file')
    .argument('<workload>', 'workload name')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'yaml']).default('text'))
    .addOption(optionsFile())
    .action((file: string, workload: string, options: { format: ConnectFormat; options?: string }) => {
      code = commands.connect().connectCommand(file, workload, options.format, options.options, io);
    });

  program
    .command('scan')
    .description('apply the rules to CloudFormation templates, Terraform (JSON and HCL), Kubernetes manifests and CI configuration written by anyone, and find long-lived credentials')
    .argument('<path>', 'a file, or a directory searched for .json, .yaml, .yml, .template and .tf files, .github/workflows/ and .gitlab-ci.yml')
    .addOption(findingsFormat())
    .option('--acknowledge <file>', 'YAML or JSON file of findings deliberately accepted: acknowledge: [{ rule, path, reason }]')
    .option('--propose <file>', 'write a draft declaration that replaces each CI credential found with a federated identity of its job')
    .action(async (path: string, options: { format: FindingsFormat; acknowledge?: string; propose?: string }) => {
      code = await commands.scan().scanCommand(path, options, io);
    });

  program
    .command('who-can-reach')
    .description('list every workload, account and identity that can reach a resource')
    .argument('<file>', 'declaration file or manifest.json')
    .argument('<resource>', 'ARN, GCP full resource name or Azure resource id')
    .addOption(format())
    .addOption(optionsFile())
    .addOption(atOption())
    .action((file: string, resource: string, options: { format: 'text' | 'json'; options?: string; at?: string }) => {
      code = commands.query().queryCommand('resource', file, resource, options.format, options.options, io, options.at);
    });

  program
    .command('history')
    .description("from the declaration's git history: each interval in which each workload could reach a resource (commit, date, author)")
    .argument('<file>', 'declaration file (or manifest.json) in a git repository')
    .argument('<resource>', 'ARN, GCP full resource name or Azure resource id')
    .addOption(format())
    .addOption(optionsFile())
    .action((file: string, resource: string, options: { format: 'text' | 'json'; options?: string }) => {
      code = commands.history().historyCommand(file, resource, options.format, options.options, io);
    });

  program
    .command('what-can-reach')
    .description('list every resource an identity (label or label prefix, e.g. github:acme/web) or workload can reach')
    .argument('<file>', 'declaration file or manifest.json')
    .argument('<identity>', 'identity label, label prefix or workload name')
    .addOption(format())
    .addOption(optionsFile())
    .addOption(atOption())
    .action((file: string, identity: string, options: { format: 'text' | 'json'; options?: string; at?: string }) => {
      code = commands.query().queryCommand('identity', file, identity, options.format, options.options, io, options.at);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    if (error instanceof DeclarationError) {
      io.err(`${error.message}\n`);
      return EXIT.invalid;
    }
    throw error;
  }
}
