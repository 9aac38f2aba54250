import type { Admission } from './admissions';
import type { Change, ChangeAspect, ChangeClass } from './change';
import { testCovers, testsCover } from '../trust/claim-cover';
import type { ClaimTest } from '../trust/trust-view';

/** Whether `outer` lets in every token `inner` does. */
export function admissionCovers(outer: Admission, inner: Admission): boolean {
  return outer.gate === inner.gate && (outer.anyPrincipal || !inner.anyPrincipal) && testsCover(outer.tests, inner.tests);
}

function aspectOf(test: ClaimTest, admission: Admission): ChangeAspect {
  if (admission.providerCondition.has(test.text)) return 'provider condition';
  if (test.claim === 'sub') return 'subject';
  if (test.claim === 'aud') return 'audience';
  if (test.claim === '(action)') return 'action';
  return 'claim pin';
}

function nameOf(test: ClaimTest): string {
  if (test.claim === 'sub') return 'subject';
  if (test.claim === 'aud') return 'audience';
  if (test.claim === '(action)') return 'trust action';
  return test.claim === '' ? test.text : `pin on ${test.claim}`;
}

const shown = (test: ClaimTest) => (test.match === 'equals' ? test.values.join(', ') : test.text);

const equalTests = (a: ClaimTest, b: ClaimTest) => testCovers(a, b) && testCovers(b, a);

/** The counterpart on the other side most like `admission`: same gate, an identity in common, most tests in common. */
function counterpart(admission: Admission, others: readonly Admission[]): Admission | undefined {
  let best: Admission | undefined;
  let bestScore = -1;
  for (const other of others) {
    if (other.gate !== admission.gate) continue;
    const shared = other.tests.filter((test) => admission.tests.some((mine) => equalTests(test, mine))).length;
    const score = (other.identities.some((label) => admission.identities.includes(label)) ? 1000 : 0) + shared;
    if (score > bestScore) [best, bestScore] = [other, score];
  }
  return best;
}

/**
 * Why `admission` (on the side that admits more) is not covered by its counterpart `other`: each test of the
 * counterpart that no test of the admission implies, as a pin removed or a pattern that admits more. Read from the
 * other direction (`narrowed`), the same walk names each pin added or value no longer admitted.
 */
interface Difference {
  readonly aspect: ChangeAspect;
  readonly message: string;
  readonly before?: string;
  readonly after?: string;
}

function differences(direction: ChangeClass, admission: Admission, other: Admission): Difference[] {
  const found: Difference[] = [];
  if (admission.anyPrincipal && !other.anyPrincipal) {
    found.push({ aspect: 'member', message: direction === 'widened' ? 'admits any principal' : 'no longer admits any principal' });
  }
  for (const test of other.tests) {
    if (admission.tests.some((candidate) => testCovers(test, candidate))) continue;
    const sameClaim = admission.tests.filter((candidate) => candidate.claim === test.claim && candidate.claim !== '');
    const aspect = aspectOf(test, other);
    if (sameClaim.length === 0) {
      found.push(direction === 'widened'
        ? { aspect, message: `${nameOf(test)} removed (was ${shown(test)})`, before: test.text }
        : { aspect, message: `${nameOf(test)} added (${shown(test)})`, after: test.text });
      continue;
    }
    const values = sameClaim.map(shown).join(', ');
    found.push(direction === 'widened'
      ? { aspect, message: `${nameOf(test)} now admits ${values}`, before: shown(test), after: values }
      : { aspect, message: `${nameOf(test)} no longer admits ${values}`, before: values, after: shown(test) });
  }
  return found;
}

/**
 * The trust changes of one workload's principal in one account: every admission on one side that no admission on
 * the other covers is a widening (new side) or a narrowing (old side), explained against its closest counterpart.
 */
export function trustChanges(before: readonly Admission[], after: readonly Admission[], where: { workload: string; account: string }): Change[] {
  const changes: Change[] = [];
  const walk = (direction: ChangeClass, side: readonly Admission[], others: readonly Admission[]) => {
    const otherLabels = new Set(others.flatMap((admission) => admission.identities));
    for (const admission of side) {
      if (others.some((other) => admissionCovers(other, admission))) continue;
      const identities = [...admission.identities].sort();
      const other = counterpart(admission, others);
      const verb = direction === 'widened' ? 'admits' : 'no longer admits';
      if (other === undefined) {
        const fresh = identities.some((label) => !otherLabels.has(label));
        changes.push({
          class: direction,
          aspect: fresh ? 'identity' : 'issuer',
          ...where,
          identities,
          message: fresh ? `${verb} ${identities.join(', ')} through ${admission.gate}` : `${verb} tokens through ${admission.gate}`,
        });
        continue;
      }
      for (const difference of differences(direction, admission, other)) changes.push({ class: direction, ...where, identities, ...difference });
    }
  };
  walk('widened', after, before);
  walk('narrowed', before, after);
  return changes;
}
