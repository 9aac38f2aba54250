import { strongerPin, weakerPin, type Facts, type OpenField, type Pattern, type Pin, type WildcardField } from './facts';
import { ISSUER_READERS, type IssuerReader } from './issuers';
import type { ClaimTest, TrustView } from './trust-view';
import { sortedUnique } from '../stable';

/**
 * Who a view admits, read through its issuer's subject layout and claims: how firmly the tenant and the
 * repository/project/workspace (the unit) are pinned, whether the context (ref, environment, run phase) is,
 * and which fields wildcards leave open after every other test has had its say.
 */
export interface Breadth {
  readonly reader: IssuerReader;
  readonly tenant: Pin;
  readonly unit: Pin;
  readonly context: boolean;
  /** The HCP Terraform run phases admitted, when the trust pins them. */
  readonly runPhases?: readonly string[];
  readonly pullRequest: boolean;
  readonly tag: boolean;
  readonly workflowOnly: boolean;
  readonly mutableWorkflows: readonly string[];
  readonly refProtected: boolean;
  readonly hasSubject: boolean;
  readonly open: readonly OpenField[];
  readonly neverMatches: readonly string[];
}

/** The literal part of a test value and whether a wildcard follows it, per the test's match kind. */
export function patternOf(test: ClaimTest, value: string): Pattern {
  const text = test.text;
  switch (test.match) {
    case 'equals':
      return { literal: value, open: false, text };
    case 'glob': {
      const wildcard = value.search(/[*?]/);
      return wildcard < 0 ? { literal: value, open: false, text } : { literal: value.slice(0, wildcard), open: true, text };
    }
    case 'prefix':
      return { literal: value, open: true, text };
    case 'regex': {
      // RE2 `matches` is unanchored: only a `^literal$` expression is exact.
      const anchored = /^\^((?:[^\\.*+?()[\]{}|^$]|\\.)*)(\$?)/.exec(value);
      if (!anchored) return { literal: '', open: true, text };
      const literal = anchored[1].replace(/\\(.)/g, '$1');
      return { literal, open: !(anchored[2] === '$' && anchored[0].length === value.length), text };
    }
    case 'opaque':
      return { literal: '', open: true, text };
  }
}

/** A test narrows who is admitted only when it is a plain positive string comparison. */
export function narrows(test: ClaimTest): boolean {
  return !test.negated && !test.ifExists && !test.setOperator && !test.nonString;
}

function factsOfValue(reader: IssuerReader, test: ClaimTest, value: string): Facts | undefined {
  if (test.claim === 'aud') return undefined;
  const pattern = patternOf(test, value);
  return test.claim === 'sub' ? reader.subject(pattern) : reader.claim(test.claim, pattern);
}

/** One test's facts, with every open field and mutable workflow its values leave. */
interface TestFacts extends Omit<Facts, 'open' | 'mutableWorkflow' | 'runPhase'> {
  /** The run phases the test admits, when each of its values pins one. */
  readonly runPhases?: readonly string[];
  readonly opens: readonly OpenField[];
  readonly mutableWorkflows: readonly string[];
}

/** Values of one test OR together: the test pins only what every value pins, and one broad value widens it. */
function factsOfTest(reader: IssuerReader, test: ClaimTest): TestFacts | undefined {
  const all = test.values.map((value) => factsOfValue(reader, test, value));
  const known = all.filter((facts): facts is Facts => facts !== undefined);
  if (known.length === 0) return undefined;
  const opens = known.flatMap((f) => (f.open ? [f.open] : []));
  const mutableWorkflows = known.flatMap((f) => (f.mutableWorkflow ? [f.mutableWorkflow] : []));
  // A value that says nothing about the caller (an unknown claim) pins nothing for the whole test.
  if (known.length < all.length) return { opens, mutableWorkflows, pullRequest: known.some((f) => f.pullRequest) };
  const pinOf = (pick: (f: Facts) => Pin | undefined) => known.map((f) => pick(f) ?? 'none').reduce(weakerPin);
  const runPhases = known.every((f) => f.runPhase !== undefined) ? sortedUnique(known.map((f) => f.runPhase!)) : undefined;
  return {
    tenant: pinOf((f) => f.tenant),
    unit: pinOf((f) => f.unit),
    context: known.every((f) => f.context),
    ...(runPhases ? { runPhases } : {}),
    pullRequest: known.some((f) => f.pullRequest),
    tag: known.some((f) => f.tag),
    workflowOnly: known.some((f) => f.workflowOnly),
    refProtected: known.every((f) => f.refProtected),
    ...(known.every((f) => f.neverMatches) ? { neverMatches: known[0].neverMatches } : {}),
    opens,
    mutableWorkflows,
  };
}

const RANK: Readonly<Record<WildcardField, number>> = {
  whole: 0,
  tenant: 1,
  unit: 2,
  context: 3,
  refType: 4,
  ref: 4,
  runPhase: 4,
  member: 4,
  workflow: 4,
};

/**
 * What a wildcard still leaves open once the other tests are applied: a wildcard over the tenant is harmless
 * below a pinned tenant, but then leaves the unit open, and so on down to the context.
 */
function effectiveOpen(open: OpenField, pins: { tenant: Pin; unit: Pin; context: boolean; runPhases?: readonly string[] }): OpenField | undefined {
  let field = open.field;
  if (RANK[field] <= RANK.tenant && pins.tenant !== 'none') field = 'unit';
  if (RANK[field] <= RANK.unit && pins.unit !== 'none') field = 'context';
  if (field === 'runPhase' && pins.runPhases !== undefined) return undefined;
  if ((field === 'context' || field === 'ref' || field === 'refType') && pins.context) return undefined;
  return { field, text: open.text };
}

export function breadthOf(view: TrustView): Breadth {
  const reader = ISSUER_READERS[view.issuer.kind];
  const perTest = view.tests.filter(narrows).map((test) => factsOfTest(reader, test));
  const facts = perTest.filter((f): f is TestFacts => f !== undefined);
  const issuerPin: Pin = reader.shared(view.issuer.url) ? 'none' : 'issuer';
  const tenant = facts.map((f) => f.tenant ?? 'none').reduce(strongerPin, issuerPin);
  const unit = facts.map((f) => f.unit ?? 'none').reduce(strongerPin, 'none' as Pin);
  const context = facts.some((f) => f.context);
  // Tests AND together: the phases admitted are those every phase-pinning test admits.
  const phaseTests = facts.flatMap((f) => (f.runPhases ? [f.runPhases] : []));
  const runPhases = phaseTests.length === 0 ? undefined : phaseTests.reduce((a, b) => a.filter((phase) => b.includes(phase)));
  const pins = { tenant, unit, context, runPhases };
  const open = facts
    .flatMap((f) => f.opens)
    .map((o) => effectiveOpen(o, pins)).filter((o): o is OpenField => o !== undefined);
  return {
    reader,
    tenant,
    unit,
    context,
    ...(runPhases ? { runPhases } : {}),
    pullRequest: facts.some((f) => f.pullRequest) || open.some((o) => o.field === 'context' && reader.kind === 'github'),
    tag: facts.some((f) => f.tag),
    workflowOnly: facts.some((f) => f.workflowOnly) && unit === 'none',
    mutableWorkflows: facts.flatMap((f) => f.mutableWorkflows),
    refProtected: facts.some((f) => f.refProtected),
    hasSubject: view.tests.some((test) => test.claim === 'sub' && narrows(test)),
    open,
    neverMatches: facts.flatMap((f) => (f.neverMatches ? [f.neverMatches] : [])),
  };
}
