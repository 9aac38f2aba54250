import { Scalar, YAMLMap, type Node, type Tags } from 'yaml';

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

/**
 * The YAML tags of CloudFormation's short-form intrinsics (`!Sub`, `!GetAtt`, …), each read as its long form
 * (`{ "Fn::Sub": … }`) so one resolver reads both JSON and YAML templates. A tag may carry a scalar (`!Ref X`), a
 * sequence (`!Join [...]`) or a mapping (`!Transform {...}`).
 */
export const CLOUDFORMATION_TAGS: Tags = Object.entries(SHORT_FORMS).flatMap(([short, name]) => [
  { tag: `!${short}`, resolve: (value: string) => ({ [name]: value }) },
  { tag: `!${short}`, collection: 'seq' as const, resolve: (value: Node) => longForm(name, value) },
  { tag: `!${short}`, collection: 'map' as const, resolve: (value: Node) => longForm(name, value) },
]);
