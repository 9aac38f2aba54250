import { CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { appExports, elementsOf, importsValues, PartialTemplate, POLICY_TYPES, renderedElement } from './iam-template';
import { CDK_CLOUDS } from './rule-annotations';
import type { WorkloadCfnRole } from './workload-cfn-role';
import type { Plan } from '../../plan/plan';
import type { Finding } from '../../rules/rule';
import { scanCloudFormationTemplate } from '../../scan/scan';
import { WORKLOAD_METADATA_KEY, workloadMetadata } from '../../scan/workload-metadata';
import { describeFinding, RulesGate } from '../gate';

/** A workload role rendered in the app, and the Plan that judged it. */
export interface JudgedRole {
  readonly workload: string;
  readonly account: string;
  readonly plan: Plan;
}

const CHECKS = new WeakMap<IConstruct, FinalPolicyCheck>();

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stage (an App is one) whose synthesis validates `scope`: it validates its own subtree, nested stages apart. */
const stageOf = (scope: IConstruct): IConstruct => Stage.of(scope) ?? scope.node.root;

/**
 * The rules run again at synth on the final policies of the app's workload roles: the Plan's, plus what CDK code
 * added afterwards (`bucket.grantWrite(role)`, a managed policy attached to it, an escape-hatch override). A role
 * that nothing changed is the Plan's role, already judged; the others are judged as `scan` judges their synthesized
 * template, with the declaration's acknowledgements. An error the Plan did not already have fails `cdk synth` as a
 * validation error of the role's construct; the Plan's own findings stay annotations, so none is reported twice.
 */
export class FinalPolicyCheck {
  /** The check of the app `scope` is in. */
  public static of(scope: IConstruct): FinalPolicyCheck {
    const root = scope.node.root;
    let check = CHECKS.get(root);
    if (!check) {
      check = new FinalPolicyCheck(root);
      CHECKS.set(root, check);
    }
    return check;
  }

  private readonly roles = new Map<WorkloadCfnRole, JudgedRole & { readonly stage: IConstruct }>();
  private readonly stages = new Set<IConstruct>();
  private messages = new Map<WorkloadCfnRole, string[]>();

  private constructor(private readonly root: IConstruct) {}

  /** Judges `role` at synth as the role of its workload; its construct `owner` reports what the rules find. */
  public add(owner: IConstruct, role: WorkloadCfnRole, judged: JudgedRole): void {
    const stage = stageOf(owner);
    this.roles.set(role, { ...judged, stage });
    if (!this.stages.has(stage)) {
      this.stages.add(stage);
      // A stage validates before its descendants: the roles' own validations then read what it found.
      stage.node.addValidation({ validate: () => this.judge(stage) });
    }
    owner.node.addValidation({ validate: () => this.messages.get(role) ?? [] });
  }

  /** Judges the roles of `stage` that CDK code changed or attached policies to; reports nothing itself. */
  private judge(stage: IConstruct): string[] {
    const roles = [...this.roles.keys()].filter((role) => this.roles.get(role)!.stage === stage);
    for (const role of roles) this.messages.delete(role);
    const attached = this.attachedPolicies(roles);
    const byStack = new Map<Stack, WorkloadCfnRole[]>();
    for (const role of roles.filter((r) => r.changedSinceRendered || attached.has(r))) {
      byStack.set(role.stack, [...(byStack.get(role.stack) ?? []), role]);
    }
    for (const [stack, judged] of byStack) this.judgeStack(stack, judged, attached);
    return [];
  }

  /** The policies of the whole app that attach to each of `roles` (by its name, by `Ref`, or by a name that may be any). */
  private attachedPolicies(roles: readonly WorkloadCfnRole[]): Map<WorkloadCfnRole, CfnResource[]> {
    const attached = new Map<WorkloadCfnRole, CfnResource[]>();
    const policies = this.root.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && POLICY_TYPES.has(c.cfnResourceType));
    if (policies.length === 0) return attached;
    const byName = new Map<string, WorkloadCfnRole[]>();
    for (const role of roles) byName.set(role.roleName!, [...(byName.get(role.roleName!) ?? []), role]);
    // IAM names are unique per account: a policy of a stack in another account cannot attach by name.
    const sameAccount = (a: Stack, b: Stack) => Token.isUnresolved(a.account) || Token.isUnresolved(b.account) || a.account === b.account;
    for (const policy of policies) {
      const [rendered] = Object.values(renderedElement(policy).Resources ?? {}) as { Properties?: Record<string, unknown> }[];
      const properties = rendered?.Properties;
      const names = policy.cfnResourceType === 'AWS::IAM::RolePolicy' ? [properties?.RoleName] : properties?.Roles;
      for (const name of Array.isArray(names) ? names : [names]) {
        const named =
          typeof name === 'string'
            ? (byName.get(name) ?? [])
            : isRecord(name) && typeof name.Ref === 'string'
              ? roles.filter((role) => role.stack === policy.stack && policy.stack.getLogicalId(role) === name.Ref)
              : name === undefined
                ? []
                : roles;
        for (const role of named.filter((r) => sameAccount(r.stack, policy.stack))) attached.set(role, [...(attached.get(role) ?? []), policy]);
      }
    }
    return attached;
  }

  /** Judges roles of one stack on the template they will have: the stack's resources, the roles and what attaches to them. */
  private judgeStack(stack: Stack, roles: readonly WorkloadCfnRole[], attached: ReadonlyMap<WorkloadCfnRole, readonly CfnResource[]>): void {
    const template = new PartialTemplate().addStack(stack);
    for (const element of elementsOf(stack)) {
      if (CfnResource.isCfnResource(element) && /^(AWS::IAM::OIDCProvider|Custom::AWSCDKOpenIdConnectProvider)$/.test(element.cfnResourceType)) template.add(element);
    }
    for (const role of roles) {
      template.add(role);
      for (const policy of attached.get(role) ?? []) {
        if (policy.stack !== stack) template.addStack(policy.stack);
        template.add(policy);
      }
    }
    const built = template.build() as { Resources: Record<string, { Metadata?: Record<string, unknown> }> };
    const byLogicalId = new Map(roles.map((role) => [stack.getLogicalId(role), role]));
    for (const [logicalId, role] of byLogicalId) {
      // The declaration's acknowledgements apply, whatever CDK code wrote into the metadata since.
      const { workload, plan } = this.roles.get(role)!;
      const resource = built.Resources[logicalId];
      resource.Metadata = { ...resource.Metadata, [WORKLOAD_METADATA_KEY]: workloadMetadata(workload, plan.acknowledgements[workload] ?? []) };
    }
    const exports = importsValues(built) ? appExports(stack) : undefined;
    const byResource = new Map<string, Finding[]>();
    for (const finding of scanCloudFormationTemplate(built, stack.templateFile, { exports })) {
      if (finding.resource !== undefined) byResource.set(finding.resource, [...(byResource.get(finding.resource) ?? []), finding]);
    }
    for (const [logicalId, role] of byLogicalId) {
      const { workload, account, plan } = this.roles.get(role)!;
      for (const finding of RulesGate.of(plan, CDK_CLOUDS).finalPolicyRefusals(workload, account, byResource.get(logicalId) ?? [])) {
        const message = `workload ${workload} (AWS account "${account}"), judged on its final policies: ${describeFinding(finding)}`;
        this.messages.set(role, [...(this.messages.get(role) ?? []), message]);
      }
    }
  }
}
