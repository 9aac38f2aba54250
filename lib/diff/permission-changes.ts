import type { Change, ChangeAspect, ChangeClass } from './change';
import { permissionCovers, type Permission } from './permissions';
import type { ManifestAccountAccess } from '../manifest/manifest';

interface Finding {
  readonly class: ChangeClass;
  readonly aspect: ChangeAspect;
  readonly resource: string;
  /** For a scope change, the resource of the counterpart on the other side. */
  readonly counterpart?: string;
  readonly shown: string;
}

/** Why `permission` is not covered by the other side: a new action or role, a broader scope, or another resource. */
function explain(cloud: ManifestAccountAccess['cloud'], direction: ChangeClass, permission: Permission, others: readonly Permission[]): Finding {
  const roleOrAction: ChangeAspect = cloud === 'aws' ? 'action' : 'role';
  const base = { class: direction, resource: permission.resource, shown: permission.shown };
  if (others.some((other) => other.resource === permission.resource)) return { ...base, aspect: roleOrAction };
  // The same action or role over a scope that contains (widened) or is contained by (narrowed) the other side's.
  const scoped = others.find(
    (other) => other.allows === permission.allows && permissionCovers(cloud, { ...permission, condition: other.condition }, other),
  );
  if (scoped) return { ...base, aspect: 'scope', counterpart: scoped.resource };
  return { ...base, aspect: 'resource' };
}

/** A scope change's resources before and after: a widening is found on the new side, a narrowing on the old. */
function scopeOf(finding: Finding): { before: string; after: string } {
  return finding.class === 'widened' ? { before: finding.counterpart!, after: finding.resource } : { before: finding.resource, after: finding.counterpart! };
}

function messageOf(finding: Finding, allows: string): string {
  const widened = finding.class === 'widened';
  if (finding.aspect === 'scope') {
    const { before, after } = scopeOf(finding);
    return `${allows} on ${before} moved to a ${widened ? 'broader' : 'narrower'} scope: ${after}`;
  }
  return `${widened ? 'now allows' : 'no longer allows'} ${allows} on ${finding.resource}`;
}

/**
 * The permission changes of one workload's principal in one account. A permission is a widening when nothing on
 * the old side allows it, a narrowing when nothing on the new side does; findings on one resource are listed together.
 */
export function permissionChanges(cloud: ManifestAccountAccess['cloud'], before: readonly Permission[], after: readonly Permission[], where: { workload: string; account: string }): Change[] {
  const findings: Finding[] = [
    ...after.filter((p) => !before.some((o) => permissionCovers(cloud, o, p))).map((p) => explain(cloud, 'widened', p, before)),
    ...before.filter((p) => !after.some((n) => permissionCovers(cloud, n, p))).map((p) => explain(cloud, 'narrowed', p, after)),
  ];
  const grouped = new Map<string, { finding: Finding; shown: Set<string> }>();
  for (const finding of findings) {
    const key = [finding.class, finding.aspect, finding.resource, finding.counterpart ?? ''].join('\u0000');
    const group = grouped.get(key) ?? { finding, shown: new Set<string>() };
    group.shown.add(finding.shown);
    grouped.set(key, group);
  }
  return [...grouped.values()].map(({ finding, shown }) => {
    const allows = [...shown].sort().join(', ');
    return {
      class: finding.class,
      aspect: finding.aspect,
      ...where,
      message: messageOf(finding, allows),
      ...(finding.aspect === 'scope' ? scopeOf(finding) : {}),
    };
  });
}
