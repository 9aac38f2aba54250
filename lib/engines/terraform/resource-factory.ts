import type { Construct } from 'constructs';
import type { TerraformLibrary, TerraformResourceConfigLike, TerraformResourceLike } from './terraform-library';

/** A resource whose arguments are given whole: what it synthesizes is exactly them, as a provider's classes do. */
type LiteralResourceClass = new (
  scope: Construct,
  id: string,
  config: TerraformResourceConfigLike,
  attributes: Record<string, unknown>,
) => TerraformResourceLike;

const LITERAL_CLASSES = new WeakMap<TerraformLibrary['TerraformResource'], LiteralResourceClass>();

/**
 * The library's `TerraformResource` with its arguments synthesized in one piece. Generated provider classes override
 * `synthesizeAttributes` the same way; setting each argument as an override instead costs a deep merge per argument.
 */
function literalResourceClass(library: TerraformLibrary): LiteralResourceClass {
  let Literal = LITERAL_CLASSES.get(library.TerraformResource);
  if (!Literal) {
    type Base = new (scope: Construct, id: string, config: TerraformResourceConfigLike) => TerraformResourceLike;
    const Base = library.TerraformResource as unknown as Base;
    Literal = class extends Base {
      private readonly attributes: Record<string, unknown>;
      constructor(scope: Construct, id: string, config: TerraformResourceConfigLike, attributes: Record<string, unknown>) {
        super(scope, id, config);
        this.attributes = attributes;
      }
      public synthesizeAttributes(): Record<string, unknown> {
        return this.attributes;
      }
    };
    LITERAL_CLASSES.set(library.TerraformResource, Literal);
  }
  return Literal;
}

/** A Terraform resource of `type` with its arguments, rendered literally (`undefined` arguments left out). */
export function terraformResource(
  library: TerraformLibrary,
  scope: Construct,
  id: string,
  type: string,
  attributes: Readonly<Record<string, unknown>>,
  dependsOn: readonly TerraformResourceLike[] = [],
): TerraformResourceLike {
  const defined = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
  const Literal = literalResourceClass(library);
  return new Literal(
    scope,
    id,
    {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: type.slice(0, type.indexOf('_')) },
      ...(dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {}),
    },
    defined,
  );
}
