import type * as pulumi from '@pulumi/pulumi';

/** What a child resource adds to its options: resources it waits for, and the region its provider serves. */
export interface ChildExtras {
  readonly dependsOn?: readonly pulumi.Resource[];
  /** An AWS region, for the resources that live in a cluster's or trust anchor's region. */
  readonly region?: string;
  /** Keep the resource: protected against deletion, and left in the cloud when removed from the program. */
  readonly keep?: boolean;
}

/**
 * The options of the resources of one account: their names start with `prefix` (the component and account), shared
 * ones (OIDC providers, pools) are children of the component and each workload's are children of its own component,
 * and every one gets the provider the user gives for the account (and region).
 */
export interface ChildOptions {
  readonly prefix: string;
  shared(extras?: ChildExtras): pulumi.CustomResourceOptions;
  of(workload: string, extras?: ChildExtras): pulumi.CustomResourceOptions;
}

export function childOptions(
  prefix: string,
  account: string,
  component: pulumi.Resource,
  workloadComponent: (workload: string) => pulumi.Resource,
  provider: ((account: string, region?: string) => pulumi.ProviderResource | undefined) | undefined,
): ChildOptions {
  const options = (parent: pulumi.Resource, extras: ChildExtras = {}): pulumi.CustomResourceOptions => {
    const chosen = provider?.(account, extras.region);
    return {
      parent,
      ...(chosen ? { provider: chosen } : {}),
      ...(extras.dependsOn && extras.dependsOn.length > 0 ? { dependsOn: [...extras.dependsOn] } : {}),
      ...(extras.keep ? { protect: true, retainOnDelete: true } : {}),
    };
  };
  return {
    prefix,
    shared: (extras) => options(component, extras),
    of: (workload, extras) => options(workloadComponent(workload), extras),
  };
}
