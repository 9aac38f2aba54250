import { locatedPath } from './located-path';
import type { LocatedDocument } from './yaml-documents';
import type { SecretView } from '../trust/secret-view';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The logical id an access key's `UserName` refers to (`!Ref User`), when it is one. */
function referencedUser(properties: Record<string, unknown>): string | undefined {
  const user = properties.UserName;
  return isRecord(user) && typeof user.Ref === 'string' ? user.Ref : undefined;
}

/**
 * The long-lived credentials a CloudFormation template creates: every `AWS::IAM::AccessKey`, and every
 * `AWS::IAM::User` of the template that holds one and has no console login (its only purpose is the key).
 */
export function readCloudFormationSecrets(template: Record<string, unknown>, file: string, lineOf: LocatedDocument['lineOf']): SecretView[] {
  const resources = Object.entries(isRecord(template.Resources) ? template.Resources : {}).filter(
    (entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]),
  );
  const propertiesOf = (resource: Record<string, unknown>) => (isRecord(resource.Properties) ? resource.Properties : {});
  const at = (id: string) => ({ resource: id, path: locatedPath(file, ['Resources', id], lineOf(['Resources', id])) });
  const keys = resources.filter(([, resource]) => resource.Type === 'AWS::IAM::AccessKey');
  const keyUsers = new Set(keys.map(([, key]) => referencedUser(propertiesOf(key))));
  const keyOnlyUsers = resources.filter(([id, resource]) => resource.Type === 'AWS::IAM::User' && keyUsers.has(id) && propertiesOf(resource).LoginProfile === undefined);
  return [
    ...keys.map(([id]): SecretView => ({ kind: 'awsAccessKey', cloud: 'aws', what: `AWS::IAM::AccessKey ${id}`, where: at(id) })),
    ...keyOnlyUsers.map(([id]): SecretView => ({ kind: 'awsKeyOnlyUser', cloud: 'aws', what: `AWS::IAM::User ${id}`, where: at(id) })),
  ];
}
