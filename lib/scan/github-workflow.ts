import { CREDENTIAL_VARIABLES, type CiCredentialUse } from './ci-credentials';
import { locatedPath } from './located-path';
import type { LocatedDocument } from './yaml-documents';
import type { Cloud } from '../catalogue/types';
import type { SecretView } from '../trust/secret-view';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const entriesOf = (value: unknown) => Object.entries(isRecord(value) ? value : {});

/** True for a path under `.github/workflows/` ending in `.yml` or `.yaml`: a GitHub Actions workflow. */
export function isGithubWorkflow(path: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/** Sign-in actions and the inputs of each that take a long-lived credential (their action.yml). */
const SIGN_IN_ACTIONS: Readonly<Record<string, { readonly cloud: Cloud; readonly secret: (input: string) => boolean }>> = {
  'aws-actions/configure-aws-credentials': { cloud: 'aws', secret: (input) => input === 'aws-access-key-id' || input === 'aws-secret-access-key' },
  'google-github-actions/auth': { cloud: 'gcp', secret: (input) => input === 'credentials_json' },
  'azure/login': { cloud: 'azure', secret: (input) => input === 'creds' || /client.?secret/i.test(input) },
};

/** A value that is only a step's output (`${{ steps.auth.outputs.… }}`): a short-lived credential a sign-in step made. */
const isStepOutput = (value: unknown) => typeof value === 'string' && /^\$\{\{\s*steps\.[A-Za-z0-9_-]+\.outputs\.[A-Za-z0-9_-]+\s*\}\}$/.test(value);

interface Found {
  readonly cloud: Cloud;
  readonly what: string;
  readonly segments: readonly (string | number)[];
}

/** Credential variables of an `env:` (or reusable-workflow `secrets:`) mapping at `segments`. */
function variables(value: unknown, segments: readonly (string | number)[], where: string): Found[] {
  return entriesOf(value).flatMap(([name, set]) => {
    const cloud = CREDENTIAL_VARIABLES[name];
    return cloud && !isStepOutput(set) ? [{ cloud, what: `${segments[segments.length - 1]} ${name} ${where}`, segments: [...segments, name] }] : [];
  });
}

/** Long-lived credentials of one job: sign-in action inputs, and `env:` of the job and its steps. */
function jobCredentials(id: string, job: Record<string, unknown>): Found[] {
  const base = ['jobs', id];
  const steps = Array.isArray(job.steps) ? job.steps : [];
  return [
    ...variables(job.env, [...base, 'env'], `of job ${id}`),
    ...variables(job.secrets, [...base, 'secrets'], `passed by job ${id}`),
    ...steps.flatMap((step, index): Found[] => {
      if (!isRecord(step)) return [];
      const action = typeof step.uses === 'string' ? step.uses.split('@')[0].toLowerCase() : undefined;
      const signIn = action ? SIGN_IN_ACTIONS[action] : undefined;
      const input = signIn ? Object.keys(isRecord(step.with) ? step.with : {}).find(signIn.secret) : undefined;
      const stepBase = [...base, 'steps', index];
      return [
        ...(signIn && input ? [{ cloud: signIn.cloud, what: `the ${input} input of ${action} in job ${id}`, segments: [...stepBase, 'with', input] }] : []),
        ...variables(step.env, [...stepBase, 'env'], `of a step of job ${id}`),
      ];
    }),
  ];
}

/**
 * The long-lived cloud credentials a GitHub Actions workflow uses, each as a finding's view and as the job it serves
 * (a workflow-level `env:` serves every job).
 */
export function readGithubWorkflow(document: LocatedDocument, file: string): { secrets: SecretView[]; uses: CiCredentialUse[] } {
  const workflow = isRecord(document.data) ? document.data : {};
  const jobs = entriesOf(workflow.jobs).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]));
  const secrets: SecretView[] = [];
  const uses: CiCredentialUse[] = [];
  const record = (found: Found, served: readonly [string, Record<string, unknown>][]) => {
    const path = locatedPath(file, found.segments, document.lineOf(found.segments));
    secrets.push({ kind: 'ciCredential', cloud: found.cloud, ci: 'github', what: found.what, where: { resource: file, path } });
    for (const [job, body] of served) {
      uses.push({ ci: 'github', cloud: found.cloud, file, job, path, triggers: workflow.on, ...(body.environment !== undefined ? { environment: body.environment } : {}) });
    }
  };
  for (const found of variables(workflow.env, ['env'], 'of the workflow')) record(found, jobs);
  for (const [id, job] of jobs) for (const found of jobCredentials(id, job)) record(found, [[id, job]]);
  return { secrets, uses };
}
