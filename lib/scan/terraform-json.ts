import { placeholderText } from './unresolved';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One `resource` or `data` block of a Terraform configuration, as written (its strings are Terraform templates). */
export interface TerraformBlock {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** `aws_iam_role.deploy`, or `data.aws_iam_policy_document.trust`. */
  readonly address: string;
  /** Where the block is, e.g. `main.tf.json#resource.aws_iam_role.deploy`. */
  readonly path: string;
}

/** True for Terraform JSON (hand-written `*.tf.json` or cdktf's `cdk.tf.json`): it declares resources. */
export function isTerraformJson(data: unknown): data is Record<string, unknown> {
  return isRecord(data) && 'resource' in data;
}

/** Terraform JSON allows an object, or a list of objects, wherever a block may repeat. */
const objectsOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : []);

/** Comment keys (`//`, as cdktf writes its metadata) carry no configuration. */
const entriesOf = (value: unknown) => objectsOf(value).flatMap((object) => Object.entries(object).filter(([key]) => !key.startsWith('//')));

/** The `resource` and `data` blocks of one file. */
export function terraformBlocks(config: Record<string, unknown>, file: string): TerraformBlock[] {
  return (['resource', 'data'] as const).flatMap((kind) =>
    entriesOf(config[kind]).flatMap(([type, named]) =>
      entriesOf(named).flatMap(([name, bodies]) =>
        objectsOf(bodies).map((body) => ({
          kind,
          type,
          name,
          body,
          address: `${kind === 'data' ? 'data.' : ''}${type}.${name}`,
          path: `${file}#${kind}.${type}.${name}`,
        })),
      ),
    ),
  );
}

/** Nested blocks (`inline_policy`, `oidc`, `statement`) are an object or a list of objects. */
export const nestedBlocks = objectsOf;

/** The address and attribute a value refers to when it is exactly one reference, e.g. `${aws_iam_role.deploy.name}`. */
export function referenceOf(value: unknown): { readonly address: string; readonly attribute: string } | undefined {
  const text = typeof value === 'string' ? placeholderText(value) : undefined;
  const match = text === undefined ? undefined : /^\$\{((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/.exec(text);
  return match ? { address: match[1], attribute: match[2] } : undefined;
}
