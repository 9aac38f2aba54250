import { z } from 'zod';
import { duration, exact, numericId, uuid } from './fields';
import { identity } from './identities';

/** The declaration format version this library reads. */
export const FORMAT_VERSION = 1;

export const WORKLOAD_NAME = /^[a-z][a-z0-9-]{1,39}$/;
const ACCOUNT_KEY = /^[a-z][a-z0-9-]{0,62}$/;
const RULE_ID = /^WIAM-[A-Z]+-[0-9]{3}$/;

/** Sessions: default one hour, as short as AWS allows, at most twelve hours. */
const DEFAULT_SESSION_SECONDS = 3600;
const MIN_SESSION_SECONDS = 3600;
const MAX_SESSION_SECONDS = 43200;

const awsAccount = z.strictObject({
  cloud: z.literal('aws'),
  accountId: z.string().regex(/^[0-9]{12}$/, 'accountId must be 12 digits'),
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).default('aws'),
  // The region workloads sign in to (the STS endpoint, e.g. configure-aws-credentials' aws-region); IAM itself is global.
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, 'region must be an AWS region such as eu-west-1').optional(),
});

const gcpAccount = z.strictObject({
  cloud: z.literal('gcp'),
  projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'projectId must be a GCP project id'),
  projectNumber: numericId('projectNumber'),
  poolId: z
    .string()
    .regex(/^[a-z0-9-]{4,32}$/, 'poolId must be 4-32 characters of [a-z0-9-]')
    .refine((id) => !id.startsWith('gcp-'), 'poolId must not start with "gcp-" (reserved by Google)')
    .default('workload-iam'),
});

const azureAccount = z.strictObject({
  cloud: z.literal('azure'),
  tenantId: uuid('tenantId'),
  subscriptionId: uuid('subscriptionId'),
  resourceGroup: z.string().regex(/^[-\w._()]{1,90}$/, 'resourceGroup must be an Azure resource group name'),
  location: z.string().regex(/^[a-z0-9]+$/, 'location must be an Azure region name such as westeurope'),
});

const account = z.discriminatedUnion('cloud', [awsAccount, gcpAccount, azureAccount], {
  error: 'cloud must be one of aws, gcp, azure',
});

/** A grant as written: the resource is still its native identifier (resolved by the catalogue later). */
const grant = z
  .strictObject({
    resource: exact('resource'),
    access: exact('access').optional(),
    actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, 'actions are service:Action')).min(1).optional(),
    role: z.string().regex(/^(roles|projects\/[a-z0-9-]+\/roles|organizations\/[0-9]+\/roles)\/[A-Za-z0-9_.]+$/, 'role must be a GCP role name').optional(),
    roleDefinitionId: uuid('roleDefinitionId').optional(),
    justification: z.string().trim().min(10, 'justification must say why (at least 10 characters)').optional(),
  })
  .superRefine((value, ctx) => {
    const chosen = (['access', 'actions', 'role', 'roleDefinitionId'] as const).filter((k) => value[k] !== undefined);
    if (chosen.length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of access, actions, role or roleDefinitionId' });
    }
    if (!value.access && chosen.length === 1 && !value.justification) {
      ctx.addIssue({
        code: 'custom',
        path: ['justification'],
        message: `${chosen[0]} is an escape hatch from the access catalogue and requires a justification`,
      });
    }
  });

export type GrantInput = z.output<typeof grant>;

/** A rule a workload deliberately overrides, with its reason (SPEC §3); also what a role's template Metadata records. */
export const acknowledgement = z.strictObject({
  rule: z.string().regex(RULE_ID, 'rule must be a rule id such as WIAM-AWS-001'),
  reason: z.string().trim().min(10, 'reason must say why the rule does not apply (at least 10 characters)'),
});

/** A workload's name. */
export const workloadName = z.string().regex(WORKLOAD_NAME, {
  error: (issue) => `name must be 2 to 40 lowercase letters, digits or hyphens, starting with a letter (got ${JSON.stringify(issue.input)})`,
});

const workload = z.strictObject({
  name: workloadName,
  description: z.string().max(1000, 'description must be at most 1000 characters').optional(),
  sessionDuration: duration
    .optional()
    .transform((seconds) => seconds ?? DEFAULT_SESSION_SECONDS)
    .refine((s) => s >= MIN_SESSION_SECONDS && s <= MAX_SESSION_SECONDS, {
      error: (issue) => `sessionDuration must be between 1h and 12h (3600 to 43200 seconds); got ${issue.input} seconds`,
    }),
  identities: z.array(identity).min(1, 'a workload needs at least one identity'),
  grants: z.record(z.string(), z.array(grant)).default({}),
  impersonate: z.array(z.string()).default([]),
  acknowledge: z.array(acknowledgement).default([]),
});


/** The whole declaration, before cross-references (accounts, resources) are checked. */
export const declarationSchema = z.strictObject({
  version: z.literal(FORMAT_VERSION, { error: `version must be ${FORMAT_VERSION}` }),
  accounts: z
    .record(z.string().regex(ACCOUNT_KEY, 'account keys must match ^[a-z][a-z0-9-]{0,62}$'), account)
    .refine((accounts) => Object.keys(accounts).length > 0, 'declare at least one account'),
  workloads: z.array(workload),
});

export type ParsedDeclaration = z.output<typeof declarationSchema>;
