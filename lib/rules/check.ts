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
  readonly trust: readonly TrustView[];
  readonly permissions: readonly PermissionView[];
  readonly sessions: readonly SessionView[];
  /** Values a scan could not read (never part of a compiled Plan). */
  readonly unreadable?: readonly UnreadableView[];
  /** Long-lived credentials a scan found (never part of a compiled Plan). */
  readonly secrets?: readonly SecretView[];
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

/** A trust view with its breadth, read once for all rules. */
type JudgedView = { readonly view: TrustView; readonly breadth: ReturnType<typeof breadthOf> };

function hitsOf(rule: Rule, input: RuleInput, trust: readonly JudgedView[]): Finding[] {
  // Loops that push, not flatMap: most items pass, and each would allocate an empty array per rule.
  const located = <T extends { where: TrustLocation }>(items: readonly T[], check: (item: T) => Hit | undefined) => {
    const found: Finding[] = [];
    for (const item of items) {
      const hit = check(item);
      if (hit) found.push(finding(rule, hit, item.where));
    }
    return found;
  };
  switch (rule.judges) {
    case 'trust': {
      const found: Finding[] = [];
      for (const { view, breadth } of trust) {
        const hit = rule.check(view, breadth);
        if (hit) found.push(finding(rule, hit, view.where));
      }
      return found;
    }
    case 'permission':
      return located(input.permissions, (permission) => rule.check(permission));
    case 'session':
      return located(input.sessions, (session) => rule.check(session));
    case 'unreadable':
      return located(input.unreadable ?? [], (value) => rule.check(value));
    case 'secret':
      return located(input.secrets ?? [], (secret) => rule.check(secret));
    case 'acknowledgement': {
      const judged = (acknowledgements: readonly Acknowledgement[], where: (index: number) => TrustLocation) =>
        acknowledgements.flatMap((acknowledgement, index) => {
          const hit = rule.check(acknowledgement, RULES);
          return hit ? [finding(rule, hit, where(index))] : [];
        });
      const own = input.resourceAcknowledgements;
      return [
        ...Object.entries(input.acknowledgements ?? {}).flatMap(([workload, acknowledgements]) =>
          judged(acknowledgements, (index) => ({ workload, path: `${identityPath(workload, undefined)}.acknowledge[${index}]` })),
        ),
        ...(own ? judged(own.acknowledgements, (index) => ({ path: `${own.path}[${index}]` })) : []),
      ];
    }
  }
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
  const unique = new Map<string, Finding>();
  const trust = input.trust.map((view) => ({ view, breadth: breadthOf(view) }));
  for (const rule of RULES) {
    for (const found of hitsOf(rule, input, trust)) unique.set(order(found), acknowledge(found, input));
  }
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
