import type { AwsStatementTemplate, IdentifierParts } from './definition';

// ARN building blocks. Nothing admits `*`, `?` or `${`, which IAM would read as wildcards or a policy variable.
export const PARTITION = '(?<partition>aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
export const REGION = '(?<region>[a-z]{2,4}(?:-[a-z]+)+-[0-9]{1,2})';
export const ACCOUNT = '(?<accountId>[0-9]{12})';

/** An ARN of a regional service whose resource part follows the account id. */
export function regionalArn(service: string, resource: string): RegExp {
  return new RegExp(`^arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${resource}$`);
}

/** The access levels of a resource whose reads and writes are separate statements; `readWrite` is both. */
export function readWriteLevels(
  read: readonly AwsStatementTemplate[],
  write: readonly AwsStatementTemplate[],
): Readonly<Record<string, readonly AwsStatementTemplate[]>> {
  return { read, write, readWrite: [...read, ...write] };
}

export const theResource = ({ id }: IdentifierParts) => [id];
