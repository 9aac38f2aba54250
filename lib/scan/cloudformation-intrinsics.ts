import { possibleReadings as readingsOf, type Chooser } from './possible-readings';
import { fixedUnresolved, isUnresolved, unresolved } from './unresolved';

/** What a template's intrinsic functions may refer to. */
export interface TemplateScope {
  readonly resources: Readonly<Record<string, { readonly Type?: unknown; readonly Properties?: unknown; readonly Metadata?: unknown }>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  /** The template's `Parameters`, whose `AllowedValues` list every value a deployer may pass. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Exports of other templates that each name one resource (see cloudformation-exports.ts). */
  readonly exports?: ReadonlySet<string>;
}

/** Resources whose `Ref` and `Arn` are an IAM OIDC provider ARN (the CDK's custom resource included). */
const OIDC_PROVIDER_TYPES = new Set(['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider']);

/** Pseudo parameters: unknown here, but one fixed value of the stack (never a wildcard). */
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

/** `Ref: AWS::NoValue` removes the property or list item that holds it. */
const NO_VALUE = Symbol('AWS::NoValue');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function intrinsicOf(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** Lists that lost items to `AWS::NoValue`, with the index each kept item had as written. */
const WRITTEN_INDEXES = new WeakMap<readonly unknown[], readonly number[]>();

/** The index an item of a resolved list had in the template, before `AWS::NoValue` items were removed. */
export function writtenIndex(list: readonly unknown[], index: number): number {
  return WRITTEN_INDEXES.get(list)?.[index] ?? index;
}

/**
 * Every way the values `read` resolves may come out: each outcome of each `Fn::If` condition it meets (both branches
 * are possible templates) and each `AllowedValues` entry of each parameter it refers to. A condition or parameter
 * met twice takes the same outcome within one reading. `read` is called once per reading with a resolver.
 */
export function possibleReadings<T>(scope: TemplateScope, read: (resolve: (value: unknown) => unknown) => T): T[] {
  return readingsOf((chooser) => {
    const resolver = new IntrinsicResolver(scope, chooser);
    return read((value) => resolver.resolve(value));
  });
}

/**
 * Every value one template value may resolve to, as far as the template alone allows: `Fn::Sub`, `Fn::Join`,
 * `Fn::Select` and `Fn::FindInMap` of literals, both branches of `Fn::If`, each allowed value of a parameter, and
 * `Ref`/`Fn::GetAtt …Arn` of an OIDC provider declared in the template (its ARN is what names the issuer). A `Ref` or
 * `Fn::GetAtt` of another resource of the template, an import of another template's export of one resource, and a
 * pseudo parameter, is a fixed placeholder (it names that one thing); parameters without `AllowedValues`, other
 * imports and custom resources' attributes are placeholders that may be anything.
 */
export function resolveIntrinsics(value: unknown, scope: TemplateScope): unknown[] {
  const readings = possibleReadings(scope, (resolve) => resolve(value));
  return [...new Map(readings.map((reading) => [JSON.stringify(reading) ?? '', reading])).values()];
}

class IntrinsicResolver {
  /** Providers being resolved, so a provider whose URL refers to itself cannot loop. */
  private readonly resolving = new Set<string>();

  constructor(
    private readonly scope: TemplateScope,
    private readonly chooser: Chooser,
  ) {}

  resolve(value: unknown): unknown {
    const resolved = this.value(value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  private value(value: unknown): unknown {
    if (Array.isArray(value)) {
      const items = value.map((item) => this.value(item));
      const kept = items.flatMap((item, index) => (item === NO_VALUE ? [] : [index]));
      const list = kept.map((index) => items[index]);
      if (kept.length < items.length) WRITTEN_INDEXES.set(list, kept);
      return list;
    }
    if (!isRecord(value)) return value;
    const intrinsic = intrinsicOf(value);
    if (intrinsic !== undefined) return this.intrinsic(intrinsic, value[intrinsic]);
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, item]) => [key, this.value(item)] as const)
        .filter(([, item]) => item !== NO_VALUE),
    );
  }

  private intrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Ref':
        return typeof argument === 'string' ? this.ref(argument) : unresolved('${Ref}');
      case 'Fn::GetAtt':
        return this.getAtt(argument);
      case 'Fn::Sub':
        return this.sub(argument);
      case 'Fn::Join':
        return this.join(argument);
      case 'Fn::Select':
        return this.select(argument);
      case 'Fn::FindInMap':
        return this.findInMap(argument);
      case 'Fn::If':
        return this.if(argument);
      case 'Fn::ImportValue':
        return typeof argument === 'string' && this.scope.exports?.has(argument) ? fixedUnresolved(`\${${argument}}`) : unresolved('${Fn::ImportValue}');
      default:
        return unresolved(`\${${name}}`);
    }
  }

  private ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (PSEUDO_PARAMETERS.has(name)) return fixedUnresolved(`\${${name}}`);
    const parameter = this.scope.parameters?.[name];
    if (parameter !== undefined) return this.parameter(name, parameter);
    const resource = this.scope.resources[name];
    if (resource === undefined) return unresolved(`\${${name}}`);
    return this.providerArn(name) ?? (isCustom(resource) ? unresolved(`\${${name}}`) : fixedUnresolved(`\${${name}}`));
  }

  /** A parameter's value: one of its `AllowedValues`; a `Default` alone is only what the deployer may not override. */
  private parameter(name: string, parameter: unknown): unknown {
    const declared = isRecord(parameter) ? parameter : {};
    const allowed = Array.isArray(declared.AllowedValues) ? declared.AllowedValues.map(asText) : [];
    const listType = typeof declared.Type === 'string' && /List/.test(declared.Type);
    if (listType || allowed.length === 0 || allowed.some((value) => value === undefined)) return unresolved(`\${${name}}`);
    const chosen = this.chooser.choose(`Parameter:${name}`, allowed);
    return chosen.made ? chosen.option : unresolved(`\${${name}}`);
  }

  private getAtt(argument: unknown): string {
    const [id, attribute] = typeof argument === 'string' ? splitOnce(argument, '.') : Array.isArray(argument) ? argument.map(asText) : [];
    if (id === undefined || attribute === undefined) return unresolved('${Fn::GetAtt}');
    const resource = this.scope.resources[id];
    const arn = attribute === 'Arn' ? this.providerArn(id) : undefined;
    if (arn !== undefined) return arn;
    return resource !== undefined && !isCustom(resource) ? fixedUnresolved(`\${${id}.${attribute}}`) : unresolved(`\${${id}.${attribute}}`);
  }

  /** The ARN of an OIDC provider declared in the template: the account is unknown, the issuer host is not. */
  private providerArn(id: string): string | undefined {
    const resource = this.scope.resources[id];
    if (!resource || !OIDC_PROVIDER_TYPES.has(String(resource.Type)) || this.resolving.has(id)) return undefined;
    this.resolving.add(id);
    const url = this.resolve((resource.Properties as { Url?: unknown } | undefined)?.Url);
    this.resolving.delete(id);
    if (typeof url !== 'string') return undefined;
    return `arn:${fixedUnresolved('${AWS::Partition}')}:iam::${fixedUnresolved('${AWS::AccountId}')}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
  }

  /** `${Name}` is a variable of the second form, else a `Ref`; `${Id.Attr}` a `GetAtt`; `${!x}` the literal `${x}`. */
  private sub(argument: unknown): string {
    const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof template !== 'string') return unresolved('${Fn::Sub}');
    return template.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (isRecord(variables) && name in variables) return asText(this.resolve(variables[name])) ?? unresolved(`\${${name}}`);
      const value = name.includes('.') && !name.startsWith('AWS::') ? this.getAtt(name) : this.ref(name);
      return asText(value) ?? unresolved(`\${${name}}`);
    });
  }

  private join(argument: unknown): string {
    if (!Array.isArray(argument)) return unresolved('${Fn::Join}');
    const delimiter = asText(argument[0]);
    const items = this.resolve(argument[1]);
    if (delimiter === undefined || !Array.isArray(items)) return unresolved('${Fn::Join}');
    const texts = items.map(asText);
    return texts.every((text) => text !== undefined) ? texts.join(delimiter) : unresolved('${Fn::Join}');
  }

  private select(argument: unknown): unknown {
    if (!Array.isArray(argument)) return unresolved('${Fn::Select}');
    const index = Number(asText(this.resolve(argument[0])));
    const items = this.resolve(argument[1]);
    return Array.isArray(items) && Number.isInteger(index) && index >= 0 && index < items.length ? items[index] : unresolved('${Fn::Select}');
  }

  private findInMap(argument: unknown): unknown {
    const keys = Array.isArray(argument) ? argument.slice(0, 3).map((key) => asText(this.resolve(key))) : [];
    if (keys.length !== 3 || keys.some((key) => key === undefined || isUnresolved(key))) return unresolved('${Fn::FindInMap}');
    const [map, top, second] = keys as string[];
    const value = (this.scope.mappings[map] as Record<string, Record<string, unknown> | undefined> | undefined)?.[top]?.[second];
    return value === undefined ? unresolved('${Fn::FindInMap}') : this.value(value);
  }

  /** Each outcome of the condition is a possible template; without room for more readings, only agreeing branches resolve. */
  private if(argument: unknown): unknown {
    if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') return unresolved('${Fn::If}');
    const chosen = this.chooser.choose(`Condition:${argument[0]}`, [true, false]);
    if (chosen.made) return this.value(chosen.option ? argument[1] : argument[2]);
    const [whenTrue, whenFalse] = [this.value(argument[1]), this.value(argument[2])];
    return whenTrue !== NO_VALUE && JSON.stringify(whenTrue) === JSON.stringify(whenFalse) ? whenTrue : unresolved('${Fn::If}');
  }
}

/** A custom resource's attributes are whatever its code returns. */
export const isCustom = (resource: { readonly Type?: unknown }) => /^Custom::|^AWS::CloudFormation::CustomResource$/.test(String(resource.Type));

function splitOnce(text: string, separator: string): [string, string] | [] {
  const at = text.indexOf(separator);
  return at < 0 ? [] : [text.slice(0, at), text.slice(at + 1)];
}
