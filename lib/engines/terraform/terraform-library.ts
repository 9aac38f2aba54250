import type { Construct } from 'constructs';

/**
 * The few classes of cdktf (or its fork cdktn) the renderer uses, typed structurally: the two packages' classes are
 * not assignable to each other, so each entry point passes in its own.
 */
export interface TerraformLibrary {
  readonly App: new (config: { readonly outdir?: string; readonly skipValidation?: boolean }) => Construct;
  readonly TerraformStack: { new (scope: Construct, id: string): TerraformStackLike; of(construct: Construct): TerraformStackLike };
  readonly TerraformResource: new (scope: Construct, id: string, config: TerraformResourceConfigLike) => TerraformResourceLike;
  readonly TerraformOutput: new (scope: Construct, id: string, config: { readonly value: unknown; readonly description?: string }) => Construct;
}

export interface TerraformStackLike extends Construct {
  addOverride(path: string, value: unknown): void;
  toTerraform(): unknown;
}

export interface TerraformResourceConfigLike {
  readonly terraformResourceType: string;
  readonly terraformGeneratorMetadata?: { readonly providerName: string };
  readonly dependsOn?: TerraformResourceLike[];
}

export interface TerraformResourceLike extends Construct {
  readonly terraformResourceType: string;
  /** `<type>.<name>`, the resource's address. */
  readonly fqn: string;
  addOverride(path: string, value: unknown): void;
  /** A reference to one of its attributes (e.g. `name`, `arn`), for the user's own resources. */
  getStringAttribute(terraformAttribute: string): string;
}

/** `${<address>.<attribute>}`: a reference Terraform resolves at apply, and a dependency it orders by. */
export function reference(resource: TerraformResourceLike, attribute: string): string {
  return `\${${resource.fqn}.${attribute}}`;
}
