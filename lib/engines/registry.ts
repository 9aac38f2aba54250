import { z } from 'zod';
import type { EngineOutput } from './engine-output';
import type { Cloud } from '../catalogue/types';
import { missingPeers, unknownEngines } from '../declaration/error-factories';
import { DeclarationError } from '../declaration/errors';
import { plainLanguage } from '../declaration/messages';
import { zodProblems } from '../declaration/zod-problems';
import type { Plan } from '../plan/plan';

/**
 * An engine: a renderer of the frozen Plan. What it may decide is only how its platform deploys the Plan (stacks,
 * dependencies, ordering); names, trust, members, actions and roles are the Plan's.
 */
export interface Engine {
  readonly name: string;
  /** The clouds of the Plan it renders; `synth` says which clouds of the Plan no requested engine renders. */
  readonly clouds: readonly Cloud[];
  /** The packages it needs at run time (optional peers of workload-iam), checked before anything is written. */
  readonly peers: readonly string[];
  /** Its options as the `--options` file of `synth` gives them under `engines.<name>`. */
  readonly options: z.ZodType;
  /** What it writes, for the CLI's summary. */
  readonly output: string;
  /**
   * Renders the Plan into `out`, with options as given (checked here against `options`); loads the engine's module,
   * and with it the peers, only when called.
   */
  readonly render: (plan: Plan, options: unknown, out: EngineOutput) => void | Promise<void>;
}

/** An engine whose renderer receives its options checked and typed. */
function defineEngine<Options>(
  engine: Omit<Engine, 'options' | 'render'> & { options: z.ZodType<Options>; render: (plan: Plan, options: Options, out: EngineOutput) => void | Promise<void> },
): Engine {
  return { ...engine, render: (plan, options, out) => engine.render(plan, checkedOptions(engine.name, engine.options, options), out) };
}

const awsCdkOptions = z.strictObject({
  stackNamePrefix: z.string().optional(),
  shards: z.record(z.string(), z.number()).optional(),
  permissionsBoundary: z.string().optional(),
  roleArnOutputs: z.boolean().optional(),
});

const AWS_CDK = defineEngine({
  name: 'aws-cdk',
  clouds: ['aws'],
  peers: ['aws-cdk-lib', 'constructs'],
  options: awsCdkOptions,
  output: 'CloudFormation templates',
  render: (plan, options, out) => {
    // Required here, not imported at the top: that would load aws-cdk-lib with the CLI. The registry is the one
    // engine-neutral module that reaches an engine, and only when it renders.
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-restricted-paths
    const engine = require('./aws-cdk/synth-templates') as typeof import('./aws-cdk/synth-templates');
    engine.renderCloudFormationTemplates(plan, options, out);
  },
});

const terraformOptions = z.strictObject({ permissionsBoundary: z.string().optional() });

/** cdktf and its fork cdktn render through one renderer; each entry loads its own package. */
function terraformEngine(name: 'cdktf' | 'cdktn', load: () => typeof import('./cdktf')): Engine {
  return defineEngine({
    name,
    clouds: ['aws', 'gcp', 'azure'],
    peers: [name, 'constructs'],
    options: terraformOptions,
    output: 'Terraform JSON stacks',
    render: (plan, options, out) => load().renderTerraform(plan, options, out),
  });
}

// Required when rendering, not imported at the top: that would load the package with the CLI.
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-restricted-paths
const CDKTF = terraformEngine('cdktf', () => require('./cdktf') as typeof import('./cdktf'));
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-restricted-paths
const CDKTN = terraformEngine('cdktn', () => require('./cdktn') as typeof import('./cdktn'));

const PULUMI = defineEngine({
  name: 'pulumi',
  clouds: ['aws', 'gcp', 'azure'],
  // The cloud packages are loaded for the clouds the declaration uses, each refused by name when missing.
  peers: ['@pulumi/pulumi'],
  options: z.strictObject({ permissionsBoundary: z.string().optional(), keepPools: z.boolean().optional() }),
  output: 'recorded Pulumi registrations',
  render: (plan, options, out) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-restricted-paths
    const engine = require('./pulumi') as typeof import('./pulumi');
    return engine.renderPulumi(plan, options, out);
  },
});

/** Every engine, by name; a new engine is listed here and nowhere else, and the conformance harness runs it. */
export type EngineName = 'aws-cdk' | 'cdktf' | 'cdktn' | 'pulumi';

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  'aws-cdk': AWS_CDK,
  'cdktf': CDKTF,
  'cdktn': CDKTN,
  'pulumi': PULUMI,
};

export function isEngineName(name: string): name is EngineName {
  return Object.prototype.hasOwnProperty.call(ENGINES, name);
}

/** The engines of `names`, refused together when one is unknown or misses a peer package, before anything is written. */
export function requireEngines(names: readonly string[], resolve: (id: string) => string = require.resolve): Engine[] {
  const unknown = names.filter((name) => !isEngineName(name));
  if (unknown.length > 0) throw unknownEngines(unknown, Object.keys(ENGINES));
  const engines = (names as EngineName[]).map((name) => ENGINES[name]);
  const missing = engines
    .map((engine) => ({ engine: engine.name, packages: engine.peers.filter((peer) => !resolvable(peer, resolve)) }))
    .filter(({ packages }) => packages.length > 0);
  if (missing.length > 0) throw missingPeers(missing);
  return engines;
}

/** Checks the options of `engine` without rendering, so a bad option is refused before anything is compiled or written. */
export function checkEngineOptions(engine: Engine, given: unknown): void {
  checkedOptions(engine.name, engine.options, given);
}

/** Options checked against an engine's schema; a problem reads `engines.<name>.<option>: …`. */
function checkedOptions<Options>(name: string, schema: z.ZodType<Options>, given: unknown): Options {
  const parsed = schema.safeParse(given ?? {}, { error: plainLanguage });
  if (!parsed.success) throw new DeclarationError(zodProblems(parsed.error, ['engines', name]));
  return parsed.data;
}

/** Whether a package can be loaded from here: by its entry point, or by its manifest when it has no main entry. */
function resolvable(peer: string, resolve: (id: string) => string): boolean {
  return [peer, `${peer}/package.json`].some((id) => {
    try {
      resolve(id);
      return true;
    } catch {
      return false;
    }
  });
}
