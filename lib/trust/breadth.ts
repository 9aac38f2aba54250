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

/**
 * Values of one test OR together: the test pins only what every value pins, and one broad value widens it. One pass
 * over the values, since every admission's every test is read this way.
 */
function factsOfTest(reader: IssuerReader, test: ClaimTest): TestFacts | undefined {
  const opens: OpenField[] = [];
  const mutableWorkflows: string[] = [];
  const phases: string[] = [];
  let first: Facts | undefined;
  let unknown = false;
  let tenant: Pin = 'immutable';
  let unit: Pin = 'immutable';
  let context = true;
  let everyPhase = true;
  let pullRequest = false;
  let tag = false;
  let workflowOnly = false;
  let refProtected = true;
  let everyNeverMatches = true;
  for (const value of test.values) {
    const facts = factsOfValue(reader, test, value);
    if (facts === undefined) {
      unknown = true;
      continue;
    }
    first ??= facts;
    if (facts.open) opens.push(facts.open);
    if (facts.mutableWorkflow) mutableWorkflows.push(facts.mutableWorkflow);
    tenant = weakerPin(tenant, facts.tenant ?? 'none');
    unit = weakerPin(unit, facts.unit ?? 'none');
    context &&= facts.context === true;
    if (facts.runPhase === undefined) everyPhase = false;
    else phases.push(facts.runPhase);
    pullRequest ||= facts.pullRequest === true;
    tag ||= facts.tag === true;
    workflowOnly ||= facts.workflowOnly === true;
    refProtected &&= facts.refProtected === true;
    everyNeverMatches &&= Boolean(facts.neverMatches);
  }
  if (first === undefined) return undefined;
  // A value that says nothing about the caller (an unknown claim) pins nothing for the whole test.
  if (unknown) return { opens, mutableWorkflows, pullRequest };
  return {
    tenant,
    unit,
    context,
    // Optional fields written even when absent: one shape for every test's facts, no temporary object spread.
    runPhases: everyPhase ? sortedUnique(phases) : undefined,
    pullRequest,
    tag,
    workflowOnly,
    refProtected,
    neverMatches: everyNeverMatches ? first.neverMatches : undefined,
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
  let tenant: Pin = reader.shared(view.issuer.url) ? 'none' : 'issuer';
  let unit: Pin = 'none';
  let context = false;
  let hasSubject = false;
  // Tests AND together: the phases admitted are those every phase-pinning test admits.
  let runPhases: readonly string[] | undefined;
  const facts: TestFacts[] = [];
  for (const test of view.tests) {
    if (!narrows(test)) continue;
    if (test.claim === 'sub') hasSubject = true;
    const ofTest = factsOfTest(reader, test);
    if (ofTest === undefined) continue;
    facts.push(ofTest);
    tenant = strongerPin(tenant, ofTest.tenant ?? 'none');
    unit = strongerPin(unit, ofTest.unit ?? 'none');
    context ||= ofTest.context === true;
    if (ofTest.runPhases) runPhases = runPhases === undefined ? ofTest.runPhases : runPhases.filter((phase) => ofTest.runPhases!.includes(phase));
  }
  const pins = { tenant, unit, context, runPhases };
  const open: OpenField[] = [];
  const mutableWorkflows: string[] = [];
  const neverMatches: string[] = [];
  let pullRequest = false;
  let tag = false;
  let workflowOnly = false;
  let refProtected = false;
  for (const f of facts) {
    for (const o of f.opens) {
      const effective = effectiveOpen(o, pins);
      if (effective) open.push(effective);
    }
    mutableWorkflows.push(...f.mutableWorkflows);
    if (f.neverMatches) neverMatches.push(f.neverMatches);
    pullRequest ||= f.pullRequest === true;
    tag ||= f.tag === true;
    workflowOnly ||= f.workflowOnly === true;
    refProtected ||= f.refProtected === true;
  }
  return {
    reader,
    tenant,
    unit,
    context,
    runPhases,
    pullRequest: pullRequest || open.some((o) => o.field === 'context' && reader.kind === 'github'),
    tag,
    workflowOnly: workflowOnly && unit === 'none',
    mutableWorkflows,
    refProtected,
    hasSubject,
    open,
    neverMatches,
  };
}
