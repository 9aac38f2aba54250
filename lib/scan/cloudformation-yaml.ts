import { parseDocument, Scalar, YAMLMap, type Node, type Tags } from 'yaml';
import { checkYamlDocument } from '../input/limits';

/** CloudFormation's short-form intrinsic tags, each mapped to the long form it abbreviates. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    ['And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Length', 'Not', 'Or', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform'].map(
      (name) => [name, `Fn::${name}`],
    ),
  ),
};

/** A collection stays a node inside a one-key mapping, so the parser still turns the nodes within it into data. */
const longForm = (name: string, value: Node): YAMLMap => {
  const map = new YAMLMap();
  map.set(new Scalar(name), value);
  return map;
};

// A tag may carry a scalar (`!Ref X`), a sequence (`!Join [...]`) or a mapping (`!Transform {...}`).
const INTRINSIC_TAGS: Tags = Object.entries(SHORT_FORMS).flatMap(([short, name]) => [
  { tag: `!${short}`, resolve: (value: string) => ({ [name]: value }) },
  { tag: `!${short}`, collection: 'seq' as const, resolve: (value: Node) => longForm(name, value) },
  { tag: `!${short}`, collection: 'map' as const, resolve: (value: Node) => longForm(name, value) },
]);

/** The text is not YAML. */
export class TemplateSyntaxError extends Error {}

/**
 * A YAML CloudFormation template as plain data, short-form intrinsics (`!Sub`, `!GetAtt`, …) turned into their
 * long forms (`{ "Fn::Sub": … }`) so one resolver reads both JSON and YAML templates.
 */
export function parseCloudFormationYaml(text: string): unknown {
  const document = parseDocument(text, { customTags: INTRINSIC_TAGS, prettyErrors: true });
  const [error] = document.errors;
  if (error) throw new TemplateSyntaxError(`not valid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}`);
  // Aliases are bounded by their expanded size (a "billion laughs" document is refused), not by how often one is used.
  checkYamlDocument(document);
  return document.toJS({ maxAliasCount: -1 });
}
