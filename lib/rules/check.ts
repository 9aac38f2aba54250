import { RULES } from './catalogue';
import type { Finding, Hit, Rule, RuleInfo } from './rule';
import type { Cloud } from '../catalogue/types';
import type { Acknowledgement } from '../model/workload';
import type { Plan } from '../plan/plan';
import { breadthOf } from '../trust/breadth';
import { planPermissionViews, planSessionViews, type PermissionView, type SessionView } from '../trust/permission-view';
import { identityPath, planTrustViews } from '../trust/plan-views';
import type { SecretView } from '../trust/secret-view';
import type { TrustLocation, TrustView } from '../trust/trust-view';
import type { UnreadableView } from '../trust/unreadable-view';

/** What the rules judge: admissions, permissions, sessions, and the acknowledgements that may excuse findings. */
export interface RuleInput {
  /** Each list is read once, so a caller may hand views over as it reads them. */
  readonly trust: Iterable<TrustView>;
  readonly permissions: Iterable<PermissionView>;
  readonly sessions: Iterable<SessionView>;
  /** Values a scan could not read (never part of a compiled Plan). */
  readonly unreadable?: Iterable<UnreadableView>;
  /** Long-lived credentials a scan found (never part of a compiled Plan). */
  readonly secrets?: Iterable<SecretView>;
  readonly acknowledgements?: Readonly<Record<string, readonly Acknowledgement[]>>;
  /** Acknowledgements of every finding of the input: those a scanned resource records for itself. */
  readonly resourceAcknowledgements?: ResourceAcknowledgements;
}

/** The acknowledgements a scanned resource records, and where they are written (each at `path[index]`). */
export interface ResourceAcknowledgements {
  readonly acknowledgements: readonly Acknowledgement[];
  readonly path: string;
}

function finding(rule: RuleInfo, hit: Hit, where: TrustLocation): Finding {
  // Keys assigned in code-point order: canonical JSON (the manifest, --format json) then writes the finding as it is.
  const found = {} as { -readonly [K in keyof Finding]: Finding[K] };
  if (where.account !== undefined) found.account = where.account;
  found.fix = hit.fix ?? rule.fix;
  if (where.identities && where.identities.length > 0) found.identity = where.identities[0];
  found.message = hit.message;
  found.path = where.path;
  if (where.resource !== undefined) found.resource = where.resource;
  found.rule = rule.id;
  found.severity = hit.severity ?? rule.severity;
  if (where.workload !== undefined) found.workload = where.workload;
  return found;
}

/** The catalogue's rules by what they judge, so each item is judged by all its rules at once. */
const rulesJudging = <J extends Rule['judges']>(judges: J) => RULES.filter((rule): rule is Extract<Rule, { judges: J }> => rule.judges === judges);
const TRUST_RULES = rulesJudging('trust');
const PERMISSION_RULES = rulesJudging('permission');
const SESSION_RULES = rulesJudging('session');
const UNREADABLE_RULES = rulesJudging('unreadable');
const SECRET_RULES = rulesJudging('secret');
const ACKNOWLEDGEMENT_RULES = rulesJudging('acknowledgement');

/**
 * Every rule's findings on the input, item by item: each view is judged by all its rules as soon as it is read, so
 * it (and its breadth) can be let go at once instead of outliving the whole run.
 */
function eachHit(input: RuleInput, found: (rule: RuleInfo, hit: Hit, where: TrustLocation) => void): void {
  const judge = <T extends { where: TrustLocation }>(items: Iterable<T>, rules: readonly (RuleInfo & { check(item: T): Hit | undefined })[]) => {
    for (const item of items) {
      for (const rule of rules) {
        const hit = rule.check(item);
        if (hit) found(rule, hit, item.where);
      }
    }
  };
  for (const view of input.trust) {
    const breadth = breadthOf(view);
    for (const rule of TRUST_RULES) {
      const hit = rule.check(view, breadth);
      if (hit) found(rule, hit, view.where);
    }
  }
  judge(input.permissions, PERMISSION_RULES);
  judge(input.sessions, SESSION_RULES);
  judge(input.unreadable ?? [], UNREADABLE_RULES);
  judge(input.secrets ?? [], SECRET_RULES);
  const judged = (acknowledgements: readonly Acknowledgement[], where: (index: number) => TrustLocation) =>
    acknowledgements.forEach((acknowledgement, index) => {
      for (const rule of ACKNOWLEDGEMENT_RULES) {
        const hit = rule.check(acknowledgement, RULES);
        if (hit) found(rule, hit, where(index));
      }
    });
  for (const [workload, acknowledgements] of Object.entries(input.acknowledgements ?? {})) {
    judged(acknowledgements, (index) => ({ workload, path: `${identityPath(workload, undefined)}.acknowledge[${index}]` }));
  }
  const own = input.resourceAcknowledgements;
  if (own) judged(own.acknowledgements, (index) => ({ path: `${own.path}[${index}]` }));
}

/** An acknowledged finding of an acknowledgeable rule becomes a recorded exception that blocks nothing. */
const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

function acknowledge(found: Finding, input: RuleInput): Finding {
  const rule = RULES_BY_ID.get(found.rule);
  const ofWorkload = found.workload === undefined ? [] : (input.acknowledgements?.[found.workload] ?? []);
  const acknowledgement = [...ofWorkload, ...(input.resourceAcknowledgements?.acknowledgements ?? [])].find((a) => a.rule === found.rule);
  return rule?.acknowledgeable && acknowledgement ? { ...found, acknowledged: acknowledgement.reason } : found;
}

// Findings that differ only in the resource (e.g. the two subject forms of one identity) are one finding.
const order = (f: Finding) => [f.workload ?? '', f.path, f.rule, f.account ?? '', f.message].join('\u0000');

/** Runs every rule of the catalogue; findings are de-duplicated and sorted, so output is deterministic. */
export function runRules(input: RuleInput): Finding[] {
  // Of findings with one key, the last one found stands, as each rule meets the items in the order they come.
  const unique = new Map<string, Finding>();
  eachHit(input, (rule, hit, where) => {
    const found = finding(rule, hit, where);
    unique.set(order(found), acknowledge(found, input));
  });
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, found]) => found);
}

export interface CheckPlanOptions {
  /**
   * Judge only these clouds' accounts, e.g. an engine that renders AWS alone.
   * @default - every cloud
   */
  readonly clouds?: readonly Cloud[];
}

/** The rules over a compiled Plan: every trust, permission and session it creates, with its acknowledgements. */
export function checkPlan(plan: Plan, options: CheckPlanOptions = {}): Finding[] {
  const judged = (cloud: Cloud) => options.clouds === undefined || options.clouds.includes(cloud);
  const scoped: Plan = {
    ...plan,
    aws: judged('aws') ? plan.aws : {},
    gcp: judged('gcp') ? plan.gcp : {},
    azure: judged('azure') ? plan.azure : {},
  };
  return runRules({
    trust: planTrustViews(scoped),
    permissions: planPermissionViews(scoped),
    sessions: planSessionViews(scoped),
    acknowledgements: plan.acknowledgements,
  });
}

/** Findings that refuse synthesis: errors nobody acknowledged. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && f.acknowledged === undefined);
}
