/** An Azure built-in role that lets its holder grant access or act as another identity, and why. */
export interface AzurePrivilegedRole {
  readonly name: string;
  readonly why: string;
  /** Microsoft's built-in roles reference for the role (its id is listed there). */
  readonly source: string;
}

const REFERENCE = 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles';
const at = (category: string, anchor: string) => `${REFERENCE}/${category}#${anchor}`;

const GRANTS = 'it creates role assignments (Microsoft.Authorization/roleAssignments/write)';
const GRANTS_SOME = 'it creates role assignments, for the roles its ABAC condition lists';
const KUBERNETES_GRANTS = 'it writes Kubernetes roles and role bindings in the cluster';
const CLUSTER_ADMIN = 'it lists the cluster-admin credential of the cluster';

/**
 * Built-in roles, by role definition id (lower case), that can change who has access — assign roles, set Key Vault
 * access policies, bind Kubernetes roles — or that let their holder act as a managed identity or admit a new
 * federated issuer. Microsoft's "Privileged administrator roles" come first. Every id was checked against the
 * built-in roles reference; never add one that has not been.
 */
export const AZURE_PRIVILEGED_ROLES: Readonly<Record<string, AzurePrivilegedRole>> = {
  // Privileged administrator roles.
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': { name: 'Owner', why: GRANTS, source: at('privileged', 'owner') },
  'b24988ac-6180-42a0-ab88-20f7382dd24c': {
    name: 'Contributor',
    why: 'it manages every resource, including managed identities, their federated credentials and Key Vault access policies',
    source: at('privileged', 'contributor'),
  },
  'a8889054-8d42-49c9-bc1c-52486c10e7cd': { name: 'Reservations Administrator', why: GRANTS, source: at('privileged', 'reservations-administrator') },
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': {
    name: 'Role Based Access Control Administrator',
    why: GRANTS,
    source: at('privileged', 'role-based-access-control-administrator'),
  },
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': { name: 'User Access Administrator', why: GRANTS, source: at('privileged', 'user-access-administrator') },

  // Identity: act as a managed identity, or let a new issuer's tokens in.
  'f1a07417-d97a-45cb-824c-7a7467783830': {
    name: 'Managed Identity Operator',
    why: 'it assigns user-assigned identities to resources, which then act as them',
    source: at('identity', 'managed-identity-operator'),
  },
  'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59': {
    name: 'Managed Identity Contributor',
    why: 'it writes federated identity credentials, which admit another issuer\'s tokens as the identity',
    source: at('identity', 'managed-identity-contributor'),
  },
  'ef318e2a-8334-4a05-9e4a-295a196c6a6e': {
    name: 'Azure Red Hat OpenShift Federated Credential',
    why: 'it writes federated identity credentials, which admit another issuer\'s tokens as the identity',
    source: at('containers', 'azure-red-hat-openshift-federated-credential'),
  },

  // Key Vault access.
  '8b54135c-b56d-4d72-a534-26097cfdc8d8': {
    name: 'Key Vault Data Access Administrator',
    why: GRANTS_SOME,
    source: at('security', 'key-vault-data-access-administrator'),
  },
  'f25e0fa2-a7c8-4377-a976-54943a77a395': {
    name: 'Key Vault Contributor',
    why: 'it sets vault access policies, granting itself data access on vaults that use them',
    source: 'https://learn.microsoft.com/azure/key-vault/general/rbac-access-policy',
  },

  // Kubernetes: bind roles inside the cluster, or fetch its admin credential.
  '3498e952-d568-435e-9b2c-8d77e338d7f7': { name: 'Azure Kubernetes Service RBAC Admin', why: KUBERNETES_GRANTS, source: at('containers', 'azure-kubernetes-service-rbac-admin') },
  'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b': {
    name: 'Azure Kubernetes Service RBAC Cluster Admin',
    why: KUBERNETES_GRANTS,
    source: at('containers', 'azure-kubernetes-service-rbac-cluster-admin'),
  },
  '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8': {
    name: 'Azure Kubernetes Service Cluster Admin Role',
    why: CLUSTER_ADMIN,
    source: at('containers', 'azure-kubernetes-service-cluster-admin-role'),
  },
  'ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8': {
    name: 'Azure Kubernetes Service Contributor Role',
    why: `${CLUSTER_ADMIN} (Microsoft.ContainerService/managedClusters/*)`,
    source: at('containers', 'azure-kubernetes-service-contributor-role'),
  },
  'b29efa5f-7782-4dc3-9537-4d5bc70a5e9f': {
    name: 'Azure Kubernetes Service Arc Cluster Admin Role',
    why: CLUSTER_ADMIN,
    source: at('containers', 'azure-kubernetes-service-arc-cluster-admin-role'),
  },
  'dffb1e0c-446f-4dde-a09f-99eb5cc68b96': { name: 'Azure Arc Kubernetes Admin', why: KUBERNETES_GRANTS, source: at('containers', 'azure-arc-kubernetes-admin') },
  '8393591c-06b9-48a2-a542-1bd6b377f6a2': {
    name: 'Azure Arc Kubernetes Cluster Admin',
    why: KUBERNETES_GRANTS,
    source: at('containers', 'azure-arc-kubernetes-cluster-admin'),
  },
  '434fb43a-c01c-447e-9f67-c3ad923cfaba': {
    name: 'Azure Kubernetes Fleet Manager RBAC Admin',
    why: KUBERNETES_GRANTS,
    source: at('containers', 'azure-kubernetes-fleet-manager-rbac-admin'),
  },
  '18ab4d3d-a1bf-4477-8ad9-8359bc988f69': {
    name: 'Azure Kubernetes Fleet Manager RBAC Cluster Admin',
    why: KUBERNETES_GRANTS,
    source: at('containers', 'azure-kubernetes-fleet-manager-rbac-cluster-admin'),
  },
  'd1f699ed-700a-4c77-a22f-29890ac7b115': {
    name: 'Azure Kubernetes Fleet Manager RBAC Admin for Member Clusters',
    why: KUBERNETES_GRANTS,
    source: at('containers', 'azure-kubernetes-fleet-manager-rbac-admin-for-member-clusters'),
  },
  '79a36d98-eb96-4a76-ae1d-481dc98d2c23': {
    name: 'Azure Kubernetes Fleet Manager RBAC Cluster Admin for Member Clusters',
    why: KUBERNETES_GRANTS,
    source: at('containers', 'azure-kubernetes-fleet-manager-rbac-cluster-admin-for-member-clusters'),
  },

  // Service roles that create role assignments, constrained by an ABAC condition to the roles it lists.
  '95dd08a6-00bd-4661-84bf-f6726f83a4d0': { name: 'Azure Container Storage Contributor', why: GRANTS_SOME, source: at('containers', 'azure-container-storage-contributor') },
  '95de85bd-744d-4664-9dde-11430bc34793': { name: 'Azure Container Storage Owner', why: GRANTS_SOME, source: at('containers', 'azure-container-storage-owner') },
  '92b92042-07d9-4307-87f7-36a593fc5850': { name: 'Azure File Sync Administrator', why: GRANTS_SOME, source: at('storage', 'azure-file-sync-administrator') },
  '77789c21-1643-48a2-8f27-47f858540b51': {
    name: 'Storage Actions Task Assignment Contributor',
    why: GRANTS_SOME,
    source: at('storage', 'storage-actions-task-assignment-contributor'),
  },
  '66f75aeb-eabe-4b70-9f1e-c350c4c9ad04': {
    name: 'Virtual Machine Data Access Administrator (preview)',
    why: GRANTS_SOME,
    source: at('compute', 'virtual-machine-data-access-administrator-preview'),
  },
  '4c6569b6-f23e-4295-9b90-bd4cc4ff3292': { name: 'DevCenter Owner', why: GRANTS_SOME, source: at('devops', 'devcenter-owner') },
  'e47c6f54-e4a2-4754-9501-8e0985b135e1': { name: 'Foundry Account Owner', why: GRANTS_SOME, source: at('ai-machine-learning', 'foundry-account-owner') },
  'c883944f-8b7b-4483-af10-35834be79c4a': { name: 'Foundry Owner', why: GRANTS_SOME, source: at('ai-machine-learning', 'foundry-owner') },
  'eadc314b-1a2d-4efa-be10-5d325db5065e': { name: 'Foundry Project Manager', why: GRANTS_SOME, source: at('ai-machine-learning', 'foundry-project-manager') },
  'fd8ea4d5-6509-4db0-bada-356ab233b4fa': { name: 'Azure Migrate Owner', why: GRANTS_SOME, source: at('migration', 'azure-migrate-owner') },
  '1cfa4eac-9a23-481c-a793-bfb6958e836b': { name: 'Azure Migrate Execute Expert', why: GRANTS_SOME, source: at('migration', 'azure-migrate-execute-expert') },
  'bda0d508-adf1-4af0-9c28-88919fc3ae06': { name: 'Azure Stack HCI Administrator', why: GRANTS_SOME, source: at('hybrid-multicloud', 'azure-stack-hci-administrator') },
  '7b7c71ed-33fa-4ed2-a91a-e56d5da260b5': { name: 'Azure IoT Operations Onboarding', why: GRANTS_SOME, source: at('internet-of-things', 'azure-iot-operations-onboarding') },
  '4e50c84c-c78e-4e37-b47e-e60ffea0a775': { name: 'Service Group Administrator', why: GRANTS_SOME, source: at('management-and-governance', 'service-group-administrator') },
};
