import { digest } from '../../stable';

/** What one stack may hold: CloudFormation's resources, outputs and template size (uploaded through S3) quotas. */
export interface ShardCapacity {
  readonly resources: number;
  readonly outputs: number;
  readonly templateBytes: number;
}

/** What a workload (or the shared part of the first shard) adds to a stack. */
export interface ShardLoad {
  readonly resources: number;
  readonly outputs: number;
  readonly templateBytes: number;
}

export interface ShardItem {
  readonly name: string;
  readonly load: ShardLoad;
}

export interface Shards {
  readonly count: number;
  /** Shard index of each item, by name. */
  readonly indexOf: ReadonlyMap<string, number>;
}

/** A workload's shard is this modulo the shard count: a function of its name only, so adding one moves no other. */
function nameHash(name: string): number {
  return Number.parseInt(digest([name], 8), 16);
}

/**
 * Spreads items over `pinned` shards, or over the fewest shards in which every shard fits `capacity`. Shard 0
 * also carries `shared` (e.g. the account's OIDC providers). Returns the overflow instead when `pinned` shards
 * cannot hold the items.
 */
export function planShards(
  items: readonly ShardItem[],
  shared: ShardLoad,
  capacity: ShardCapacity,
  pinned?: number,
): Shards | { readonly overflow: string } {
  const hashes = items.map((item) => nameHash(item.name));
  const attempt = (count: number) => {
    const indexOf = new Map(items.map((item, i) => [item.name, hashes[i] % count]));
    const loads = Array.from({ length: count }, (_, index) => ({ ...(index === 0 ? shared : { resources: 0, outputs: 0, templateBytes: 0 }) }));
    for (const item of items) {
      const load = loads[indexOf.get(item.name)!];
      load.resources += item.load.resources;
      load.outputs += item.load.outputs;
      load.templateBytes += item.load.templateBytes;
    }
    const overflow = loads.map((load, index) => overflowOf(load, index, count, capacity)).find((text) => text !== undefined);
    return overflow === undefined ? { count, indexOf } : { overflow };
  };
  if (pinned !== undefined) return attempt(pinned);
  const total = items.reduce((sum, item) => sum + item.load.resources, shared.resources);
  for (let count = Math.max(1, Math.ceil(total / capacity.resources)); ; count++) {
    const result = attempt(count);
    if (!('overflow' in result) || count > items.length) return result;
  }
}

function overflowOf(load: ShardLoad, index: number, count: number, capacity: ShardCapacity): string | undefined {
  const over = (['resources', 'outputs', 'templateBytes'] as const).find((key) => load[key] > capacity[key]);
  if (over === undefined) return undefined;
  const what = over === 'templateBytes' ? 'bytes of template (estimated)' : over;
  return `shard ${index + 1} of ${count} would hold ${load[over]} ${what}, over CloudFormation's ${capacity[over]} per stack`;
}
