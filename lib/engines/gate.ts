import type { Cloud } from '../catalogue/types';
import { DeclarationError } from '../declaration/errors';
import type { Plan } from '../plan/plan';
import { blockingFindings, checkPlan } from '../rules/check';
import type { Finding } from '../rules/rule';

/**
 * The rules gate every engine and the CLI pass through: the Plan's findings on the clouds an engine renders,
 * grouped by workload and account, blocking ones first. Engines report them their platform's way (CDK annotations,
 * Terraform or Pulumi errors) but never decide what blocks.
 */
export class RulesGate {
  /** The gate of `plan` for `clouds`; the rules run once per Plan and clouds (Plans are frozen, so it never goes stale). */
  public static of(plan: Plan, clouds?: readonly Cloud[]): RulesGate {
    const key = clouds === undefined ? '*' : [...clouds].sort().join(',');
    let byClouds = GATES.get(plan);
    if (!byClouds) {
      byClouds = new Map();
      GATES.set(plan, byClouds);
    }
    let gate = byClouds.get(key);
    if (!gate) {
      gate = new RulesGate(checkPlan(plan, clouds === undefined ? {} : { clouds }));
      byClouds.set(key, gate);
    }
    return gate;
  }

  /** Every finding, blocking ones first, each group in the rules' deterministic order. */
  public readonly findings: readonly Finding[];
  /** Errors nobody acknowledged: they refuse synthesis. */
  public readonly blocking: readonly Finding[];
  private readonly byWorkload = new Map<string, Finding[]>();

  /** A gate over findings already made (e.g. the CLI's, which carry declaration lines). */
  public constructor(findings: readonly Finding[]) {
    this.blocking = blockingFindings(findings);
    const blocking = new Set(this.blocking);
    this.findings = [...this.blocking, ...findings.filter((finding) => !blocking.has(finding))];
    for (const finding of this.findings) {
      if (finding.workload === undefined) continue;
      const group = this.byWorkload.get(finding.workload);
      if (group) group.push(finding);
      else this.byWorkload.set(finding.workload, [finding]);
    }
  }

  /** The findings on `workload` in `account` (and those on the workload in no account in particular), blocking first. */
  public findingsOf(workload: string, account: string): readonly Finding[] {
    return (this.byWorkload.get(workload) ?? []).filter((finding) => finding.account === undefined || finding.account === account);
  }

  /**
   * After grants were added through the engine's own API (SPEC §3): the blocking findings of the final policies of
   * `workload` in `account` (the engine scans what it will deploy) that the Plan did not already block, so each is
   * reported once. Every engine that lets users add grants must call this and refuse what it returns.
   */
  public finalPolicyRefusals(workload: string, account: string, finalFindings: readonly Finding[]): Finding[] {
    const already = new Set(blockingFindings(this.findingsOf(workload, account)).map((finding) => finding.rule));
    return blockingFindings(finalFindings).filter((finding) => !already.has(finding.rule));
  }
}

const GATES = new WeakMap<Plan, Map<string, RulesGate>>();

/**
 * The rules gate of an engine: the unacknowledged errors on what it renders (`rendered`) refuse it, every one listed
 * as `[rule] path: message. Fix: …`.
 */
export function refuseBlocking(plan: Plan, clouds: readonly Cloud[], rendered: (finding: Finding) => boolean): void {
  const blocking = RulesGate.of(plan, clouds).blocking.filter(rendered);
  if (blocking.length > 0) throw new DeclarationError(blocking.map((finding) => ({ path: ['rules'], message: describeFinding(finding) })));
}

/** `[rule] path: message. Fix: fix`, and the reason when acknowledged: as every engine reports a finding. */
export function describeFinding(finding: Finding): string {
  const acknowledged = finding.acknowledged === undefined ? '' : ` (acknowledged: ${finding.acknowledged})`;
  return `[${finding.rule}] ${finding.path}: ${finding.message}. Fix: ${finding.fix}${acknowledged}`;
}
