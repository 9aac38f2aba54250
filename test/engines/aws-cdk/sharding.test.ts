import { planShards, type ShardCapacity, type ShardItem, type Shards } from '../../../lib/engines/aws-cdk/sharding';

const CAPACITY: ShardCapacity = { resources: 500, outputs: 200, templateBytes: 1_000_000 };
const NOTHING = { resources: 0, outputs: 0, templateBytes: 0 };

function roles(count: number, prefix = 'workload'): ShardItem[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, load: { resources: 1, outputs: 1, templateBytes: 3_000 } }));
}

function shards(result: Shards | { overflow: string }): Shards {
  if ('overflow' in result) throw new Error(result.overflow);
  return result;
}

function loads(result: Shards, items: readonly ShardItem[]): number[] {
  const counts = Array.from({ length: result.count }, () => 0);
  for (const item of items) counts[result.indexOf.get(item.name)!]++;
  return counts;
}

describe('planShards', () => {
  test('200 roles with an output each fit one stack; 201 need two', () => {
    expect(shards(planShards(roles(200), NOTHING, CAPACITY)).count).toBe(1);
    expect(shards(planShards(roles(201), NOTHING, CAPACITY)).count).toBeGreaterThanOrEqual(2);
  });

  test('the fewest shards: one fewer would overflow, and no shard is over capacity', () => {
    const items = roles(1_000);
    const result = shards(planShards(items, NOTHING, CAPACITY));
    expect(Math.max(...loads(result, items))).toBeLessThanOrEqual(CAPACITY.outputs);
    expect(planShards(items, NOTHING, CAPACITY, result.count - 1)).toHaveProperty('overflow');
  });

  test('the shared load (the account\'s OIDC providers) counts against the first shard only', () => {
    const items = roles(450).map((item) => ({ ...item, load: { resources: 1, outputs: 0, templateBytes: 0 } }));
    expect(shards(planShards(items, { resources: 50, outputs: 0, templateBytes: 0 }, CAPACITY)).count).toBe(1);
    expect(planShards(items, { resources: 51, outputs: 0, templateBytes: 0 }, CAPACITY, 1)).toEqual({
      overflow: 'shard 1 of 1 would hold 501 resources, over CloudFormation\'s 500 per stack',
    });
  });

  test('template size counts too: 1 MB of estimated template per stack', () => {
    const heavy = roles(20).map((item) => ({ ...item, load: { ...item.load, templateBytes: 60_000 } }));
    expect(planShards(heavy, NOTHING, CAPACITY, 1)).toEqual({
      overflow: 'shard 1 of 1 would hold 1200000 bytes of template (estimated), over CloudFormation\'s 1000000 per stack',
    });
    expect(shards(planShards(heavy, NOTHING, CAPACITY)).count).toBeGreaterThan(1);
  });

  test('a pinned count is kept, and reported when it overflows', () => {
    expect(shards(planShards(roles(10), NOTHING, CAPACITY, 3)).count).toBe(3);
    expect(planShards(roles(450), NOTHING, CAPACITY, 1)).toEqual({ overflow: 'shard 1 of 1 would hold 450 outputs, over CloudFormation\'s 200 per stack' });
  });

  test('a workload\'s shard depends on its name only: order does not matter, and adding workloads moves none', () => {
    const items = roles(300);
    const before = shards(planShards(items, NOTHING, CAPACITY, 4));
    const after = shards(planShards([...roles(50, 'added'), ...items].reverse(), NOTHING, CAPACITY, 4));
    for (const item of items) expect(after.indexOf.get(item.name)).toBe(before.indexOf.get(item.name));
  });
});
