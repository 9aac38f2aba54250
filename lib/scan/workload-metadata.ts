import { z } from 'zod';
import type { ScanProblem } from './reading';
import { plainLanguage } from '../declaration/messages';
import { acknowledgement, workloadName } from '../declaration/schema';
import type { Acknowledgement } from '../model/workload';

/**
 * The key of an `AWS::IAM::Role`'s CloudFormation `Metadata` under which workload-iam records what the rules need
 * beside the template: the workload the role renders, and the acknowledged rules with their reasons. The aws-cdk
 * engine writes it from the declaration; `WorkloadIdentityChecks.acknowledge` writes it for hand-written roles; scan
 * honours it, so a synthesized template is judged as its declaration was.
 */
export const WORKLOAD_METADATA_KEY = 'workload-iam';

export interface WorkloadMetadata {
  /** The declaration's workload, for the roles the engine renders. */
  readonly workload?: string;
  readonly acknowledge?: readonly Acknowledgement[];
}

const metadataSchema = z.strictObject({ workload: workloadName.optional(), acknowledge: z.array(acknowledgement).optional() });

/** A role's metadata as scan reads it; a malformed one names no workload, acknowledges nothing and is a problem. */
export interface ReadMetadata {
  readonly metadata: WorkloadMetadata;
  readonly problems: readonly ScanProblem[];
}

/** The workload-iam metadata of a resource (its `Metadata` block, written at `path`), if any. */
export function readWorkloadMetadata(metadata: unknown, path: string): ReadMetadata {
  const entry = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)[WORKLOAD_METADATA_KEY] : undefined;
  if (entry === undefined) return { metadata: {}, problems: [] };
  const parsed = metadataSchema.safeParse(entry, { error: plainLanguage });
  if (parsed.success) return { metadata: parsed.data, problems: [] };
  const at = `${path}.${WORKLOAD_METADATA_KEY}`;
  return {
    metadata: {},
    problems: parsed.error.issues.map((issue) => ({
      // An unknown key is pointed at itself, so the typo is what the path names.
      path: [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])].reduce<string>(
        (where, key) => (typeof key === 'number' ? `${where}[${key}]` : `${where}.${String(key)}`),
        at,
      ),
      message: issue.message,
    })),
  };
}

/** The metadata of a workload's role: its name, and its acknowledgements when it has any. */
export function workloadMetadata(workload: string, acknowledgements: readonly Acknowledgement[]): WorkloadMetadata {
  return { workload, ...(acknowledgements.length > 0 ? { acknowledge: acknowledgements.map(({ rule, reason }) => ({ rule, reason })) } : {}) };
}
