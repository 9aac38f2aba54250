import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { connectCommand, type ConnectFormat } from './connect';
import { explainCommand } from './explain';
import { EXIT, type Io, processIo } from './io';
import { queryCommand } from './query';
import { rulesCommand, type RulesFormat } from './rules';
import { scanCommand } from './scan';
import { synthCommand } from './synth';
import { validateCommand } from './validate';
import { DeclarationError } from '../declaration/errors';

/** The installed package's version: package.json sits two levels above this file in lib/ and in dist/. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Runs the CLI (SPEC §6) and resolves to the exit code; never throws for bad input or usage.
 * Exit codes: 0 ok · 1 rule errors · 2 invalid input or usage.
 */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = new Command('workload-iam')
    .description('Least-privilege workload identity federation for AWS, GCP and Azure')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);
  let code: number = EXIT.ok;
  const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
  const optionsFile = () => new Option('--options <file>', 'YAML or JSON file of compileOptions (role path and name prefix, existing OIDC providers, GCP id suffix) and, for synth, engines.<name> options');

  program
    .command('validate')
    .description('check a declaration: schema, references, limits and the security rules')
    .argument('<file>', 'declaration file (.yaml, .yml or .json)')
    .addOption(format())
    .addOption(optionsFile())
    .action((file: string, options: { format: 'text' | 'json'; options?: string }) => {
      code = validateCommand(file, options.format, options.options, io);
    });

  program
    .command('synth')
    .description('compile a declaration, run the rules, and write DIR/manifest.json plus the output of each engine under DIR/<engine>/')
    .argument('<file>', 'declaration file')
    .requiredOption('--out <dir>', 'output directory')
    .option('--engine <engines>', 'comma-separated engines to render')
    .addOption(optionsFile())
    .action((file: string, options: { out: string; engine?: string; options?: string }) => {
      code = synthCommand(file, options.out, options.engine, options.options, io);
    });

  program
    .command('rules')
    .description('list the security rules catalogue (markdown: the RULES.md document)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action((options: { format: RulesFormat }) => {
      code = rulesCommand(options.format, io);
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
      code = explainCommand(file, options.token, options.issuer, options.format, options.options, io);
    });

  program
    .command('connect')
    .description('print what a workload pastes or sets to obtain credentials from what synth creates (GitHub Actions steps, GitLab id_tokens, Kubernetes annotations, HCP Terraform variables, SPIFFE helper)')
    .argument('<file>', 'declaration file')
    .argument('<workload>', 'workload name')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'yaml']).default('text'))
    .addOption(optionsFile())
    .action((file: string, workload: string, options: { format: ConnectFormat; options?: string }) => {
      code = connectCommand(file, workload, options.format, options.options, io);
    });

  program
    .command('scan')
    .description('apply the rules to CloudFormation templates, Terraform (JSON and HCL), Kubernetes manifests and CI configuration written by anyone, and find long-lived credentials')
    .argument('<path>', 'a file, or a directory searched for .json, .yaml, .yml, .template and .tf files, .github/workflows/ and .gitlab-ci.yml')
    .addOption(format())
    .option('--acknowledge <file>', 'YAML or JSON file of findings deliberately accepted: acknowledge: [{ rule, path, reason }]')
    .option('--propose <file>', 'write a draft declaration that replaces each CI credential found with a federated identity of its job')
    .action(async (path: string, options: { format: 'text' | 'json'; acknowledge?: string; propose?: string }) => {
      code = await scanCommand(path, options, io);
    });

  program
    .command('who-can-reach')
    .description('list every workload, account and identity that can reach a resource')
    .argument('<file>', 'declaration file or manifest.json')
    .argument('<resource>', 'ARN, GCP full resource name or Azure resource id')
    .addOption(format())
    .addOption(optionsFile())
    .action((file: string, resource: string, options: { format: 'text' | 'json'; options?: string }) => {
      code = queryCommand('resource', file, resource, options.format, options.options, io);
    });

  program
    .command('what-can-reach')
    .description('list every resource an identity (label or label prefix, e.g. github:acme/web) or workload can reach')
    .argument('<file>', 'declaration file or manifest.json')
    .argument('<identity>', 'identity label, label prefix or workload name')
    .addOption(format())
    .addOption(optionsFile())
    .action((file: string, identity: string, options: { format: 'text' | 'json'; options?: string }) => {
      code = queryCommand('identity', file, identity, options.format, options.options, io);
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
