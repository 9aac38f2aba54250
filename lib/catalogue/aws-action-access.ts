import { READ_ONLY_ACCESS } from './access';
import { AWS_RESOURCE_TYPES } from './aws';
import { AWS_ESCALATION_ACTIONS } from './aws-escalation-actions';
import { AWS_OTHER_READ_ACTIONS, AWS_VERB_ACTIONS_THAT_WRITE } from './aws-read-actions';
import { namedWithReadVerb } from './aws-read-verbs';

/** IAM compares actions case-insensitively. */
const lower = (actions: Iterable<string>) => new Set([...actions].map((action) => action.toLowerCase()));

/**
 * What the catalogue's read-only access levels grant counts as reading whatever AWS labels it (`kms:Decrypt` is
 * "Write" there), so a role the Plan calls read-only is read-only when scanned too.
 */
const CATALOGUE_READS = lower(
  AWS_RESOURCE_TYPES.flatMap((type) =>
    Object.entries(type.access).flatMap(([level, templates]) => (READ_ONLY_ACCESS.has(level) ? templates.flatMap((t) => t.actions) : [])),
  ),
);
const OTHER_READS = lower(AWS_OTHER_READ_ACTIONS);
/** Actions named with a read verb that do more than read: AWS's own exceptions, and the escalation actions. */
const VERB_WRITES = lower([...AWS_VERB_ACTIONS_THAT_WRITE, ...Object.keys(AWS_ESCALATION_ACTIONS)]);
const VERB_WRITES_BY_SERVICE = new Map<string, string[]>();
for (const action of VERB_WRITES) {
  const service = action.slice(0, action.indexOf(':'));
  VERB_WRITES_BY_SERVICE.set(service, [...(VERB_WRITES_BY_SERVICE.get(service) ?? []), action]);
}

const WILDCARD = /[*?]/;

function globPattern(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/**
 * Whether an IAM action, or an action pattern with `*` and `?`, can only read: every action it names is Read or List
 * in AWS's service authorization reference, or is granted by a read-only access level of the catalogue. A pattern
 * reads when all it can match starts with a read verb and it matches none of the exceptions (`s3:GetObject*`,
 * `s3:List*` read; `s3:*`, `s3:*Object` and `lambda:Check*` may not). An action that is not in the reference reads
 * only when named with a read verb; anything else is taken to write.
 */
export function awsActionOnlyReads(action: string): boolean {
  const text = action.toLowerCase();
  const colon = text.indexOf(':');
  if (colon <= 0 || WILDCARD.test(text.slice(0, colon))) return false;
  const wildcard = text.search(WILDCARD);
  if (wildcard < 0) return CATALOGUE_READS.has(text) || OTHER_READS.has(text) || (namedWithReadVerb(text) && !VERB_WRITES.has(text));
  if (!namedWithReadVerb(text.slice(0, wildcard))) return false;
  const pattern = globPattern(text);
  return !(VERB_WRITES_BY_SERVICE.get(text.slice(0, colon)) ?? []).some((known) => pattern.test(known));
}
