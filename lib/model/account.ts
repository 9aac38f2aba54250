/** Where trust artifacts live. Each account key of the declaration is referenced by grants. */
export type Account = AwsAccount | GcpAccount | AzureAccount;

export interface AwsAccount {
  readonly cloud: 'aws';
  readonly accountId: string;
  readonly partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  /** The region workloads sign in to (STS endpoint); `connect` prints a placeholder without it. */
  readonly region?: string;
}

export interface GcpAccount {
  readonly cloud: 'gcp';
  readonly projectId: string;
  /** Workload identity pools are addressed by project NUMBER, never by project id. */
  readonly projectNumber: string;
  /** The workload identity pool id for this project. */
  readonly poolId: string;
}

export interface AzureAccount {
  readonly cloud: 'azure';
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
}
