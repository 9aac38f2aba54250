import { ISSUER_TITLES } from '../../identity/issuers';
import { joinFacts, splitKeyed, type Facts, type Pattern } from '../facts';
import { exactly, sharedIssuer, type IssuerReader } from './reader';

/**
 * Buildkite subjects: `organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY`, all slugs. The commit and
 * step change on every build, so a trust ends the subject with a wildcard after the ref; the issuer
 * (`https://agent.buildkite.com`) serves every organization.
 */
function subject(pattern: Pattern): Facts {
  const text = pattern.text;
  if (pattern.open && 'organization:'.startsWith(pattern.literal)) return { open: { field: 'whole', text } };
  const facts: Facts[] = [];
  let refPinned = false;
  const perBuild: string[] = [];
  for (const part of splitKeyed(pattern)) {
    const cut = part.partial || part.value === undefined;
    switch (part.key) {
      case 'organization':
        facts.push(cut ? { open: { field: 'tenant', text } } : { tenant: 'name' });
        break;
      case 'pipeline':
        facts.push(cut ? { open: { field: 'unit', text } } : { unit: 'name' });
        break;
      case 'ref':
        refPinned = !cut;
        facts.push(cut ? { open: { field: 'ref', text } } : { context: true, tag: (part.value ?? '').startsWith('refs/tags/') });
        break;
      case 'commit':
      case 'step':
        // Per-build values: pinned, the subject matches one build only; left open, that is the expected shape.
        if (!cut) perBuild.push(part.key);
        break;
      default:
        // After the ref, a wildcard covers the per-build commit and step: the expected shape.
        if ((part.partial || part.key === '') && !refPinned) facts.push({ open: { field: facts.some((f) => f.unit) ? 'ref' : 'unit', text } });
        else if (!part.partial && part.key !== '') facts.push({ neverMatches: `"${part.key}" is not a field of Buildkite subjects` });
        break;
    }
  }
  if (perBuild.length > 0) facts.push({ neverMatches: `pins the ${perBuild.join(' and ')}, which change${perBuild.length > 1 ? '' : 's'} on every build` });
  // Every token goes on with the commit and step, so an exact subject without them matches none.
  else if (!pattern.open && !facts.some((f) => f.neverMatches)) facts.push({ neverMatches: 'ends before the commit and step that every subject carries' });
  return joinFacts(facts);
}

function claim(name: string, pattern: Pattern): Facts | undefined {
  switch (name) {
    case 'organization_id':
      return exactly(pattern, { tenant: 'immutable' }, 'tenant');
    case 'organization_slug':
      return exactly(pattern, { tenant: 'name' }, 'tenant');
    case 'pipeline_id':
      // Pipeline ids are unique across Buildkite, so one also pins the organization.
      return exactly(pattern, { tenant: 'immutable', unit: 'immutable' });
    case 'pipeline_slug':
      return exactly(pattern, { unit: 'name' });
    case 'build_branch':
      return exactly(pattern, { context: true }, 'ref');
    default:
      return undefined;
  }
}

export const BUILDKITE: IssuerReader = {
  kind: 'buildkite',
  title: ISSUER_TITLES.buildkite,
  offersImmutableIds: true,
  hasContext: true,
  tenantFix: 'pin the organization by its immutable organization_id',
  unitFix: 'pin one pipeline (pipeline_id) and one branch: organization:ORG:pipeline:PIPELINE:ref:refs/heads/BRANCH:*',
  shared: (url) => sharedIssuer(url, true),
  subject,
  claim,
};
