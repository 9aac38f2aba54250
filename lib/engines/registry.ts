import { DeclarationError } from '../declaration/errors';
import type { Plan } from '../plan/plan';

/** Writes an engine's files for the Plan under `dir` (replacing what a previous run wrote there); returns them, sorted. */
export type EngineSynth = (plan: Plan, dir: string) => readonly string[];

/** An engine as the CLI runs it: a renderer of the frozen Plan into files of its own directory. */
export interface Engine {
  /** The clouds of the Plan it renders. */
  readonly clouds: readonly ('aws' | 'gcp' | 'azure')[];
  /** What it writes, for the CLI's summary. */
  readonly output: string;
  /** Loads the engine and its platform's packages; a missing package is a usage error naming what to install. */
  readonly load: () => EngineSynth;
}

/** Every engine's name: the registry must list each one. */
export type EngineName = 'aws-cdk';

/**
 * The engines, by name. Each loads its platform's packages only when run: they are optional peers, and importing
 * the core needs none of them.
 */
export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  'aws-cdk': {
    clouds: ['aws'],
    output: 'CloudFormation templates',
    load: () =>
      withPeers('aws-cdk', ['aws-cdk-lib', 'constructs'], () => {
        // Required here, not imported at the top: that would load aws-cdk-lib with the CLI.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const engine = require('./aws-cdk/synth-templates') as typeof import('./aws-cdk/synth-templates');
        return engine.synthCloudFormationTemplates;
      }),
  },
};

export function isEngineName(name: string): name is EngineName {
  return Object.prototype.hasOwnProperty.call(ENGINES, name);
}

/** Loads an engine, turning a missing peer package into a usage error that says what to install. */
function withPeers<T>(engine: EngineName, peers: readonly string[], load: () => T): T {
  try {
    return load();
  } catch (error) {
    const missing = peers.filter((peer) => (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${peer}`));
    if (missing.length === 0) throw error;
    throw new DeclarationError([
      { path: ['--engine'], message: `${engine} needs the packages ${peers.join(' and ')} (optional peers of workload-iam): npm install ${peers.join(' ')}` },
    ]);
  }
}
