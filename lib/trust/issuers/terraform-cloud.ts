import { ISSUER_TITLES } from '../../identity/issuers';
import { joinFacts, splitKeyed, type Facts, type Pattern } from '../facts';
import { exactly, sharedIssuer, type IssuerReader } from './reader';

/** `organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply`, all names. */
function subject(pattern: Pattern): Facts {
  const text = pattern.text;
  if (pattern.open && 'organization:'.startsWith(pattern.literal)) return { open: { field: 'whole', text } };
  const facts: Facts[] = [];
  const openAfter = (field: 'unit' | 'runPhase'): Facts => ({ open: { field, text } });
  for (const part of splitKeyed(pattern)) {
    const cut = part.partial || part.value === undefined;
    switch (part.key) {
      case 'organization':
        facts.push(cut ? { open: { field: 'tenant', text } } : { tenant: 'name' });
        break;
      case 'project':
        if (cut) facts.push(openAfter('unit'));
        break;
      case 'workspace':
        facts.push(cut ? openAfter('unit') : { unit: 'name' });
        break;
      case 'run_phase':
        facts.push(cut ? openAfter('runPhase') : { context: true, runPhase: part.value });
        break;
      default:
        if (part.partial || part.key === '') facts.push(openAfter(facts.some((f) => f.unit) ? 'runPhase' : 'unit'));
        else facts.push({ neverMatches: `"${part.key}" is not a field of HCP Terraform subjects` });
        break;
    }
  }
  return joinFacts(facts);
}

function claim(name: string, pattern: Pattern): Facts | undefined {
  switch (name) {
    case 'terraform_organization_id':
      return exactly(pattern, { tenant: 'immutable' }, 'tenant');
    case 'terraform_organization_name':
      return exactly(pattern, { tenant: 'name' }, 'tenant');
    case 'terraform_workspace_id':
      // Workspace ids are unique across HCP Terraform, so one also pins the organization.
      return exactly(pattern, { tenant: 'immutable', unit: 'immutable' });
    case 'terraform_workspace_name':
      return exactly(pattern, { unit: 'name' });
    case 'terraform_full_workspace':
      return exactly(pattern, { tenant: 'name', unit: 'name' });
    case 'terraform_run_phase':
      return exactly(pattern, { context: true, runPhase: pattern.literal }, 'runPhase');
    default:
      return undefined;
  }
}

export const TERRAFORM_CLOUD: IssuerReader = {
  kind: 'terraformCloud',
  title: ISSUER_TITLES.terraformCloud,
  shared: (url) => sharedIssuer(url, true),
  offersImmutableIds: true,
  hasContext: true,
  tenantFix: 'pin the organization by its immutable terraform_organization_id',
  unitFix: 'pin one workspace (terraform_workspace_id) and one run phase (apply for write access)',
  subject,
  claim,
};
