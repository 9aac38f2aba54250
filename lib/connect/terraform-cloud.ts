import type { Snippet } from './snippet';
import { azureClientId, type Targets } from './targets';
import { placeholder } from '../declaration/placeholders';
import type { TerraformCloudIdentity } from '../model/identity';

/** The audience HCP Terraform requests for AWS unless TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE says otherwise. */
const DEFAULT_AWS_AUDIENCE = 'aws.workload.identity';
const DEFAULT_AZURE_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * The environment variables of the workspace that turn on dynamic provider credentials. The identity admits one run
 * phase, so the role, service account or client id is set for that phase (`TFC_AWS_PLAN_ROLE_ARN` or `…_APPLY_…`).
 */
export function terraformCloudSnippet(identity: TerraformCloudIdentity, targets: Targets): Snippet {
  const phase = identity.runPhase.toUpperCase();
  const variables: Record<string, string> = {};
  const notes: string[] = [];
  for (const target of targets.aws) {
    variables.TFC_AWS_PROVIDER_AUTH = 'true';
    variables[`TFC_AWS_${phase}_ROLE_ARN`] = target.roleArn;
    if (target.audience !== undefined && target.audience !== DEFAULT_AWS_AUDIENCE) variables.TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE = target.audience;
  }
  for (const target of targets.gcp) {
    variables.TFC_GCP_PROVIDER_AUTH = 'true';
    variables.TFC_GCP_WORKLOAD_PROVIDER_NAME = target.provider ?? '';
    variables[`TFC_GCP_${phase}_SERVICE_ACCOUNT_EMAIL`] = target.serviceAccount ?? placeholder(`service account; HCP Terraform signs in to GCP as one: declare impersonate: [${target.account}]`);
    if (target.customAudience && target.audience !== undefined) variables.TFC_GCP_WORKLOAD_IDENTITY_AUDIENCE = target.audience;
  }
  for (const target of targets.azure) {
    variables.TFC_AZURE_PROVIDER_AUTH = 'true';
    variables[`TFC_AZURE_${phase}_CLIENT_ID`] = azureClientId(target);
    variables.ARM_TENANT_ID = target.tenantId;
    variables.ARM_SUBSCRIPTION_ID = target.subscriptionId;
    if (target.audience !== DEFAULT_AZURE_AUDIENCE) variables.TFC_AZURE_WORKLOAD_IDENTITY_AUDIENCE = target.audience;
  }
  if (targets.aws.length + targets.gcp.length + targets.azure.length > 1) notes.push('one workspace signs in to one account per cloud: split the workspace if it reaches two accounts of a cloud');
  return {
    title: `HCP Terraform workspace ${identity.organization}/${identity.workspace} (${identity.runPhase} phase): environment variables`,
    yaml: { variables },
    notes: [`set each as an environment variable of workspace ${identity.workspace} (category env)`, ...notes],
  };
}
