import type { TrustRule } from '../rule';

const WHAT: Readonly<Record<string, string>> = {
  github: 'repository',
  gitlab: 'project',
  terraformCloud: 'workspace',
  circleci: 'project',
  bitbucket: 'repository',
  buildkite: 'pipeline',
  kubernetes: 'namespace or service account',
  spiffe: 'workload path of the trust domain',
  generic: 'subject',
  google: 'service account',
  azure: 'identity',
};

export const WILDCARD_TENANT_OR_UNIT: TrustRule = {
  id: 'WIAM-TRUST-006',
  judges: 'trust',
  severity: 'error',
  title: 'Wildcard over organizations, repositories, projects, workspaces or service accounts',
  explanation:
    'A wildcard, prefix or pattern that leaves the organization or repository part of the subject open (repo:org/*, project_path:group/*, organization:org:*, system:serviceaccount:ns:*, spiffe://domain/*, a prefix with no delimiter such as repo:org/app*) admits every present and future repository, project, workspace or service account it matches. IAM StringLike `*` also spans "/" and ":", so it crosses subgroups and fields.',
  fix: 'List the exact subjects instead of a pattern.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String',
    'https://docs.gitlab.com/ci/cloud_services/aws/',
  ],
  acknowledgeable: false,
  owaspNhi: ['NHI6', 'NHI9'],
  check: (view, breadth) => {
    const open = breadth.open.find((o) => o.field === 'tenant' || o.field === 'unit');
    if (!open) return undefined;
    const what = WHAT[view.issuer.kind];
    return {
      message:
        open.field === 'tenant'
          ? `${open.text} leaves the ${breadth.reader.title} organization open: any ${what} of any matching organization is admitted`
          : `${open.text} admits every ${what} it matches, not one`,
      fix: `List exact subjects: ${breadth.reader.unitFix}.`,
    };
  },
};
