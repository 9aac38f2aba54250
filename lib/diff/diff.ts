import { admissionsOf } from './admissions';
import { CHANGE_CLASSES, type Change } from './change';
import { permissionChanges } from './permission-changes';
import { permissionsOf } from './permissions';
import { trustChanges } from './trust-changes';
import { accountName } from '../manifest/account-name';
import { canonicalJson } from '../manifest/canonical-json';
import type { Manifest, ManifestAccountAccess, ManifestWorkload } from '../manifest/manifest';
import type { Account } from '../model/account';
import { sortedBy, sortedUnique } from '../stable';

/** Old account keys paired with new ones: the same key for the same account, or a renamed key for the same account. */
interface AccountPairing {
  /** old key → new key */
  readonly pairs: ReadonlyMap<string, string>;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

const sameAccount = (a: Account | undefined, b: Account | undefined) => a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);

function pairAccounts(before: Manifest, after: Manifest): AccountPairing {
  const pairs = new Map<string, string>();
  const oldKeys = Object.keys(before.accounts).sort();
  const newKeys = Object.keys(after.accounts).sort();
  for (const key of oldKeys) if (sameAccount(before.accounts[key], after.accounts[key])) pairs.set(key, key);
  const taken = new Set(pairs.values());
  for (const key of oldKeys.filter((k) => !pairs.has(k))) {
    const renamed = newKeys.find(
      (candidate) => !taken.has(candidate) && !(candidate in before.accounts) && sameAccount(before.accounts[key], after.accounts[candidate]),
    );
    if (renamed !== undefined) {
      pairs.set(key, renamed);
      taken.add(renamed);
    }
  }
  return { pairs, removed: oldKeys.filter((k) => !pairs.has(k)), added: newKeys.filter((k) => !taken.has(k)) };
}

function accountChanges(before: Manifest, after: Manifest, pairing: AccountPairing): Change[] {
  const changes: Change[] = [];
  for (const [oldKey, newKey] of pairing.pairs) {
    if (oldKey !== newKey) changes.push({ class: 'changed', aspect: 'account', account: newKey, message: `account key renamed from ${oldKey}`, before: oldKey, after: newKey });
  }
  for (const key of pairing.removed.filter((k) => k in after.accounts)) {
    changes.push({ class: 'changed', aspect: 'account', account: key, message: `${key} now names ${accountName(after.accounts[key])} (was ${accountName(before.accounts[key])})`, before: accountName(before.accounts[key]), after: accountName(after.accounts[key]) });
  }
  return changes;
}

const seconds = (value: number) => (value % 3600 === 0 ? `${value / 3600}h` : value % 60 === 0 ? `${value / 60}m` : `${value}s`);

/** Everything one account gives the workload, for an account it gained or lost as a whole. */
function accessSummary(access: ManifestAccountAccess, workload: ManifestWorkload): string {
  const labels = new Map(workload.identities.map((identity) => [identity.index, identity.label]));
  const identities = sortedUnique(access.trust.flatMap((trust) => trust.identities.map((index) => labels.get(index) ?? `identities[${index}]`)));
  const allows = sortedUnique(permissionsOf(access).map((permission) => `${permission.shown} on ${permission.resource}`));
  return `${identities.join(', ') || 'no identity'} as ${access.principal}${allows.length > 0 ? `; allows ${allows.join('; ')}` : ''}`;
}

function wholeAccount(direction: 'widened' | 'narrowed', manifest: Manifest, workload: string, account: string): Change {
  const entry = manifest.workloads[workload];
  const verb = direction === 'widened' ? 'now admitted to' : 'no longer admitted to';
  return { class: direction, aspect: 'account', workload, account, message: `${verb} ${account} (${accountName(manifest.accounts[account])}): ${accessSummary(entry.access[account], entry)}` };
}

/** The changes between one workload as it was (`oldName` in `before`) and as it is (`newName` in `after`). */
function workloadChanges(before: Manifest, oldName: string, after: Manifest, newName: string, pairing: AccountPairing): Change[] {
  const was = before.workloads[oldName];
  const is = after.workloads[newName];
  const workload = newName;
  const changes: Change[] = [];
  if ((was.description ?? '') !== (is.description ?? '')) {
    changes.push({ class: 'changed', aspect: 'description', workload, message: 'description changed', ...(was.description ? { before: was.description } : {}), ...(is.description ? { after: is.description } : {}) });
  }
  const compared = new Set<string>();
  for (const [oldKey, newKey] of pairing.pairs) {
    compared.add(newKey);
    const oldAccess = was.access[oldKey];
    const newAccess = is.access[newKey];
    if (!oldAccess && !newAccess) continue;
    if (!oldAccess) {
      changes.push(wholeAccount('widened', after, newName, newKey));
      continue;
    }
    if (!newAccess) {
      changes.push(wholeAccount('narrowed', before, oldName, oldKey));
      continue;
    }
    const where = { workload, account: newKey };
    changes.push(...trustChanges(admissionsOf(before, oldName, oldKey), admissionsOf(after, newName, newKey), where));
    changes.push(...permissionChanges(newAccess.cloud, permissionsOf(oldAccess), permissionsOf(newAccess), where));
    const [oldSession, newSession] = [oldAccess.maxSessionDuration, newAccess.maxSessionDuration];
    if (oldSession !== undefined && newSession !== undefined && oldSession !== newSession) {
      const longer = newSession > oldSession;
      changes.push({ class: longer ? 'widened' : 'narrowed', aspect: 'session length', ...where, message: `maximum session ${longer ? 'longer' : 'shorter'}: ${seconds(newSession)} (was ${seconds(oldSession)})`, before: seconds(oldSession), after: seconds(newSession) });
    }
    if (oldAccess.principal !== newAccess.principal) {
      changes.push({ class: 'changed', aspect: 'principal', ...where, message: `principal renamed to ${newAccess.principal}`, before: oldAccess.principal, after: newAccess.principal });
    }
  }
  for (const key of pairing.removed) if (was.access[key]) changes.push(wholeAccount('narrowed', before, oldName, key));
  for (const key of pairing.added) if (is.access[key]) changes.push(wholeAccount('widened', after, newName, key));
  changes.push(...acknowledgementChanges(was, is, workload), ...justificationChanges(was, is, workload, pairing));
  return changes;
}

/** An acknowledgement lets a rule's finding through: adding one waives a protection, removing one restores it. */
function acknowledgementChanges(was: ManifestWorkload, is: ManifestWorkload, workload: string): Change[] {
  const reasons = (entry: ManifestWorkload) => new Map(entry.acknowledgements.map((a) => [a.rule, a.reason]));
  const [old, now] = [reasons(was), reasons(is)];
  const changes: Change[] = [];
  for (const rule of sortedUnique([...old.keys(), ...now.keys()])) {
    const [before, after] = [old.get(rule), now.get(rule)];
    if (before === after) continue;
    if (before === undefined) changes.push({ class: 'widened', aspect: 'acknowledgement', workload, message: `acknowledges ${rule}: ${after}`, after: after! });
    else if (after === undefined) changes.push({ class: 'narrowed', aspect: 'acknowledgement', workload, message: `no longer acknowledges ${rule}`, before });
    else changes.push({ class: 'changed', aspect: 'acknowledgement', workload, message: `reason for acknowledging ${rule} changed`, before, after });
  }
  return changes;
}

/** A justification explains an escape hatch; the access it justifies is classified on its own. */
function justificationChanges(was: ManifestWorkload, is: ManifestWorkload, workload: string, pairing: AccountPairing): Change[] {
  const keyOf = (account: string, resource: string) => `${account}\u0000${resource}`;
  const old = new Map(was.grants.map((grant) => [keyOf(pairing.pairs.get(grant.account) ?? grant.account, grant.resource), grant.justification]));
  const now = new Map(is.grants.map((grant) => [keyOf(grant.account, grant.resource), grant.justification]));
  const changes: Change[] = [];
  for (const key of sortedUnique([...old.keys(), ...now.keys()])) {
    const [before, after] = [old.get(key), now.get(key)];
    if (before === after || (before === undefined && !now.has(key)) || (after === undefined && !old.has(key))) continue;
    const [account, resource] = key.split('\u0000');
    changes.push({
      class: 'changed',
      aspect: 'justification',
      workload,
      account,
      message: after === undefined ? `justification removed for ${resource}` : before === undefined ? `justification given for ${resource}: ${after}` : `justification changed for ${resource}`,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    });
  }
  return changes;
}

const identitySignature = (workload: ManifestWorkload) => sortedUnique(workload.identities.map((identity) => identity.label)).join('\n');

/**
 * Every change between two manifests, classified (SPEC §6 `diff`). A workload that disappears under one name and
 * appears under another with the very same access is a rename (`changed`); otherwise it is removed and added.
 * Sorted by workload, account, class, aspect and message, so the same inputs always give the same list.
 */
export function diffManifests(before: Manifest, after: Manifest): Change[] {
  const pairing = pairAccounts(before, after);
  const changes: Change[] = accountChanges(before, after, pairing);
  const removed = Object.keys(before.workloads).filter((name) => !(name in after.workloads)).sort();
  const added = Object.keys(after.workloads).filter((name) => !(name in before.workloads)).sort();
  for (const name of Object.keys(after.workloads).filter((n) => n in before.workloads)) {
    changes.push(...workloadChanges(before, name, after, name, pairing));
  }
  const renamedFrom = new Set<string>();
  for (const name of added) {
    const signature = identitySignature(after.workloads[name]);
    const origin = removed.find(
      (old) =>
        !renamedFrom.has(old) &&
        identitySignature(before.workloads[old]) === signature &&
        workloadChanges(before, old, after, name, pairing).every((change) => change.class === 'changed'),
    );
    if (origin !== undefined) {
      renamedFrom.add(origin);
      changes.push({ class: 'changed', aspect: 'name', workload: name, message: `renamed from ${origin}`, before: origin, after: name });
      changes.push(...workloadChanges(before, origin, after, name, pairing));
      continue;
    }
    const entry = after.workloads[name];
    changes.push({ class: 'widened', aspect: 'workload', workload: name, message: `new workload: ${entry.identities.map((i) => i.label).join(', ') || 'no identity'}` });
    for (const account of Object.keys(entry.access).sort()) changes.push(wholeAccount('widened', after, name, account));
  }
  for (const name of removed.filter((old) => !renamedFrom.has(old))) {
    const entry = before.workloads[name];
    changes.push({ class: 'narrowed', aspect: 'workload', workload: name, message: 'workload removed' });
    for (const account of Object.keys(entry.access).sort()) changes.push(wholeAccount('narrowed', before, name, account));
  }
  return sortChanges(unique(changes));
}

/** Two admissions can fail for the same reason (a pin removed from both subject forms): the reason is listed once. */
function unique(changes: readonly Change[]): Change[] {
  const seen = new Map<string, Change>();
  for (const change of changes) seen.set(canonicalJson(change), change);
  return [...seen.values()];
}

function sortChanges(changes: readonly Change[]): Change[] {
  const rank = (change: Change) => String(CHANGE_CLASSES.indexOf(change.class));
  return sortedBy(changes, (c) => [c.workload ?? '', c.account ?? '', rank(c), c.aspect, c.message, (c.identities ?? []).join(',')].join('\u0000'));
}
