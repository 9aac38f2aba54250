import { celEnv, celMethod, CelScalar, celType, isCelError, isCelList, parse, plan, type CelInput, type CelValue } from '@bufbuild/cel';

/**
 * GCP's CEL, on a real CEL implementation (@bufbuild/cel): standard CEL plus the `extract` string method Google
 * adds for attribute mappings and conditions. Token claims are bound as JSON maps the way CEL maps JSON: strings
 * stay strings, every number is a double, objects are maps. So CEL's rules apply unchanged, including
 * heterogeneous equality: `assertion.project_id == 20` on the string claim `"20"` is false, never an error.
 *
 * An expression that is not valid CEL, or that calls a function this environment lacks, is `unsupported`:
 * the cloud would not have accepted it, so nothing can be concluded from it.
 */

/** What an expression evaluates to. */
export type CelOutcome =
  /** Lists are returned as arrays; `type` is the CEL type name (`string`, `bool`, `list`, …). */
  | { readonly outcome: 'value'; readonly value: unknown; readonly type: string }
  /** A runtime error (missing claim, no matching overload): the cloud rejects the token. */
  | { readonly outcome: 'error'; readonly message: string }
  | { readonly outcome: 'unsupported'; readonly message: string };

/** The variables GCP binds: `assertion` always, `attribute` and `google` in attribute conditions, `resource` in IAM conditions. */
export interface GcpCelBindings {
  readonly assertion: Readonly<Record<string, unknown>>;
  readonly attribute?: Readonly<Record<string, string | readonly string[]>>;
  readonly google?: Readonly<Record<string, string | readonly string[]>>;
  /** In an IAM condition on a binding: the resource a request is checked on (`name`, `type`, `service`). */
  readonly resource?: Readonly<Record<string, string>>;
}

/**
 * Google's `extract` (IAM Conditions attribute reference, "Extract values from attributes"): the characters
 * between the first occurrence of the template's prefix and the first later occurrence of its suffix, around one
 * `{identifier}`. Without a prefix it starts at the beginning, without a suffix it runs to the end; a prefix or
 * suffix that does not appear (or a suffix only before the prefix) gives ''.
 */
export function extractTemplate(text: string, template: string): string {
  const parts = /^([^{}]*)\{[A-Za-z0-9_]+\}([^{}]*)$/.exec(template);
  if (!parts) throw new Error(`extract template "${template}" must contain exactly one {identifier} (letters, digits, underscores)`);
  const [, prefix, suffix] = parts;
  const start = text.indexOf(prefix);
  if (start < 0) return '';
  const from = start + prefix.length;
  if (suffix === '') return text.slice(from);
  const end = text.indexOf(suffix, from);
  return end < 0 ? '' : text.slice(from, end);
}

const EXTRACT = celMethod('extract', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function extract(template) {
  return extractTemplate(this, template);
});

const ENVIRONMENT = celEnv({ funcs: [EXTRACT] });

/** Operators the CEL planner implements itself rather than through the function registry. */
const PLANNER_OPERATORS = new Set(['_&&_', '_||_', '_?_:_', '_[_]', '@not_strictly_false']);

type Expr = ReturnType<typeof parse>['expr'];

/** Evaluates a GCP CEL expression (attribute mapping or condition) over the bindings. */
export function evaluateGcpCel(expression: string, bindings: GcpCelBindings): CelOutcome {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (error) {
    return { outcome: 'unsupported', message: `not valid CEL: ${(error as Error).message}` };
  }
  const unknown = [...functionsOf(parsed.expr)].filter((name) => !PLANNER_OPERATORS.has(name) && !ENVIRONMENT.funcs.find(name)).sort();
  if (unknown.length > 0) {
    return { outcome: 'unsupported', message: `calls ${unknown.join(', ')}, which GCP's CEL environment here does not define (standard CEL and extract are supported)` };
  }
  const result = plan(ENVIRONMENT, parsed)({
    assertion: celInputOf(bindings.assertion),
    attribute: celInputOf(bindings.attribute ?? {}),
    google: celInputOf(bindings.google ?? {}),
    resource: celInputOf(bindings.resource ?? {}),
  });
  if (isCelError(result)) return { outcome: 'error', message: result.message };
  return { outcome: 'value', value: plainOf(result), type: celType(result).name };
}

function functionsOf(expr: Expr | undefined, found = new Set<string>()): Set<string> {
  if (!expr) return found;
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'callExpr':
      found.add(kind.value.function);
      functionsOf(kind.value.target, found);
      kind.value.args.forEach((arg) => functionsOf(arg, found));
      break;
    case 'selectExpr':
      functionsOf(kind.value.operand, found);
      break;
    case 'listExpr':
      kind.value.elements.forEach((element) => functionsOf(element, found));
      break;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') functionsOf(entry.keyKind.value, found);
        functionsOf(entry.value, found);
      }
      break;
    case 'comprehensionExpr':
      for (const part of [kind.value.iterRange, kind.value.accuInit, kind.value.loopCondition, kind.value.loopStep, kind.value.result]) {
        functionsOf(part, found);
      }
      break;
    default:
      break;
  }
  return found;
}

/** JSON as CEL sees it: objects become maps, numbers doubles; values JSON cannot hold are left out. */
function celInputOf(value: unknown): CelInput {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.filter(isJson).map(celInputOf);
  if (typeof value === 'object') {
    return new Map(Object.entries(value as Record<string, unknown>).filter(([, item]) => isJson(item)).map(([key, item]) => [key, celInputOf(item)]));
  }
  return null;
}

function isJson(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean', 'object'].includes(typeof value);
}

function plainOf(value: CelValue): unknown {
  return isCelList(value) ? [...value].map(plainOf) : value;
}
