/**
 * How firmly a part of the caller's identity is pinned: by an immutable id, by a (recyclable) name, by the
 * issuer itself (a dedicated issuer serves one tenant), or not at all.
 */
export type Pin = 'none' | 'name' | 'issuer' | 'immutable';

const PIN_STRENGTH: Readonly<Record<Pin, number>> = { none: 0, name: 1, issuer: 2, immutable: 3 };

export function strongerPin(a: Pin, b: Pin): Pin {
  return PIN_STRENGTH[a] >= PIN_STRENGTH[b] ? a : b;
}

export function weakerPin(a: Pin, b: Pin): Pin {
  return PIN_STRENGTH[a] <= PIN_STRENGTH[b] ? a : b;
}

/**
 * The part of a subject a wildcard (or prefix, or regular expression) leaves open:
 * - `whole`: the entire subject;
 * - `tenant`: the organization / group / trust domain;
 * - `unit`: the repository / project / workspace / service account within the tenant;
 * - `context`: everything after the unit, including pull-request and other event contexts;
 * - `refType`, `ref`, `runPhase`: one field of the context;
 * - `member`: a per-user or per-run field (CircleCI user, VCS origin);
 * - `workflow`: the reusable workflow reference.
 */
export type WildcardField = 'whole' | 'tenant' | 'unit' | 'context' | 'refType' | 'ref' | 'runPhase' | 'member' | 'workflow';

export interface OpenField {
  readonly field: WildcardField;
  /** The test as written. */
  readonly text: string;
}

/** What one value of one claim test says about who is admitted. */
export interface Facts {
  readonly tenant?: Pin;
  readonly unit?: Pin;
  /** The ref, environment, run phase or user is pinned exactly. */
  readonly context?: boolean;
  /** The HCP Terraform run phase pinned. */
  readonly runPhase?: string;
  /** Admits pull-request runs explicitly. */
  readonly pullRequest?: boolean;
  /** Pins a tag, which can be moved or created by anyone who can push tags unless protected. */
  readonly tag?: boolean;
  /** Names a reusable workflow but no calling repository. */
  readonly workflowOnly?: boolean;
  /** A reusable workflow pinned at a ref that can move (not a commit SHA). */
  readonly mutableWorkflow?: string;
  /** GitLab: only protected refs. */
  readonly refProtected?: boolean;
  readonly open?: OpenField;
  /** Why the value can never match a real token (a wrong format, a per-run value). */
  readonly neverMatches?: string;
}

/**
 * A subject or claim pattern reduced to what analysis needs: the literal text before the first wildcard and
 * whether anything may follow it.
 */
export interface Pattern {
  readonly literal: string;
  readonly open: boolean;
  readonly text: string;
}

/** `key:value:key:value…` subjects (GitHub, GitLab, HCP Terraform): pairs, the last possibly cut short by a wildcard. */
export interface KeyedPart {
  readonly key: string;
  /** Undefined when the pattern ends inside or right after the key. */
  readonly value?: string;
  /** The value (or key) is cut short by the wildcard. */
  readonly partial: boolean;
}

/**
 * Splits a `key:value:…` subject. Keys listed in `bare` stand alone (GitHub's `pull_request`). An open pattern's
 * last key or value is partial: the wildcard may extend it.
 */
export function splitKeyed(pattern: Pattern, bare: readonly string[] = []): KeyedPart[] {
  const tokens = pattern.literal.split(':');
  const parts: KeyedPart[] = [];
  for (let i = 0; i < tokens.length; ) {
    const key = tokens[i];
    const lastToken = i === tokens.length - 1;
    if (bare.includes(key) && !(lastToken && pattern.open)) {
      parts.push({ key, partial: false });
      i += 1;
      continue;
    }
    if (lastToken) {
      parts.push({ key, partial: pattern.open });
      break;
    }
    const value = tokens[i + 1];
    parts.push({ key, value, partial: pattern.open && i + 1 === tokens.length - 1 });
    i += 2;
  }
  return parts;
}

/** The facts of a subject's fields together; the subject opens at its first open field. */
export function joinFacts(facts: readonly Facts[]): Facts {
  const open = facts.find((f) => f.open)?.open;
  return { ...(Object.assign({}, ...facts) as Facts), ...(open ? { open } : {}) };
}

/** A 40-hex commit SHA: the only reference that cannot move. */
export function isCommitSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/.test(ref);
}
