import type { Construct } from 'constructs';
import type { TerraformLibrary, TerraformResourceLike } from './terraform-library';

/** A Terraform resource of `type` with its arguments, rendered literally (`undefined` arguments left out). */
export function terraformResource(
  library: TerraformLibrary,
  scope: Construct,
  id: string,
  type: string,
  attributes: Readonly<Record<string, unknown>>,
  dependsOn: readonly TerraformResourceLike[] = [],
): TerraformResourceLike {
  const resource = new library.TerraformResource(scope, id, {
    terraformResourceType: type,
    terraformGeneratorMetadata: { providerName: type.slice(0, type.indexOf('_')) },
    ...(dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {}),
  });
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) resource.addOverride(name, value);
  }
  return resource;
}
