import { isUnresolved, unresolved } from './unresolved';

/** What a template's intrinsic functions may refer to. */
export interface TemplateScope {
  readonly resources: Readonly<Record<string, { readonly Type?: unknown; readonly Properties?: unknown }>>;
  readonly mappings: Readonly<Record<string, unknown>>;
}

/** Resources whose `Ref` and `Arn` are an IAM OIDC provider ARN (the CDK's custom resource included). */
const OIDC_PROVIDER_TYPES = new Set(['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider']);

/** `Ref: AWS::NoValue` removes the property or list item that holds it. */
const NO_VALUE = Symbol('AWS::NoValue');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function intrinsicOf(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/**
 * Resolves the intrinsic functions of one template value as far as the template alone allows: `Fn::Sub`,
 * `Fn::Join`, `Fn::Select` and `Fn::FindInMap` of literals, and `Ref`/`Fn::GetAtt …Arn` of an OIDC provider
 * declared in the template (its ARN is what names the issuer). Anything else (parameters, pseudo parameters,
 * other resources' attributes, imports, conditions) becomes an unresolved placeholder.
 */
export function resolveIntrinsics(value: unknown, scope: TemplateScope): unknown {
  const resolved = new IntrinsicResolver(scope).resolve(value);
  return resolved === NO_VALUE ? undefined : resolved;
}

class IntrinsicResolver {
  /** Providers being resolved, so a provider whose URL refers to itself cannot loop. */
  private readonly resolving = new Set<string>();

  constructor(private readonly scope: TemplateScope) {}

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item)).filter((item) => item !== NO_VALUE);
    if (!isRecord(value)) return value;
    const intrinsic = intrinsicOf(value);
    if (intrinsic !== undefined) return this.intrinsic(intrinsic, value[intrinsic]);
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, item]) => [key, this.resolve(item)] as const)
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
        return this.ifBoth(argument);
      default:
        return unresolved(`\${${name}}`);
    }
  }

  private ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    return this.providerArn(name) ?? unresolved(`\${${name}}`);
  }

  private getAtt(argument: unknown): string {
    const [id, attribute] = typeof argument === 'string' ? splitOnce(argument, '.') : Array.isArray(argument) ? argument.map(asText) : [];
    if (id === undefined || attribute === undefined) return unresolved('${Fn::GetAtt}');
    return (attribute === 'Arn' ? this.providerArn(id) : undefined) ?? unresolved(`\${${id}.${attribute}}`);
  }

  /** The ARN of an OIDC provider declared in the template: the account is unknown, the issuer host is not. */
  private providerArn(id: string): string | undefined {
    const resource = this.scope.resources[id];
    if (!resource || !OIDC_PROVIDER_TYPES.has(String(resource.Type)) || this.resolving.has(id)) return undefined;
    this.resolving.add(id);
    const url = this.resolve((resource.Properties as { Url?: unknown } | undefined)?.Url);
    this.resolving.delete(id);
    if (typeof url !== 'string') return undefined;
    return `arn:${unresolved('${AWS::Partition}')}:iam::${unresolved('${AWS::AccountId}')}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
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
    return value === undefined ? unresolved('${Fn::FindInMap}') : this.resolve(value);
  }

  /** A condition's outcome is unknown here, so `Fn::If` resolves only when both branches agree. */
  private ifBoth(argument: unknown): unknown {
    if (!Array.isArray(argument) || argument.length !== 3) return unresolved('${Fn::If}');
    const [whenTrue, whenFalse] = [this.resolve(argument[1]), this.resolve(argument[2])];
    return whenTrue !== NO_VALUE && JSON.stringify(whenTrue) === JSON.stringify(whenFalse) ? whenTrue : unresolved('${Fn::If}');
  }
}

function splitOnce(text: string, separator: string): [string, string] | [] {
  const at = text.indexOf(separator);
  return at < 0 ? [] : [text.slice(0, at), text.slice(at + 1)];
}
