import * as pulumi from '@pulumi/pulumi';
import { WorkloadIdentities, type WorkloadIdentitiesArgs } from './workload-identities';
import { canonicalJson } from '../../manifest/canonical-json';
import type { Plan } from '../../plan/plan';
import type { EngineOutput } from '../engine-output';

/** One resource as the Pulumi engine receives it: what a `pulumi up` of the program would create. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  /** The parent's `<type>::<name>`; absent for the top component, a child of the stack. */
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
}

/**
 * Outputs the clouds assign on create, which no input gives: under the mocks they read as a placeholder naming the
 * resource and the output, so a reviewer sees where a value only known after deploy goes.
 */
const ASSIGNED_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  'azure-native:managedidentity:UserAssignedIdentity': ['principalId', 'clientId', 'tenantId'],
};

/** `${<type>::<name>.<output>}`: an output of a resource that is known once it is deployed. */
export function deployedOutput(type: string, name: string, output: string): string {
  return `\${${type}::${name}.${output}}`;
}

/**
 * Runs the component under Pulumi's mock runtime (no Pulumi CLI, no cloud) and records every resource registered,
 * with its parent and resolved inputs, sorted by type and name.
 */
export async function recordRegistrations(name: string, args: WorkloadIdentitiesArgs): Promise<Registration[]> {
  const inputs = new Map<string, Record<string, unknown>>();
  await pulumi.runtime.setMocks(
    {
      newResource: (resource) => {
        inputs.set(`${resource.type}::${resource.name}`, resource.inputs as Record<string, unknown>);
        const outputs = ASSIGNED_OUTPUTS[resource.type] ?? [];
        const assigned = Object.fromEntries(outputs.map((output) => [output, deployedOutput(resource.type, resource.name, output)]));
        return { id: `${resource.name}-id`, state: { ...resource.inputs, ...assigned } };
      },
      // The engine renders the Plan and looks nothing up: an invoke would be a bug, not a value to make up.
      call: (call) => {
        throw new Error(`the Pulumi engine made an unexpected invoke: ${call.token}`);
      },
    },
    'workload-iam',
    'synth',
    false,
  );
  // Transformations see every resource of the component with its parent option, before it registers.
  const keys = new Map<pulumi.Resource, string>();
  const parents = new Map<string, string>();
  const created: pulumi.Resource[] = [];
  const record: pulumi.ResourceTransformation = ({ resource, type, name: resourceName, opts }) => {
    const key = `${type}::${resourceName}`;
    keys.set(resource, key);
    created.push(resource);
    const parent = opts.parent ? keys.get(opts.parent) : undefined;
    if (parent) parents.set(key, parent);
    return undefined;
  };
  new WorkloadIdentities(name, args, { transformations: [record] });
  // Every registration is done once every resource's URN is known.
  await Promise.all(created.map((resource) => new Promise((resolve) => resource.urn.apply(resolve))));
  return [...inputs]
    .map(([key, resourceInputs]) => {
      const split = key.indexOf('::');
      const parent = parents.get(key);
      return { type: key.slice(0, split), name: key.slice(split + 2), ...(parent ? { parent } : {}), inputs: resourceInputs };
    })
    .sort((a, b) => (a.type === b.type ? (a.name < b.name ? -1 : 1) : a.type < b.type ? -1 : 1));
}

/** `workload-iam synth --engine pulumi`: the registrations of the whole declaration, in `resources.json`. */
export async function renderPulumi(plan: Plan, options: Omit<WorkloadIdentitiesArgs, 'plan'>, out: EngineOutput): Promise<void> {
  const registrations = await recordRegistrations('workload-iam', { ...options, plan });
  out.writeFile('resources.json', canonicalJson(registrations));
}
