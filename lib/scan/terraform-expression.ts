import { HclSyntaxError, templateParts, type HclExpression, type TemplatePart, type TraversalStep } from './hcl-syntax';
import type { Chooser } from './possible-readings';
import { unresolved } from './unresolved';

/** What an expression may refer to: the module's locals, variables and resources, and the choices of one reading. */
export interface ExpressionScope {
  readonly chooser: Chooser;
  /** The value of a reference (`local.x`, `var.y`, `aws_iam_role.deploy.arn`); a placeholder when unknown. */
  reference(root: string, steps: readonly TraversalStep[], source: string): unknown;
}

const isScalar = (value: unknown): value is string | number | boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Functions whose result is their argument, as far as the rules care. */
const PASSING_FUNCTIONS = new Set(['jsonencode', 'tolist', 'toset']);

/**
 * The value of an expression as far as literals, references the scope knows and `jsonencode` allow. Anything
 * computed (other functions, operators, `for` expressions, splats) becomes a placeholder that may be anything; both
 * branches of a conditional are possible readings.
 */
export function evaluateExpression(expression: HclExpression, scope: ExpressionScope): unknown {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'template':
      return evaluateParts(expression.parts, scope, expression.source);
    case 'tuple':
      return expression.items.map((item) => evaluateExpression(item, scope));
    case 'object':
      return Object.fromEntries(
        expression.entries.map((entry) => {
          const key = typeof entry.key === 'string' ? entry.key : evaluateExpression(entry.key, scope);
          return [isScalar(key) ? String(key) : unresolved(`\${${sourceOf(entry.key)}}`), evaluateExpression(entry.value, scope)];
        }),
      );
    case 'call':
      if (PASSING_FUNCTIONS.has(expression.name) && expression.args.length === 1) return evaluateExpression(expression.args[0], scope);
      if (expression.name === 'concat') {
        const lists = expression.args.map((arg) => evaluateExpression(arg, scope));
        if (lists.every(Array.isArray)) return lists.flat();
      }
      return unresolved(`\${${expression.source}}`);
    case 'traversal':
      return scope.reference(expression.root, expression.steps, expression.source);
    case 'conditional': {
      const chosen = scope.chooser.choose(`conditional:${sourceOf(expression.predicate)}`, [true, false]);
      return chosen.made ? evaluateExpression(chosen.option ? expression.whenTrue : expression.whenFalse, scope) : unresolved(`\${${expression.source}}`);
    }
    case 'binary':
    case 'other':
      return unresolved(`\${${expression.source}}`);
  }
}

const sourceOf = (expression: HclExpression | string): string =>
  typeof expression === 'string' ? expression : 'source' in expression ? expression.source : JSON.stringify(expression.kind === 'literal' ? expression.value : null);

/**
 * A template: one interpolation alone is its value, whatever its type; otherwise the text with each interpolation's
 * value in place, or a placeholder where it is not text. A directive (`%{ if … }`) decides which text there is: the
 * whole template is then unknown.
 */
function evaluateParts(parts: readonly TemplatePart[], scope: ExpressionScope, source: string): unknown {
  if (parts.length === 1 && typeof parts[0] !== 'string' && !parts[0].directive) return interpolation(parts[0], scope);
  if (parts.some((part) => typeof part !== 'string' && part.directive)) return unresolved(source);
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const value = interpolation(part, scope);
      return isScalar(value) ? String(value) : unresolved(part.source);
    })
    .join('');
}

function interpolation(part: Exclude<TemplatePart, string>, scope: ExpressionScope): unknown {
  return part.expression ? evaluateExpression(part.expression, scope) : unresolved(part.source);
}

/**
 * A string of a Terraform configuration (Terraform JSON, or hcl2json's rendering of HCL) as a value: its `${…}`
 * interpolations evaluated, `$${` read as a literal `${`.
 */
export function evaluateString(text: string, scope: ExpressionScope): unknown {
  try {
    return evaluateParts(templateParts(text, 1, false), scope, text);
  } catch (error) {
    if (error instanceof HclSyntaxError) return unresolved(text);
    throw error;
  }
}

/** Every string of a configuration value evaluated (keys are not). */
export function evaluateValue(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === 'string') return evaluateString(value, scope);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateValue(item, scope)]));
  return value;
}

/** The expression of a string that is one interpolation (`${contains([…], var.x)}`), when it parses. */
export function expressionOf(text: string): HclExpression | undefined {
  try {
    const parts = templateParts(text, 1, false);
    return parts.length === 1 && typeof parts[0] !== 'string' && !parts[0].directive ? parts[0].expression : undefined;
  } catch (error) {
    if (error instanceof HclSyntaxError) return undefined;
    throw error;
  }
}
