/**
 * The verbs that begin the names of IAM actions that only read: AWS lists all but about 70 of the 9,000 and more actions
 * so named as Read or List in its service authorization reference. The exceptions, and the reads named otherwise, are generated
 * data (aws-read-actions.ts). A verb is matched as the start of the action name, case-insensitively as IAM
 * compares actions, so a pattern such as `s3:Get*` starts with one too.
 */
export const AWS_READ_VERBS: readonly string[] = ['describe', 'get', 'list', 'search'];

/** Whether `name` (an action `service:Name`, or the name alone) starts with a read verb. */
export function namedWithReadVerb(name: string): boolean {
  const lower = name.slice(name.indexOf(':') + 1).toLowerCase();
  return AWS_READ_VERBS.some((verb) => lower.startsWith(verb));
}
