import { posix } from 'node:path';
import { stringify } from 'yaml';
import type { CiCredentialUse } from './ci-credentials';
import type { Cloud } from '../catalogue/types';
import { placeholder } from '../declaration/placeholders';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Characters that make a branch or tag filter a pattern: a draft names refs, never patterns. */
const PATTERN = /[*?[\]!+]/;

/** The account each cloud's credentials are replaced in: one per cloud, its ids to fill in. */
const ACCOUNTS: Readonly<Record<Cloud, { readonly key: string; readonly account: Record<string, string> }>> = {
  aws: { key: 'aws-main', account: { cloud: 'aws', accountId: placeholder('the 12-digit AWS account id the key signs in to'), region: placeholder('the AWS region, e.g. eu-west-1') } },
  gcp: {
    key: 'gcp-main',
    account: { cloud: 'gcp', projectId: placeholder('the GCP project id the key belongs to'), projectNumber: placeholder('the GCP project number') },
  },
  azure: {
    key: 'azure-main',
    account: {
      cloud: 'azure',
      tenantId: placeholder('the Entra tenant id'),
      subscriptionId: placeholder('the subscription id'),
      resourceGroup: placeholder('the resource group for the managed identity'),
      location: placeholder('the Azure region, e.g. westeurope'),
    },
  },
};

/** An environment the job names literally: `environment: prod` or `environment: { name: prod }`, not an expression. */
function literalEnvironment(environment: unknown): string | undefined {
  const name = isRecord(environment) ? environment.name : environment;
  return typeof name === 'string' && name.length > 0 && !name.includes('${{') ? name : undefined;
}

/** The names a trigger's filter lists (`branches: [main]`), or none. */
const namesOf = (filter: unknown): string[] => (Array.isArray(filter) ? filter.filter((name): name is string => typeof name === 'string') : typeof filter === 'string' ? [filter] : []);

/**
 * The GitHub contexts a workflow's `on:` runs jobs in: exact refs where its push filters name them, and for everything
 * else (pull requests, globs, unfiltered pushes, manual and scheduled runs) what a person must decide, as placeholders.
 */
function githubContexts(triggers: unknown): { refs: string[]; undecided: string[] } {
  const events = typeof triggers === 'string' ? { [triggers]: null } : Array.isArray(triggers) ? Object.fromEntries(triggers.map((event) => [String(event), null])) : isRecord(triggers) ? triggers : {};
  const refs: string[] = [];
  const undecided: string[] = [];
  for (const [event, filter] of Object.entries(events)) {
    if (event === 'pull_request' || event === 'pull_request_target') {
      undecided.push(`the branch that deploys, as refs/heads/NAME, or remove this identity (${event} runs must not hold the credential)`);
    } else if (event === 'push' && isRecord(filter) && (filter.branches !== undefined || filter.tags !== undefined)) {
      for (const [kind, prefix] of [['branches', 'refs/heads/'], ['tags', 'refs/tags/']] as const) {
        for (const name of namesOf(filter[kind])) {
          if (PATTERN.test(name)) undecided.push(`the one ${kind === 'branches' ? 'branch' : 'tag'} among ${name} that deploys, as ${prefix}NAME`);
          else refs.push(`${prefix}${name}`);
        }
      }
    } else {
      undecided.push(`the branch ${event} runs deploy from, as refs/heads/NAME`);
    }
  }
  return { refs: [...new Set(refs)].sort(), undecided: [...new Set(undecided)].sort() };
}

/** Lowercase letters, digits and hyphens, starting with a letter, 2 to 40 long: a workload name. */
function workloadName(text: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+/g, '-');
  return (name.length >= 2 ? name : `ci-${name}`).slice(0, 40).replace(/-$/, '');
}

/** Each job's workload name: the job's own, or, for a job name used in several CI files, prefixed by its file's. */
function workloadNames(uses: readonly CiCredentialUse[]): string[] {
  const files = new Map<string, Set<string>>();
  for (const use of uses) files.set(use.job, (files.get(use.job) ?? new Set()).add(use.file));
  const taken = new Set<string>();
  return uses.map((use) => {
    const file = posix.basename(use.file).replace(/\.ya?ml$/, '').replace(/^\./, '');
    const base = workloadName(files.get(use.job)!.size > 1 ? `${file}-${use.job}` : use.job);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 37)}-${n}`;
    taken.add(name);
    return name;
  });
}

function githubIdentities(use: CiCredentialUse, repository: string | undefined): Record<string, unknown>[] {
  const pinned = {
    repository: repository ?? placeholder('owner/repo of this workflow'),
    ownerId: placeholder(`numeric id of the owner of ${repository ?? 'the repository'} (gh api users/OWNER --jq .id)`),
    repositoryId: placeholder(`numeric id of ${repository ?? 'the repository'} (gh api repos/OWNER/REPO --jq .id)`),
  };
  const environment = literalEnvironment(use.environment);
  if (environment !== undefined) return [{ github: { ...pinned, environment } }];
  const { refs, undecided } = githubContexts(use.triggers);
  return [...refs.map((ref) => ({ github: { ...pinned, ref } })), ...undecided.map((what) => ({ github: { ...pinned, ref: placeholder(what) } }))];
}

/** `only:` keywords and regular expressions, which name no one ref. */
const ONLY_KEYWORDS = new Set(['branches', 'tags', 'merge_requests', 'pushes', 'schedules', 'web', 'api', 'triggers', 'pipelines', 'external', 'chat']);

/**
 * The exact refs a GitLab job runs on: names in `only:`, and `rules:` conditions that compare the branch or tag with
 * one literal (`$CI_COMMIT_BRANCH == "main"`). Anything else leaves the ref to a person.
 */
function gitlabRefs(triggers: unknown): { ref: string; refType: 'branch' | 'tag' }[] | undefined {
  const { rules, only } = isRecord(triggers) ? triggers : {};
  const names = namesOf(isRecord(only) ? only.refs : only);
  if (names.length > 0) {
    return names.every((name) => !ONLY_KEYWORDS.has(name) && !name.startsWith('/') && !PATTERN.test(name)) ? names.map((ref) => ({ ref, refType: 'branch' as const })) : undefined;
  }
  const conditions = (Array.isArray(rules) ? rules : []).map((rule) => (isRecord(rule) && typeof rule.if === 'string' ? rule.if.trim() : undefined));
  const refs = conditions.map((condition) => /^\$CI_COMMIT_(BRANCH|TAG)\s*==\s*"([^"$*]+)"$/.exec(condition ?? ''));
  if (refs.length === 0 || refs.some((match) => !match)) return undefined;
  return refs.map((match) => ({ ref: match![2], refType: match![1] === 'TAG' ? ('tag' as const) : ('branch' as const) }));
}

function gitlabIdentities(use: CiCredentialUse): Record<string, unknown>[] {
  const environment = literalEnvironment(use.environment);
  const pinned = {
    project: placeholder('group/project of this pipeline'),
    projectId: placeholder('numeric project id (Settings > General)'),
    namespaceId: placeholder('numeric id of the group'),
  };
  const refs = gitlabRefs(use.triggers) ?? [{ ref: placeholder(`the protected branch job ${use.job} deploys from`), refType: 'branch' as const }];
  return refs.map(({ ref, refType }) => ({ gitlab: { ...pinned, ref, refType, ...(environment !== undefined ? { environment } : {}) } }));
}

export interface ProposeOptions {
  /** The GitHub repository the workflows belong to, when known (e.g. from the git remote). */
  readonly repository?: string;
}

/**
 * A draft declaration replacing each CI job's long-lived credentials with a federated identity of exactly that job:
 * its repository and environment, or the exact refs its triggers name; what cannot be known offline (ids, accounts,
 * the branch of a pull-request or glob trigger) and the grants are placeholders, never patterns, so the draft fails
 * `validate` until a person fills them in. Deterministic: jobs sorted by file and name.
 */
export function proposeDeclaration(uses: readonly CiCredentialUse[], options: ProposeOptions = {}): string {
  const jobs = new Map<string, { use: CiCredentialUse; clouds: Set<Cloud>; paths: Set<string> }>();
  for (const use of uses) {
    const key = `${use.file}\u0000${use.job}`;
    const job = jobs.get(key) ?? { use, clouds: new Set<Cloud>(), paths: new Set<string>() };
    job.clouds.add(use.cloud);
    job.paths.add(use.path);
    jobs.set(key, job);
  }
  const sorted = [...jobs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, job]) => job);
  const clouds = (['aws', 'gcp', 'azure'] as const).filter((cloud) => sorted.some((job) => job.clouds.has(cloud)));
  const names = workloadNames(sorted.map(({ use }) => use));
  const workloads = sorted.map(({ use, clouds: used, paths }, index) => {
    return {
      name: names[index],
      description: `Replaces the long-lived credentials of job ${use.job} in ${use.file} (${[...paths].sort().join(', ')})`,
      identities: use.ci === 'github' ? githubIdentities(use, options.repository) : gitlabIdentities(use),
      grants: Object.fromEntries(
        clouds
          .filter((cloud) => used.has(cloud))
          .map((cloud) => [
            ACCOUNTS[cloud].key,
            [{ resource: placeholder(`exact resource job ${use.job} uses in ${ACCOUNTS[cloud].key}`), access: placeholder('read, write or a type-specific access level') }],
          ]),
      ),
    };
  });
  const declaration = { version: 1, accounts: Object.fromEntries(clouds.map((cloud) => [ACCOUNTS[cloud].key, ACCOUNTS[cloud].account])), workloads };
  const header = [
    '# Draft by `workload-iam scan --propose`: one workload per CI job that signs in with a long-lived credential.',
    '# Fill in every "<fill in: …>" (validate refuses the draft until then), remove identities that should not deploy,',
    '# then `workload-iam synth`, switch the job to `workload-iam connect` and delete the old secret.',
  ];
  return `${header.join('\n')}\n${stringify(declaration, { lineWidth: 0 })}`;
}
