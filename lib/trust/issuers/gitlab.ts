import { ISSUER_TITLES } from '../../identity/issuers';
import { joinFacts, splitKeyed, type Facts, type Pattern } from '../facts';
import { exactly, sharedIssuer, type IssuerReader } from './reader';

/** `group/sub/project`: the top group is the tenant, the whole path the unit. */
function pathFacts(path: string, partial: boolean, text: string): Facts {
  if (!path.includes('/')) return partial ? { open: { field: 'tenant', text } } : { neverMatches: `"${path}" is not group/project` };
  return partial ? { tenant: 'name', open: { field: 'unit', text } } : { tenant: 'name', unit: 'name' };
}

/**
 * GitLab subjects: `project_path:GROUP/PROJECT:ref_type:branch|tag:ref:REF`, or the immutable form starting
 * `project_id:ID:` (project ids are global, so they pin the tenant too).
 */
function subject(pattern: Pattern): Facts {
  const text = pattern.text;
  if (pattern.open && ('project_path:'.startsWith(pattern.literal) || 'project_id:'.startsWith(pattern.literal))) {
    return { open: { field: 'whole', text } };
  }
  const facts: Facts[] = [];
  let refType: string | undefined;
  for (const part of splitKeyed(pattern)) {
    const cut = part.partial || part.value === undefined;
    switch (part.key) {
      case 'project_path':
        facts.push(pathFacts(part.value ?? '', cut, text));
        break;
      case 'project_id':
        facts.push(cut ? { open: { field: 'unit', text } } : { tenant: 'immutable', unit: 'immutable' });
        break;
      case 'ref_type':
        if (cut) facts.push({ open: { field: 'refType', text } });
        else refType = part.value;
        break;
      case 'ref':
        facts.push(cut ? { open: { field: 'ref', text } } : { context: true, tag: refType === 'tag' });
        break;
      default:
        // Once ref_type is pinned, what a wildcard leaves open is the ref of that type.
        if (part.partial || part.key === '') facts.push({ open: { field: refType === undefined ? 'refType' : 'ref', text } });
        else facts.push({ neverMatches: `"${part.key}" is not a field of GitLab subjects` });
        break;
    }
  }
  return joinFacts(facts);
}

function claim(name: string, pattern: Pattern): Facts | undefined {
  switch (name) {
    case 'namespace_id':
      return exactly(pattern, { tenant: 'immutable' }, 'tenant');
    case 'namespace_path':
      return exactly(pattern, { tenant: 'name' }, 'tenant');
    case 'project_id':
      return exactly(pattern, { tenant: 'immutable', unit: 'immutable' });
    case 'project_path':
      return pathFacts(pattern.literal, pattern.open, pattern.text);
    case 'ref':
    case 'environment':
      return exactly(pattern, { context: true }, 'ref');
    case 'ref_type':
      return exactly(pattern, { tag: pattern.literal === 'tag' }, 'refType');
    case 'ref_protected':
      return !pattern.open && pattern.literal === 'true' ? { refProtected: true } : undefined;
    default:
      return undefined;
  }
}

/** Claims GitLab's ID tokens fill with a numeric id: digits, never a leading zero. */
const NUMERIC_CLAIMS = new Set(['project_id', 'job_project_id', 'namespace_id', 'user_id', 'pipeline_id', 'job_id', 'runner_id']);

/**
 * What GitLab can put in a claim: numeric ids are digits, protection flags `true` or `false`; git refuses `:` in ref
 * names and GitLab in environment names; a subject starts with `project_path:` (or `project_id:`).
 */
function issuable(name: string, value: string): boolean {
  if (NUMERIC_CLAIMS.has(name)) return /^[1-9][0-9]*$/.test(value);
  switch (name) {
    case 'ref_protected':
    case 'environment_protected':
      return value === 'true' || value === 'false';
    case 'ref':
    case 'environment':
      return !value.includes(':');
    case 'sub':
      return value.startsWith('project_path:') || value.startsWith('project_id:');
    default:
      return true;
  }
}

export const GITLAB: IssuerReader = {
  kind: 'gitlab',
  title: ISSUER_TITLES.gitlab,
  // gitlab.com serves every group; a self-managed instance serves one organization.
  shared: (url) => sharedIssuer(url, true),
  offersImmutableIds: true,
  hasContext: true,
  tenantFix: 'pin the top-level group by its immutable namespace_id',
  unitFix: 'pin one project by project_id (or the project_id:... subject) and one protected branch or tag',
  subject,
  claim,
  issuable,
};
