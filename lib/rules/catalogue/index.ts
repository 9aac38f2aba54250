import { ANY_PRINCIPAL } from './any-principal';
import { AUDIENCE } from './audience';
import { AWS_ACCESS_KEY } from './aws-access-key';
import { AZURE_CLIENT_CREDENTIAL } from './azure-client-credential';
import { CASE_INSENSITIVE_OPERATOR } from './case-insensitive-operator';
import { CI_CLOUD_CREDENTIAL } from './ci-cloud-credential';
import { GCP_SERVICE_ACCOUNT_KEY } from './gcp-service-account-key';
import { GITLAB_REF_TYPE_WILDCARD } from './gitlab-ref-type-wildcard';
import { GITLAB_UNPROTECTED_REF } from './gitlab-unprotected-ref';
import { INVALID_ACKNOWLEDGEMENT } from './invalid-acknowledgement';
import { KEY_ONLY_USER } from './key-only-user';
import { KUBERNETES_CLOUD_SECRET } from './kubernetes-cloud-secret';
import { LONG_SESSION } from './long-session';
import { MISSING_SUBJECT } from './missing-subject';
import { MUTABLE_WORKFLOW_REF } from './mutable-workflow-ref';
import { NAME_BASED_PIN } from './name-based-pin';
import { NEVER_MATCHES } from './never-matches';
import { PRIVILEGED_PERMISSION } from './privileged-permission';
import { PULL_REQUEST_ON_WRITE } from './pull-request-on-write';
import { REPOSITORY_WIDE } from './repository-wide';
import { REUSABLE_WORKFLOW_ONLY } from './reusable-workflow-only';
import { SHARED_ISSUER_WITHOUT_TENANT } from './shared-issuer-without-tenant';
import { TAG_REF } from './tag-ref';
import { TENANT_WIDE } from './tenant-wide';
import { TERRAFORM_PLAN_PHASE_WRITES } from './terraform-plan-phase-writes';
import { TERRAFORM_RUN_PHASE_WILDCARD } from './terraform-run-phase-wildcard';
import { UNREADABLE_VALUE } from './unreadable-value';
import { WIDENING_OPERATOR } from './widening-operator';
import { WILDCARD_CONTEXT } from './wildcard-context';
import { WILDCARD_IN_EXACT_OPERATOR } from './wildcard-in-exact-operator';
import { WILDCARD_MEMBER } from './wildcard-member';
import { WILDCARD_PERMISSION } from './wildcard-permission';
import { WILDCARD_REF } from './wildcard-ref';
import { WILDCARD_SUBJECT } from './wildcard-subject';
import { WILDCARD_TENANT_OR_UNIT } from './wildcard-tenant-or-unit';
import type { Rule } from '../rule';

/** The security catalogue (SPEC §5), sorted by id. */
export const RULES: readonly Rule[] = [
  ANY_PRINCIPAL,
  MISSING_SUBJECT,
  WILDCARD_SUBJECT,
  SHARED_ISSUER_WITHOUT_TENANT,
  TENANT_WIDE,
  WILDCARD_TENANT_OR_UNIT,
  WILDCARD_CONTEXT,
  REPOSITORY_WIDE,
  WILDCARD_MEMBER,
  WIDENING_OPERATOR,
  WILDCARD_IN_EXACT_OPERATOR,
  CASE_INSENSITIVE_OPERATOR,
  NEVER_MATCHES,
  AUDIENCE,
  NAME_BASED_PIN,
  PULL_REQUEST_ON_WRITE,
  REUSABLE_WORKFLOW_ONLY,
  MUTABLE_WORKFLOW_REF,
  WILDCARD_REF,
  TAG_REF,
  GITLAB_UNPROTECTED_REF,
  GITLAB_REF_TYPE_WILDCARD,
  TERRAFORM_RUN_PHASE_WILDCARD,
  TERRAFORM_PLAN_PHASE_WRITES,
  WILDCARD_PERMISSION,
  PRIVILEGED_PERMISSION,
  LONG_SESSION,
  INVALID_ACKNOWLEDGEMENT,
  UNREADABLE_VALUE,
  AWS_ACCESS_KEY,
  KEY_ONLY_USER,
  GCP_SERVICE_ACCOUNT_KEY,
  AZURE_CLIENT_CREDENTIAL,
  KUBERNETES_CLOUD_SECRET,
  CI_CLOUD_CREDENTIAL,
].sort((a, b) => (a.id < b.id ? -1 : 1));
