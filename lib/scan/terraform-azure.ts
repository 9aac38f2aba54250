import { azureIdentityAccess, roleAssignmentsByIdentity } from './azure-identity-access';
import { claimsExpressionTests } from './foreign-trust';
import type { Reading, ScanProblem } from './reading';
import type { TerraformBlock } from './terraform-json';
import { isWhollyUnknown, readable, widenView } from './unresolved';
import { readWorkloadMetadata, WORKLOAD_METADATA_KEY } from './workload-metadata';
import { ClaimsExpressionError, parseClaimsExpression } from '../evaluate/azure-expression';
import { flexibleCredentialProblems } from '../evaluate/azure-flexible-support';
import { azureCredentialView } from '../trust/azure-view';
import { issuerKindOf } from '../trust/issuers';

/** Federated identity credential resources and the fields they use; audiences are a list, or one string. */
const CREDENTIAL_TYPES: Readonly<Record<string, { readonly audiences: string; readonly flexible: boolean }>> = {
  azurerm_federated_identity_credential: { audiences: 'audience', flexible: false },
  azuread_application_federated_identity_credential: { audiences: 'audiences', flexible: false },
  azuread_application_flexible_federated_identity_credential: { audiences: 'audience', flexible: true },
};

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');

/**
 * The federated identity credentials of a Terraform module: user-assigned managed identity credentials
 * (`azurerm_federated_identity_credential`), app registration credentials with an exact subject
 * (`azuread_application_federated_identity_credential`) and flexible ones with a claims matching expression
 * (`azuread_application_flexible_federated_identity_credential`).
 */
export function readTerraformAzure(blocks: readonly TerraformBlock[]): Reading {
  const problems: ScanProblem[] = [];
  const assignments = roleAssignmentsByIdentity(blocks);
  const resources = blocks
    .filter((block) => block.kind === 'resource' && CREDENTIAL_TYPES[block.type] !== undefined)
    .flatMap((block) => {
      const fields = CREDENTIAL_TYPES[block.type];
      const { issuer, subject, claims_matching_expression: expression } = block.body;
      if (typeof issuer !== 'string') return [];
      if (fields.flexible && typeof expression === 'string') problems.push(...creationProblems(issuer, expression, `${block.path}.claims_matching_expression`));
      // The engines record the workload and its acknowledgements in the resource's `//` comment.
      const recorded = readWorkloadMetadata(block.body['//'], `${block.path}["//"]`);
      problems.push(...recorded.problems);
      const { workload, acknowledge } = recorded.metadata;
      // App registration credentials take roles granted to the application, elsewhere.
      const access =
        block.type === 'azurerm_federated_identity_credential' ? azureIdentityAccess(block, assignments, workload !== undefined) : { access: 'unknown' as const };
      const view = azureCredentialView({
        issuer,
        issuerKind: issuerKindOf(readable(issuer)),
        ...(!fields.flexible && typeof subject === 'string' ? { subject } : {}),
        ...(fields.flexible && typeof expression === 'string' ? { expressionTests: claimsExpressionTests(expression) } : {}),
        audiences: strings(block.body[fields.audiences]),
        access: access.access,
        where: { resource: block.address, ...(workload !== undefined ? { workload } : {}), path: block.path },
      });
      const unreadable = isWhollyUnknown(issuer)
        ? [{ what: 'the issuer', value: readable(issuer), worst: 'any issuer, a shared one included', where: { resource: block.address, path: `${block.path}.issuer` } }]
        : [];
      const acknowledgements = acknowledge ? { acknowledgements: acknowledge, path: `${block.path}["//"].${WORKLOAD_METADATA_KEY}.acknowledge` } : undefined;
      const trust = widenView(access.accessReason === undefined ? view : { ...view, accessReason: access.accessReason });
      return [{ trust: [trust], permissions: [], sessions: [], unreadable, ...(acknowledgements ? { acknowledgements } : {}) }];
    });
  return { resources, problems };
}

/** What Entra would refuse when the flexible credential is created: the language, the issuer, its claims. */
function creationProblems(issuer: string, expression: string, path: string): ScanProblem[] {
  try {
    return flexibleCredentialProblems(issuer, parseClaimsExpression(expression)).map((message) => ({ path, message: `Entra refuses this credential: ${message}` }));
  } catch (error) {
    if (!(error instanceof ClaimsExpressionError)) throw error;
    return [{ path, message: `Entra refuses this credential: ${error.message}` }];
  }
}
