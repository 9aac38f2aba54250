import { githubSnippet } from './github';
import { gitlabSnippet } from './gitlab';
import { kubernetesSnippets } from './kubernetes';
import type { Snippet } from './snippet';
import { spiffeSnippets } from './spiffe';
import { targetsOf, type Targets } from './targets';
import { terraformCloudSnippet } from './terraform-cloud';
import { DeclarationError } from '../declaration/errors';
import { identityLabel } from '../identity/label';
import type { Identity } from '../model/identity';
import type { Model } from '../model/workload';
import type { Plan } from '../plan/plan';

/** The snippets of one identity of a workload. */
export interface IdentityConnection {
  /** Index into the workload's `identities`. */
  readonly identity: number;
  /** The identity as `explain` and the manifest label it, e.g. `github:acme/web:environment:production`. */
  readonly label: string;
  readonly snippets: readonly Snippet[];
}

/** `{ name: items }`, or nothing for no items. */
const listed = (name: string, items: readonly unknown[]) => (items.length > 0 ? { [name]: items } : {});

/** What the identity reaches, for kinds whose platform has no sign-in convention of its own (a generic OIDC issuer, another cloud). */
function valuesSnippet(label: string, targets: Targets): Snippet {
  return {
    title: `What ${label} signs in to`,
    // Absent values (an audience a Pod Identity trust has none of) are left out when printed.
    yaml: {
      ...listed('aws', targets.aws.map(({ account, roleArn, audience }) => ({ account, roleArn, audience }))),
      ...listed('gcp', targets.gcp.map(({ account, provider, audience, serviceAccount }) => ({ account, provider, audience, serviceAccount }))),
      ...listed('azure', targets.azure.map(({ account, identityName, tenantId, audience }) => ({ account, managedIdentity: identityName, tenantId, audience }))),
    },
    notes: ['present a token with exactly these audiences to the cloud\'s token exchange (AWS STS AssumeRoleWithWebIdentity, Google STS, Entra)'],
  };
}

function snippetsOf(workload: string, identity: Identity, targets: Targets): Snippet[] {
  switch (identity.kind) {
    case 'github':
      return [githubSnippet(workload, identity, targets)];
    case 'gitlab':
      return [gitlabSnippet(workload, identity, targets)];
    case 'kubernetes':
      return kubernetesSnippets(identity, targets);
    case 'terraformCloud':
      return [terraformCloudSnippet(identity, targets)];
    case 'spiffe':
      return spiffeSnippets(identity, targets);
    default:
      return [valuesSnippet(identityLabel(identity), targets)];
  }
}

/**
 * How each identity of a workload obtains credentials from what `synth` creates: the values come from the compiled
 * Plan (role ARNs, pool providers, audiences, service accounts, managed identities), so the snippet and the trust
 * cannot disagree. Throws a DeclarationError naming the workloads when WORKLOAD is not one of them.
 */
export function connectWorkload(model: Model, plan: Plan, workload: string): IdentityConnection[] {
  const declared = model.workloads.find((w) => w.name === workload);
  if (!declared) {
    const names = model.workloads.map((w) => w.name).sort();
    throw new DeclarationError([{ path: ['<workload>'], message: `no workload named "${workload}" (workloads: ${names.join(', ') || 'none'})` }]);
  }
  return declared.identities.map((identity, index) => {
    const targets = targetsOf(plan, workload, index);
    const reachesNothing = targets.aws.length + targets.gcp.length + targets.azure.length === 0;
    return {
      identity: index,
      label: identityLabel(identity),
      snippets: reachesNothing
        ? [{ title: 'Nothing to sign in to', notes: ['the Plan admits this identity in no account: give the workload grants (or an empty grant list) for an account'] }]
        : snippetsOf(workload, identity, targets),
    };
  });
}
