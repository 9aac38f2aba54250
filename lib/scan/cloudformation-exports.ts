import { isCustom } from './cloudformation-intrinsics';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The exports of a template that name one resource of it: outputs whose `Export.Name` is literal and whose `Value` is
 * a `Ref` or `Fn::GetAtt` of a resource (not a custom one) of the same template. A template that imports one of them
 * (`Fn::ImportValue`, as CDK writes cross-stack references) refers to that one resource, never to "*".
 */
export function resourceExportsOf(template: unknown): string[] {
  if (!isRecord(template) || !isRecord(template.Outputs)) return [];
  const resources = isRecord(template.Resources) ? template.Resources : {};
  return Object.values(template.Outputs).flatMap((output) => {
    if (!isRecord(output) || !isRecord(output.Export) || typeof output.Export.Name !== 'string') return [];
    const value = output.Value;
    const target = isRecord(value) ? (typeof value.Ref === 'string' ? value.Ref : Array.isArray(value['Fn::GetAtt']) ? value['Fn::GetAtt'][0] : undefined) : undefined;
    const resource = typeof target === 'string' ? resources[target] : undefined;
    return isRecord(resource) && !isCustom(resource) ? [output.Export.Name] : [];
  });
}
