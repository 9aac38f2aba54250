import type { SecretRule } from '../rule';

/** How a pod gets each cloud's credentials from its own service account token. */
const REPLACEMENT = {
  aws: 'IRSA (the `eks.amazonaws.com/role-arn` annotation) or EKS Pod Identity',
  gcp: 'Workload Identity Federation for GKE (the `iam.gke.io/gcp-service-account` annotation, or a principal:// member of the Kubernetes service account)',
  azure: 'Microsoft Entra Workload ID (the `azure.workload.identity/client-id` annotation)',
} as const;

export const KUBERNETES_CLOUD_SECRET: SecretRule = {
  id: 'WIAM-SECRET-005',
  judges: 'secret',
  severity: 'error',
  title: 'Kubernetes Secret carrying a cloud credential',
  explanation:
    'A cloud key in a Secret manifest is readable by everyone who can read the manifest (it is only base64-encoded) and by every pod and user allowed to read Secrets in the namespace, and it does not expire. The pod\'s own projected service account token can be exchanged for short-lived cloud credentials instead.',
  fix: 'Remove the key from the Secret; declare the workload with a kubernetes identity (namespace and service account) and annotate the service account as `workload-iam connect` prints.',
  references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/', 'https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html'],
  acknowledgeable: true,
  owaspNhi: ['NHI2', 'NHI7'],
  check: (secret) =>
    secret.kind === 'kubernetesSecret'
      ? {
        message: `${secret.what} carries a long-lived ${secret.cloud.toUpperCase()} credential`,
        fix: `Remove the key from the Secret; give the pod ${REPLACEMENT[secret.cloud]} through a workload-iam workload with a kubernetes identity (namespace and service account); \`workload-iam connect\` prints the annotation.`,
      }
      : undefined,
};
