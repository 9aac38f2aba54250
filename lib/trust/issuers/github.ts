import { ISSUER_TITLES } from '../../identity/issuers';
import { isCommitSha, joinFacts, splitKeyed, type Facts, type Pattern } from '../facts';
import { exactly, sharedIssuer, type IssuerReader } from './reader';

/** `owner[@id]/repo[@id]`: the owner is the tenant, the repository the unit; `@id` pins them immutably. */
function repoFacts(value: string, partial: boolean, text: string): Facts {
  const slash = value.indexOf('/');
  // No owner name is empty: `repo:/R` names none.
  if (slash <= 0) return partial ? { open: { field: 'tenant', text } } : { neverMatches: `"${value}" is not owner/repository` };
  const owner = value.slice(0, slash);
  const repo = value.slice(slash + 1);
  const tenant = owner.includes('@') ? 'immutable' : 'name';
  if (partial) return { tenant, open: { field: 'unit', text } };
  return { tenant, unit: repo.includes('@') ? 'immutable' : 'name' };
}

function workflowFacts(value: string | undefined, partial: boolean, text: string): Facts {
  if (value === undefined || partial) return { open: { field: 'workflow', text } };
  const at = value.lastIndexOf('@');
  const ref = at < 0 ? '' : value.slice(at + 1);
  return isCommitSha(ref) ? {} : { mutableWorkflow: value };
}

/**
 * An event name admits pull-request runs (`pull_request`, `pull_request_target`) when it names one, or when a wildcard
 * cut inside `pull_request` can complete it (`pull*`, `pull_*`). A bare wildcard names no event.
 */
function admitsPullRequests(event: string, partial: boolean): boolean {
  return event.startsWith('pull_request') || (partial && event !== '' && 'pull_request'.startsWith(event));
}

function refFacts(ref: string, partial: boolean, text: string): Facts {
  if (partial) return { open: { field: 'ref', text } };
  return { context: true, tag: ref.startsWith('refs/tags/') };
}

/**
 * GitHub subjects: `repo:O/R:ref:…`, `repo:O/R:environment:…`, `repo:O/R:pull_request`, the immutable form
 * `repo:O@ID/R@ID:…`, and customised subjects made of `claim:value` pairs (e.g. `job_workflow_ref:…`).
 */
function subject(pattern: Pattern): Facts {
  const text = pattern.text;
  if (pattern.open && 'repo:'.startsWith(pattern.literal)) return { open: { field: 'whole', text } };
  const facts: Facts[] = [];
  let hasRepo = false;
  let hasContext = false;
  let hasWorkflow = false;
  for (const part of splitKeyed(pattern, ['pull_request'])) {
    switch (part.key) {
      case 'repo':
      // A customised subject names the repository by its claim: `repository:O/R:…`.
      case 'repository':
        hasRepo = true;
        facts.push(repoFacts(part.value ?? '', part.partial || part.value === undefined, text));
        break;
      case 'pull_request':
        hasContext = true;
        facts.push({ context: true, pullRequest: true });
        break;
      case 'ref':
        hasContext = true;
        facts.push(part.value === undefined ? { open: { field: 'ref', text } } : refFacts(part.value, part.partial, text));
        break;
      case 'environment':
        hasContext = true;
        facts.push(part.value === undefined || part.partial ? { open: { field: 'ref', text } } : { context: true });
        break;
      case 'job_workflow_ref':
        hasWorkflow = true;
        facts.push(workflowFacts(part.value, part.partial, text));
        break;
      case 'repository_owner_id':
        facts.push(part.partial ? { open: { field: 'tenant', text } } : { tenant: 'immutable' });
        break;
      case 'repository_owner':
        facts.push(part.partial || part.value === undefined ? { open: { field: 'tenant', text } } : { tenant: 'name' });
        break;
      case 'event_name':
        if (admitsPullRequests(part.value ?? '', part.partial)) facts.push({ pullRequest: true });
        break;
      case 'repository_id':
        facts.push(part.partial ? { open: { field: 'unit', text } } : { tenant: 'immutable', unit: 'immutable' });
        break;
      default:
        // The wildcard starts where the next key would: everything after the repository is open.
        if (part.partial || part.key === '') facts.push({ open: { field: hasRepo && !hasContext ? 'context' : 'whole', text } });
        break;
    }
  }
  const joined = joinFacts(facts);
  // However the workflow is pinned (even at a commit SHA), every repository that calls it is admitted.
  const workflowOnly = !hasRepo && hasWorkflow && joined.unit === undefined;
  return workflowOnly ? { ...joined, workflowOnly: true } : joined;
}

function claim(name: string, pattern: Pattern): Facts | undefined {
  switch (name) {
    case 'repository_owner_id':
    case 'enterprise_id':
      return exactly(pattern, { tenant: 'immutable' }, 'tenant');
    case 'repository_owner':
      return exactly(pattern, { tenant: 'name' }, 'tenant');
    case 'repository_id':
      // Repository ids are unique across GitHub, so one also pins the owner.
      return exactly(pattern, { tenant: 'immutable', unit: 'immutable' });
    case 'repository':
      return repoFacts(pattern.literal, pattern.open, pattern.text);
    case 'ref':
      return refFacts(pattern.literal, pattern.open, pattern.text);
    case 'environment':
      return exactly(pattern, { context: true }, 'ref');
    case 'event_name':
      return admitsPullRequests(pattern.literal, pattern.open) ? { pullRequest: true } : undefined;
    case 'job_workflow_ref':
    case 'workflow_ref':
      return workflowFacts(pattern.literal, pattern.open, pattern.text);
    default:
      return undefined;
  }
}

/** Claims GitHub's tokens fill with a number: digits, never a leading zero. */
const NUMERIC_CLAIMS = new Set(['repository_id', 'repository_owner_id', 'actor_id', 'enterprise_id', 'run_id', 'run_number', 'run_attempt']);

/**
 * What GitHub can put in a claim: numeric ids are digits; git refuses `:` in ref names, so a ref, and the ref after a
 * workflow's last `@`, has none; a subject starts with a claim key (`repo:`, `environment:`, a customised key).
 */
function issuable(name: string, value: string): boolean {
  if (NUMERIC_CLAIMS.has(name)) return /^[1-9][0-9]*$/.test(value);
  switch (name) {
    case 'ref':
    case 'base_ref':
    case 'head_ref':
      return !value.includes(':');
    case 'job_workflow_ref':
    case 'workflow_ref': {
      const at = value.lastIndexOf('@');
      return at > 0 && !value.slice(at + 1).includes(':');
    }
    case 'sub':
      return /^[a-z_]+(:|$)/.test(value);
    default:
      return true;
  }
}

export const GITHUB: IssuerReader = {
  kind: 'github',
  title: ISSUER_TITLES.github,
  // The public issuer without an enterprise slug serves every GitHub organization.
  shared: (url) => sharedIssuer(url, true),
  offersImmutableIds: true,
  hasContext: true,
  tenantFix: 'pin the owner by its immutable id (repository_owner_id, or the immutable subject repo:OWNER@ID/REPO@ID:...)',
  unitFix: 'pin one repository (repository_id) and one environment or protected branch in the subject',
  subject,
  claim,
  issuable,
};
