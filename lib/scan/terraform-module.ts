import type { HclExpression, TraversalStep } from './hcl-syntax';
import { possibleReadings, type Chooser } from './possible-readings';
import { mergeReadings, type Reading } from './reading';
import { readTerraformAws } from './terraform-aws';
import { readTerraformAzure } from './terraform-azure';
import { evaluateExpression, evaluateValue, expressionOf, type ExpressionScope } from './terraform-expression';
import { readTerraformGcp } from './terraform-gcp';
import { terraformBlocks, type TerraformBlock } from './terraform-json';
import { fixedUnresolved, unresolved } from './unresolved';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectsOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : []);

/** One file of a module: Terraform JSON, or HCL as hcl2json renders it. */
export interface TerraformFile {
  readonly config: Record<string, unknown>;
  readonly file: string;
}

/** References to these name values only known at plan or apply time, never one resource. */
const UNKNOWN_ROOTS = new Set(['module', 'each', 'count', 'path', 'terraform', 'self']);

/** Blocks the readers judge; the others are not evaluated, so their conditionals make no readings. */
const JUDGED_TYPES = /^(aws_iam_|google_|azurerm_federated_|azurerm_role_assignment$|azurerm_cosmosdb_sql_role_assignment$|azuread_application_)/;

/**
 * The values a variable may take: those its validations permit (`contains([…], var.x)`, `var.x == "…"`, joined by
 * `||`), or true and false for a bool. A default is only the value when the caller passes none, so it is not one.
 */
function permittedValues(name: string, declaration: Record<string, unknown>): readonly unknown[] | undefined {
  const permitted = objectsOf(declaration.validation)
    .map((validation) => (typeof validation.condition === 'string' ? expressionOf(validation.condition) : undefined))
    .map((condition) => (condition ? valuesPermittedBy(condition, name) : undefined))
    .find((values) => values !== undefined);
  if (permitted) return permitted;
  return declaration.type === '${bool}' || declaration.type === 'bool' ? [true, false] : undefined;
}

const isVariable = (expression: HclExpression, name: string) =>
  expression.kind === 'traversal' && expression.root === 'var' && expression.steps.length === 1 && 'attribute' in expression.steps[0] && expression.steps[0].attribute === name;

/** A literal value: a number, bool, null, or a quoted string without interpolation. */
function literalOf(expression: HclExpression): { value: unknown } | undefined {
  if (expression.kind === 'literal') return { value: expression.value };
  if (expression.kind === 'template' && expression.parts.every((part) => typeof part === 'string')) return { value: expression.parts.join('') };
  return undefined;
}

function valuesPermittedBy(condition: HclExpression, name: string): readonly unknown[] | undefined {
  const literals = (items: readonly HclExpression[]) => {
    const values = items.map(literalOf);
    return values.every((value) => value !== undefined) ? values.map((literal) => literal!.value) : undefined;
  };
  if (condition.kind === 'call' && condition.name === 'contains' && condition.args.length === 2 && isVariable(condition.args[1], name)) {
    const list = condition.args[0].kind === 'call' && ['toset', 'tolist'].includes(condition.args[0].name) ? condition.args[0].args[0] : condition.args[0];
    return list?.kind === 'tuple' ? literals(list.items) : undefined;
  }
  if (condition.kind !== 'binary') return undefined;
  const { operator, left, right } = condition;
  if (operator === '==') {
    const [leftValue, rightValue] = [literalOf(left), literalOf(right)];
    if (isVariable(left, name) && rightValue) return [rightValue.value];
    if (isVariable(right, name) && leftValue) return [leftValue.value];
  }
  const [a, b] = [valuesPermittedBy(left, name), valuesPermittedBy(right, name)];
  if (operator === '||') return a && b ? [...new Set([...a, ...b])] : undefined;
  if (operator === '&&') return a && b ? a.filter((value) => b.includes(value)) : (a ?? b);
  return undefined;
}

/** A value reached by the steps after a reference's name; a placeholder when a step cannot be followed. */
function follow(value: unknown, steps: readonly TraversalStep[], source: string, scope: ExpressionScope): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof current === 'string' && current.length > 0 && /^[\uE000\uE002]/.test(current)) return unresolved(`\${${source}}`);
    if ('splat' in step) return unresolved(`\${${source}}`);
    const key = 'attribute' in step ? step.attribute : evaluateExpression(step.index, scope);
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && (typeof key === 'string' || typeof key === 'number')) current = current[String(key)];
    else return unresolved(`\${${source}}`);
    if (current === undefined) return unresolved(`\${${source}}`);
  }
  return current;
}

/** The locals and variables of a module, read as one reading's choices decide. */
class ModuleScope implements ExpressionScope {
  private readonly evaluated = new Map<string, unknown>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly locals: ReadonlyMap<string, unknown>,
    private readonly variables: ReadonlyMap<string, Record<string, unknown>>,
    readonly chooser: Chooser,
  ) {}

  reference(root: string, steps: readonly TraversalStep[], source: string): unknown {
    const [first, ...rest] = steps;
    const name = first !== undefined && 'attribute' in first ? first.attribute : undefined;
    if (root === 'local' && name !== undefined) return this.local(name, rest, source);
    if (root === 'var' && name !== undefined) return this.variable(name, rest, source);
    if (UNKNOWN_ROOTS.has(root) || root === 'var' || root === 'local') return unresolved(`\${${source}}`);
    // A resource or data source attribute names that one thing, e.g. `aws_s3_bucket.site.arn`.
    return steps.some((step) => 'splat' in step) ? unresolved(`\${${source}}`) : fixedUnresolved(`\${${source}}`);
  }

  private local(name: string, steps: readonly TraversalStep[], source: string): unknown {
    if (!this.locals.has(name) || this.evaluating.has(name)) return unresolved(`\${${source}}`);
    if (!this.evaluated.has(name)) {
      this.evaluating.add(name);
      this.evaluated.set(name, evaluateValue(this.locals.get(name), this));
      this.evaluating.delete(name);
    }
    return follow(this.evaluated.get(name), steps, source, this);
  }

  private variable(name: string, steps: readonly TraversalStep[], source: string): unknown {
    const declaration = this.variables.get(name);
    const permitted = declaration ? permittedValues(name, declaration) : undefined;
    const chosen = permitted ? this.chooser.choose(`var.${name}`, permitted) : { made: false as const };
    return chosen.made ? follow(chosen.option, steps, source, this) : unresolved(`\${${source}}`);
  }
}

/**
 * The trust of one Terraform module (the files of one directory): its IAM roles, workload identity pool providers and
 * federated credentials, with the module's locals and validated variables evaluated. Each way its conditionals and
 * variables may come out is read; what any reading admits or grants counts.
 */
export function readTerraformModule(files: readonly TerraformFile[]): Reading {
  const blocks = files.flatMap(({ config, file }) => terraformBlocks(config, file)).filter((block) => JUDGED_TYPES.test(block.type));
  const locals = new Map(files.flatMap(({ config }) => objectsOf(config.locals).flatMap((object) => Object.entries(object))));
  const variables = new Map(
    files.flatMap(({ config }) =>
      objectsOf(config.variable).flatMap((object) => Object.entries(object).map(([name, declared]) => [name, objectsOf(declared)[0] ?? {}] as const)),
    ),
  );
  return mergeReadings(
    possibleReadings((chooser) => {
      const scope = new ModuleScope(locals, variables, chooser);
      const evaluated: TerraformBlock[] = blocks.map((block) => ({ ...block, body: evaluateValue(block.body, scope) as Record<string, unknown> }));
      return mergeReadings([readTerraformAws(evaluated), readTerraformGcp(evaluated), readTerraformAzure(evaluated)]);
    }),
  );
}
