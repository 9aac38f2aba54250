import { CREDENTIAL_VARIABLES, type CiCredentialUse } from './ci-credentials';
import { locatedPath } from './located-path';
import type { LocatedDocument } from './yaml-documents';
import type { SecretView } from '../trust/secret-view';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for a file named `.gitlab-ci.yml`: a GitLab CI pipeline configuration. */
export function isGitlabCi(path: string): boolean {
  return /(^|\/)\.gitlab-ci\.yml$/.test(path);
}

/** Top-level keys of `.gitlab-ci.yml` that are keywords, not jobs. */
const KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec']);

/**
 * The long-lived cloud credentials a GitLab CI configuration sets as `variables:` (of the pipeline, which every job
 * gets, or of one job), each as a finding's view and as the jobs it serves. Hidden jobs (`.name`) are templates.
 */
export function readGitlabCi(document: LocatedDocument, file: string): { secrets: SecretView[]; uses: CiCredentialUse[] } {
  const pipeline = isRecord(document.data) ? document.data : {};
  const jobs = Object.entries(pipeline).filter((entry): entry is [string, Record<string, unknown>] => !KEYWORDS.has(entry[0]) && !entry[0].startsWith('.') && isRecord(entry[1]));
  const secrets: SecretView[] = [];
  const uses: CiCredentialUse[] = [];
  const scan = (variables: unknown, segments: readonly string[], where: string, served: readonly [string, Record<string, unknown>][]) => {
    for (const name of Object.keys(isRecord(variables) ? variables : {})) {
      const cloud = CREDENTIAL_VARIABLES[name];
      if (!cloud) continue;
      const at = [...segments, name];
      const path = locatedPath(file, at, document.lineOf(at));
      secrets.push({ kind: 'ciCredential', cloud, ci: 'gitlab', what: `variable ${name} ${where}`, where: { resource: file, path } });
      for (const [job, body] of served) {
        const triggers = { rules: body.rules, only: body.only };
        uses.push({ ci: 'gitlab', cloud, file, job, path, triggers, ...(body.environment !== undefined ? { environment: body.environment } : {}) });
      }
    }
  };
  scan(pipeline.variables, ['variables'], 'of the pipeline', jobs);
  for (const [id, job] of jobs) scan(job.variables, [id, 'variables'], `of job ${id}`, [[id, job]]);
  return { secrets, uses };
}
