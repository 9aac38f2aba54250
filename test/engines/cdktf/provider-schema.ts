import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';

/**
 * The arguments a Terraform resource type takes, read from the prebuilt provider packages (@cdktf/provider-aws,
 * -google, -azurerm) used as dev-only schema oracles. Each resource's `<Name>Config` interface lists its arguments;
 * the Terraform name of each (`assume_role_policy`) is in the link of its doc comment, and a `?` marks an optional one.
 * Nested blocks (`oidc`) are interfaces of the same file. The declarations are parsed with the TypeScript compiler,
 * which is faster than loading the packages and does not drop unknown keys as their classes do at run time.
 */
export interface ArgumentSchema {
  readonly required: boolean;
  /** The block's own arguments, for a nested block. */
  readonly block?: Schema;
}

export type Schema = ReadonlyMap<string, ArgumentSchema>;

const PACKAGES: Readonly<Record<string, string>> = { aws: '@cdktf/provider-aws', google: '@cdktf/provider-google', azurerm: '@cdktf/provider-azurerm' };

/** The schema of resource `type` (e.g. `aws_iam_role`), from its provider's `lib/<type without provider>/index.d.ts`. */
export function resourceSchema(type: string): Schema {
  const provider = type.slice(0, type.indexOf('_'));
  const root = dirname(require.resolve(`${PACKAGES[provider]}/package.json`));
  const file = join(root, 'lib', type.slice(provider.length + 1).replace(/_/g, '-'), 'index.d.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const config = [...interfaces.keys()].find((name) => name.endsWith('Config') && interfaces.get(name)!.heritageClauses?.some((clause) => clause.getText().includes('TerraformMetaArguments')));
  if (!config) throw new Error(`${file}: no resource Config interface`);
  return schemaOf(interfaces.get(config)!, interfaces, source);
}

function schemaOf(declaration: ts.InterfaceDeclaration, interfaces: ReadonlyMap<string, ts.InterfaceDeclaration>, source: ts.SourceFile): Schema {
  const schema = new Map<string, ArgumentSchema>();
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const docs = ts.getJSDocCommentsAndTags(member).map((doc) => doc.getText(source)).join('\n');
    const name = /#([a-z0-9_]+) [A-Za-z0-9]+#[a-z0-9_]+\}/.exec(docs)?.[1];
    if (!name) continue;
    const typeName = member.type.getText(source).replace(/\[\]$/, '').replace(/ \| cdktf\.IResolvable$/, '');
    const nested = interfaces.get(typeName);
    schema.set(name, { required: member.questionToken === undefined, ...(nested ? { block: schemaOf(nested, interfaces, source) } : {}) });
  }
  return schema;
}

/** Meta-arguments every resource takes, and the `//` comment Terraform ignores. */
const META = new Set(['//', 'depends_on', 'provider', 'count', 'for_each', 'lifecycle']);

/** What is wrong with a resource body against its schema: unknown arguments and missing required ones, by path. */
export function schemaProblems(body: Readonly<Record<string, unknown>>, schema: Schema, at: string): string[] {
  const unknown = Object.keys(body)
    .filter((key) => !META.has(key) && !schema.has(key))
    .map((key) => `${at}.${key}: not an argument of the resource`);
  const missing = [...schema]
    .filter(([name, argument]) => argument.required && body[name] === undefined)
    .map(([name]) => `${at}.${name}: required, missing`);
  const nested = [...schema].flatMap(([name, argument]) => {
    const value = body[name];
    if (!argument.block || value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).flatMap((item, index) => schemaProblems(item as Record<string, unknown>, argument.block!, `${at}.${name}[${index}]`));
  });
  return [...unknown, ...missing, ...nested];
}
