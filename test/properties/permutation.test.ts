import fc from 'fast-check';
import { declarationArb } from './arbitraries';
import type { DeclarationIn } from './claims';
import { DeclarationError } from '../../lib/declaration/errors';
import { toModel } from '../../lib/declaration/parse';
import { identityLabel } from '../../lib/identity/label';
import { canonicalJson } from '../../lib/manifest/canonical-json';
import { buildManifest } from '../../lib/manifest/manifest';
import type { Model } from '../../lib/model/workload';
import { compile } from '../../lib/plan/compile';
import type { Plan } from '../../lib/plan/plan';
import { checkPlan } from '../../lib/rules/check';

// The order of workloads and identities is not part of what a declaration means (SPEC §6): permuting them must never
// change the findings, nor any byte of the output but the order of order-free collections. Identities are named by
// their index in the output, so outputs are compared with each index replaced by the identity's label (its meaning).

/** Sort keys for the items of a list: the permutation is the order of the keys (ties keep the list's order). */
const KEYS = fc.array(fc.nat(), { minLength: 16, maxLength: 16 });

function permutation(length: number, keys: readonly number[], offset = 0): number[] {
  const key = (index: number) => keys[(index + offset) % keys.length];
  return [...Array(length).keys()].sort((a, b) => key(a) - key(b) || a - b);
}

function permuted(declaration: DeclarationIn, keys: readonly number[]): DeclarationIn {
  const workloads = permutation(declaration.workloads.length, keys).map((w) => declaration.workloads[w]);
  return {
    ...declaration,
    workloads: workloads.map((workload, w) => ({
      ...workload,
      identities: permutation(workload.identities.length, keys, w + 1).map((i) => workload.identities[i]),
    })),
  };
}

type Outcome =
  | { readonly ok: true; readonly findings: string[]; readonly plan: string; readonly manifest: string }
  | { readonly ok: false; readonly problems: string[] };

/**
 * Everything the declaration produces, with identity indexes replaced by labels and every array sorted: arrays in the
 * output are sets (sorted by the compiler) or lists of identity-derived entries, both order-free.
 */
function outcomeOf(declaration: DeclarationIn): Outcome {
  let model: Model;
  let plan: Plan;
  try {
    model = toModel(declaration);
    plan = compile(model);
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    return { ok: false, problems: error.problems.map((p) => p.message.replace(/identities\[\d+\]/g, 'identities[…]')).sort() };
  }
  const labels = new Map(model.workloads.map((w) => [w.name, w.identities.map(identityLabel)]));
  const findings = checkPlan(plan);
  return {
    ok: true,
    findings: findings.map((f) => canonicalJson(normalised(f, labels, f.workload))).sort(),
    plan: canonicalJson(normalised(plan, labels, undefined)),
    manifest: canonicalJson(normalised(buildManifest(model, plan, findings), labels, undefined)),
  };
}

function normalised(value: unknown, labels: ReadonlyMap<string, readonly string[]>, workload: string | undefined, key?: string): unknown {
  const labelIn = (name: string | undefined) => (index: unknown) => (name !== undefined && typeof index === 'number' ? (labels.get(name)?.[index] ?? index) : index);
  const label = labelIn(workload);
  if (typeof value === 'string') {
    // `workloads[web].identities[0]` in a finding's path.
    return value.replace(/workloads\[([^\]]+)\]\.identities\[(\d+)\]/g, (_, name: string, index: string) => `workloads[${name}].identities[${labels.get(name)?.[Number(index)] ?? index}]`);
  }
  if (Array.isArray(value)) {
    const items = key === 'identities' && value.every((item) => typeof item === 'number') ? value.map(label) : value.map((item) => normalised(item, labels, workload));
    return items.map((item) => canonicalJson(item)).sort().map((text) => JSON.parse(text) as unknown);
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  // The manifest keys workloads by name; Plan elements and findings name theirs.
  const own = typeof record.workload === 'string' ? record.workload : workload;
  return Object.fromEntries(
    Object.entries(record).map(([name, item]) => {
      // `identity` in findings and unenforced claims; `index` in the manifest's list of identities (not of grants).
      if ((name === 'identity' || (name === 'index' && 'label' in record)) && typeof item === 'number') return [name, labelIn(own)(item)];
      const inner = key === 'workloads' && labels.has(name) ? name : own;
      return [name, normalised(item, labels, inner, name)];
    }),
  );
}

describe('permuting workloads and identities (fast-check)', () => {
  test('changes no finding and no output byte beyond the order of order-free collections', () => {
    fc.assert(
      fc.property(declarationArb, KEYS, (declaration, keys) => {
        const original = outcomeOf(declaration);
        const shuffled = outcomeOf(permuted(declaration, keys));
        if (!original.ok || !shuffled.ok) {
          // Refused either way, with the same problems (paths hold indexes; messages name workloads).
          expect(shuffled).toEqual(original);
          return;
        }
        expect(shuffled.findings).toEqual(original.findings);
        expect(shuffled.plan).toBe(original.plan);
        expect(shuffled.manifest).toBe(original.manifest);
      }),
      { numRuns: 300 },
    );
  });

  test('workloads alone, permuted, give a byte-identical plan and manifest', () => {
    fc.assert(
      fc.property(declarationArb, KEYS, (declaration, keys) => {
        const workloads = permutation(declaration.workloads.length, keys).map((w) => declaration.workloads[w]);
        const bytes = (input: DeclarationIn) => {
          const model = toModel(input);
          const plan = compile(model);
          return [canonicalJson(plan), canonicalJson(buildManifest(model, plan))];
        };
        if (!outcomeOf(declaration).ok) return;
        expect(bytes({ ...declaration, workloads })).toEqual(bytes(declaration));
      }),
      { numRuns: 100 },
    );
  });
});
