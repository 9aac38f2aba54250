import type { Snippet } from './snippet';
import { awsRegion, azureClientId, type Targets } from './targets';
import { placeholder } from '../declaration/placeholders';
import type { KubernetesIdentity } from '../model/identity';

/** Where a projected service account token with the given audience is mounted in the pod. */
const TOKEN_DIRECTORY = '/var/run/secrets/workload-iam';

/**
 * The Kubernetes side of each account the service account reaches: annotations on the ServiceAccount where the
 * platform has them (IRSA on EKS, Workload Identity for GKE, Entra Workload ID), the EKS Pod Identity note, and
 * otherwise a projected token and the environment the cloud SDKs read.
 */
export function kubernetesSnippets(identity: KubernetesIdentity, targets: Targets): Snippet[] {
  const annotations: Record<string, string> = {};
  const labels: Record<string, string> = {};
  const notes: string[] = [];
  const projected: { audience: string; path: string; env: Record<string, string> }[] = [];
  for (const target of targets.aws) {
    if (target.podIdentity) {
      notes.push(
        `EKS Pod Identity: synth associates ${target.roleArn} with ${target.podIdentity.namespace}/${target.podIdentity.serviceAccount} in cluster ${target.podIdentity.cluster}; no annotation is needed, the cluster needs the eks-pod-identity-agent add-on`,
      );
    } else if (identity.flavour === 'eks') {
      annotations['eks.amazonaws.com/role-arn'] = target.roleArn;
    } else {
      projected.push({
        audience: target.audience ?? 'sts.amazonaws.com',
        path: `${target.account}-token`,
        env: { AWS_ROLE_ARN: target.roleArn, AWS_WEB_IDENTITY_TOKEN_FILE: `${TOKEN_DIRECTORY}/${target.account}-token`, AWS_REGION: awsRegion(target) },
      });
    }
  }
  for (const target of targets.gcp) {
    if (identity.flavour === 'gke' && target.serviceAccount) {annotations['iam.gke.io/gcp-service-account'] = target.serviceAccount;} else if (identity.flavour === 'gke') {notes.push(`Workload Identity Federation for GKE: the service account is granted directly in ${target.projectId}; no annotation is needed`);} else {
      notes.push(
        `GCP (${target.account}): create the credential configuration with gcloud iam workload-identity-pools create-cred-config ${target.provider}${target.serviceAccount ? ` --service-account=${target.serviceAccount}` : ''} --credential-source-file=${TOKEN_DIRECTORY}/${target.account}-token --output-file=credentials.json, mount it and set GOOGLE_APPLICATION_CREDENTIALS`,
      );
      projected.push({ audience: target.audience ?? '', path: `${target.account}-token`, env: {} });
    }
  }
  for (const target of targets.azure) {
    annotations['azure.workload.identity/client-id'] = azureClientId(target);
    annotations['azure.workload.identity/tenant-id'] = target.tenantId;
    // The Workload ID webhook injects the token and AZURE_* variables only into pods that carry this label.
    labels['azure.workload.identity/use'] = 'true';
  }
  const serviceAccount: Snippet = {
    title: `ServiceAccount ${identity.namespace}/${identity.serviceAccount}`,
    yaml: {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: identity.serviceAccount, namespace: identity.namespace, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    },
    notes: [...(Object.keys(labels).length > 0 ? [`label the pods that use it: ${Object.entries(labels).map(([k, v]) => `${k}: "${v}"`).join(', ')}`] : []), ...notes],
  };
  if (projected.length === 0) return [serviceAccount];
  const podSpec: Snippet = {
    title: `Pod spec fragment for ${identity.namespace}/${identity.serviceAccount}`,
    yaml: {
      serviceAccountName: identity.serviceAccount,
      volumes: [
        {
          name: 'workload-iam-tokens',
          projected: { sources: projected.map(({ audience, path }) => ({ serviceAccountToken: { audience, expirationSeconds: 3600, path } })) },
        },
      ],
      containers: [
        {
          name: placeholder('your container'),
          env: projected.flatMap(({ env }) => Object.entries(env).map(([name, value]) => ({ name, value }))),
          volumeMounts: [{ name: 'workload-iam-tokens', mountPath: TOKEN_DIRECTORY, readOnly: true }],
        },
      ],
    },
    notes: ['the SDKs read the projected token: no key is mounted'],
  };
  return [serviceAccount, podSpec];
}
