import { opens, written, type Operator } from './patterns';
import type { Facts } from '../../../lib/trust/facts';
import { TERRAFORM_CLOUD } from '../../../lib/trust/issuers/terraform-cloud';

/**
 * The HCP Terraform reader on its own (lib/trust/issuers/terraform-cloud.ts). Subjects (reference/CLAIMS.md):
 * `organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply`, all names; the workspace is the unit
 * and the run phase its context.
 */

const WORKSPACE = 'organization:acme:project:platform:workspace:networking';
const NAMED: Facts = { tenant: 'name', unit: 'name' };

describe('a wildcard before the organization name opens the whole subject', () => {
  test.each(['*', 'org*', 'organization*', 'organization:*'])('like %s', (value) => {
    expect(TERRAFORM_CLOUD.subject(written('like', value))).toEqual(opens('whole', value));
  });
});

describe('subjects', () => {
  test.each<[Operator, string, Facts]>([
    // acme* also matches acme-evil.
    ['like', 'organization:acme*', opens('tenant', 'organization:acme*')],
    // Every workspace of the organization, whatever the project.
    ['like', 'organization:acme:*', opens('unit', 'organization:acme:*', { tenant: 'name' })],
    ['like', 'organization:acme:p*', opens('unit', 'organization:acme:p*', { tenant: 'name' })],
    ['like', 'organization:acme:project:*', opens('unit', 'organization:acme:project:*', { tenant: 'name' })],
    ['like', 'organization:acme:project:plat*', opens('unit', 'organization:acme:project:plat*', { tenant: 'name' })],
    // The project alone is not the unit: every workspace in it is admitted.
    ['like', 'organization:acme:project:platform:*', opens('unit', 'organization:acme:project:platform:*', { tenant: 'name' })],
    ['like', `${WORKSPACE}*`, opens('unit', `${WORKSPACE}*`, { tenant: 'name' })],
    // The workspace pinned: plan and apply alike.
    ['like', `${WORKSPACE}:*`, opens('runPhase', `${WORKSPACE}:*`, NAMED)],
    ['like', `${WORKSPACE}:r*`, opens('runPhase', `${WORKSPACE}:r*`, NAMED)],
    ['like', `${WORKSPACE}:run_phase:*`, opens('runPhase', `${WORKSPACE}:run_phase:*`, NAMED)],
    ['like', `${WORKSPACE}:run_phase:a*`, opens('runPhase', `${WORKSPACE}:run_phase:a*`, NAMED)],
    ['equals', `${WORKSPACE}:run_phase:apply`, { ...NAMED, context: true, runPhase: 'apply' }],
    ['equals', `${WORKSPACE}:run_phase:plan`, { ...NAMED, context: true, runPhase: 'plan' }],
    ['equals', `${WORKSPACE}:phase:apply`, { ...NAMED, neverMatches: '"phase" is not a field of HCP Terraform subjects' }],
  ])('%s %s', (operator, value, expected) => {
    expect(TERRAFORM_CLOUD.subject(written(operator, value))).toEqual(expected);
  });

  test('an exact subject that stops at the run_phase key pins no phase', () => {
    const facts = TERRAFORM_CLOUD.subject(written('equals', `${WORKSPACE}:run_phase`));
    expect(facts).toMatchObject(NAMED);
    expect(facts.runPhase).toBeUndefined();
    expect(facts.context).toBeUndefined();
  });
});

describe('claims other than sub', () => {
  test.each<[string, Operator, string, Facts | undefined]>([
    ['terraform_organization_id', 'equals', 'org-AbC123', { tenant: 'immutable' }],
    ['terraform_organization_id', 'like', 'org-*', opens('tenant', 'org-*')],
    ['terraform_organization_name', 'equals', 'acme', { tenant: 'name' }],
    ['terraform_organization_name', 'like', 'ac*', opens('tenant', 'ac*')],
    // Workspace ids are unique across HCP Terraform: one pins the organization too.
    ['terraform_workspace_id', 'equals', 'ws-Nx6f', { tenant: 'immutable', unit: 'immutable' }],
    ['terraform_workspace_id', 'like', 'ws-*', opens('unit', 'ws-*')],
    ['terraform_workspace_name', 'equals', 'networking', { unit: 'name' }],
    ['terraform_workspace_name', 'startsWith', 'net', opens('unit', 'net')],
    ['terraform_full_workspace', 'equals', 'organization:acme:project:platform:workspace:networking', NAMED],
    ['terraform_run_phase', 'equals', 'apply', { context: true, runPhase: 'apply' }],
    ['terraform_run_phase', 'like', '*', opens('runPhase', '*')],
    ['terraform_run_id', 'equals', 'run-CKuwsxMGgMd4W7Ui', undefined],
    ['terraform_project_name', 'equals', 'platform', undefined],
  ])('%s %s %s', (claim, operator, value, expected) => {
    expect(TERRAFORM_CLOUD.claim(claim, written(operator, value))).toEqual(expected);
  });
});

describe('which issuers serve every organization', () => {
  test.each<[string | undefined, boolean]>([
    ['https://app.terraform.io', true],
    // A Terraform Enterprise host serves one organization's installation.
    ['https://tfe.acme.internal', false],
    [undefined, true],
  ])('%s: %s', (url, shared) => {
    expect(TERRAFORM_CLOUD.shared(url)).toBe(shared);
  });
});
