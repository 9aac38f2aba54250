import type { DeclarationInput } from '../declaration/builder';
import { compileOptionsWithPlan, planSourceAmbiguous } from '../declaration/error-factories';
import { loadDeclarationFile } from '../declaration/load';
import { toModel } from '../declaration/parse';
import type { Model } from '../model/workload';
import { compile } from '../plan/compile';
import type { CompileOptions } from '../plan/compile-options';
import type { Plan } from '../plan/plan';

/**
 * Where the constructs get their Plan from: exactly one of `declaration`, `file`, `model` or `plan`. A declaration
 * or file goes through the same validation as `workload-iam validate`, then the compiler; the constructs only ever
 * render the compiled Plan.
 */
export interface PlanSourceProps {
  /**
   * The declaration as an object: the shape and field names of the YAML/JSON format.
   *
   * @default - one of `file`, `model` or `plan` is given instead
   */
  readonly declaration?: DeclarationInput;

  /**
   * Path of a declaration file (`.yaml`, `.yml` or `.json`), read at construction.
   *
   * @default - one of `declaration`, `model` or `plan` is given instead
   */
  readonly file?: string;

  /**
   * A validated Model, e.g. from `DeclarationBuilder.build()`.
   *
   * @default - one of `declaration`, `file` or `plan` is given instead
   */
  readonly model?: Model;

  /**
   * A compiled Plan. Compile once and pass the Plan when many constructs render the same declaration.
   *
   * @default - one of `declaration`, `file` or `model` is given instead
   */
  readonly plan?: Plan;

  /**
   * Options of the compiler (e.g. a raised trust policy size limit); not allowed with `plan`, which is already compiled.
   *
   * @default - the AWS default limits
   */
  readonly compileOptions?: CompileOptions;
}

const SOURCES = ['declaration', 'file', 'model', 'plan'] as const;

/** The Plan of the one source given; throws a DeclarationError naming the props otherwise. */
export function planOf(props: PlanSourceProps): Plan {
  const given = SOURCES.filter((source) => props[source] !== undefined);
  if (given.length !== 1) {
    throw planSourceAmbiguous(given);
  }
  if (props.plan) {
    if (props.compileOptions) {
      throw compileOptionsWithPlan();
    }
    return props.plan;
  }
  const model = props.model ?? (props.file !== undefined ? loadDeclarationFile(props.file) : toModel(props.declaration));
  return compile(model, props.compileOptions);
}
