import { z } from 'zod';
import { exact, gitRefName, issuerUrl, numericId, uuid } from './fields';
import { emittedIssuer, issuerKindProblem } from './issuer-forms';
import { spiffeIdProblem } from './spiffe-id';
import { DEFAULT_ISSUERS } from '../identity/issuers';
import type {
  AwsRoleIdentity,
  IssuerKind,
  AzureManagedIdentityIdentity,
  GcpServiceAccountIdentity,
  GithubIdentity,
  GitlabIdentity,
  Identity,
  KubernetesIdentity,
  OidcIdentity,
  SpiffeIdentity,
  TerraformCloudIdentity,
} from '../model/identity';

/** The audience Entra expects on every federated credential. */
export const AZURE_FEDERATION_AUDIENCE = 'api://AzureADTokenExchange';

/** Refuses, at `field`, an issuer URL that belongs to a known issuer of another kind. */
function checkIssuerKind(ctx: z.RefinementCtx, field: string, url: string | undefined, kind: IssuerKind): void {
  const problem = url === undefined ? undefined : issuerKindProblem(url, kind);
  if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
}

const github = z
  .strictObject({
    repository: exact('repository').regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'repository must be "owner/repo"'),
    ownerId: numericId('ownerId').optional(),
    repositoryId: numericId('repositoryId').optional(),
    environment: exact('environment').optional(),
    ref: gitRefName('ref').regex(/^refs\/(heads|tags)\/.+$/, 'ref must start with refs/heads/ or refs/tags/').optional(),
    pullRequest: z.literal(true).optional(),
    workflow: exact('workflow')
      .regex(
        /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\/\.github\/workflows\/[^@/]+\.ya?ml@.+$/,
        'workflow must be "owner/repo/.github/workflows/file.yml@ref-or-sha"',
      )
      .optional(),
    enterpriseSlug: exact('enterpriseSlug').regex(/^[a-z0-9-]+$/, 'enterpriseSlug must be a slug').optional(),
    issuer: issuerUrl('issuer').optional(),
    subjectFormat: z.enum(['classic', 'immutable', 'both']).optional(),
  })
  .superRefine((value, ctx) => {
    const contexts = (['environment', 'ref', 'pullRequest'] as const).filter((key) => value[key] !== undefined);
    if (contexts.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `give exactly one of environment, ref or pullRequest; found ${contexts.length ? contexts.join(', ') : 'none'}`,
      });
    }
    if ((value.ownerId === undefined) !== (value.repositoryId === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'ownerId and repositoryId go together: give both immutable ids' });
    }
    if (value.subjectFormat && value.subjectFormat !== 'classic' && value.ownerId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['subjectFormat'],
        message: `subjectFormat ${value.subjectFormat} needs ownerId and repositoryId`,
      });
    }
    if (value.issuer && value.enterpriseSlug) {
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'give either issuer or enterpriseSlug, not both' });
    }
    checkIssuerKind(ctx, 'issuer', value.issuer, 'github');
  })
  .transform(
    (value): GithubIdentity => ({
      kind: 'github',
      ...value,
      issuer: value.issuer
        ? emittedIssuer(value.issuer, true).url
        : value.enterpriseSlug
          ? `${DEFAULT_ISSUERS.github}/${value.enterpriseSlug}`
          : DEFAULT_ISSUERS.github,
      subjectFormat: value.subjectFormat ?? (value.ownerId ? 'both' : 'classic'),
    }),
  );

const gitlab = z
  .strictObject({
    project: exact('project').regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+$/, 'project must be "group/project"'),
    projectId: numericId('projectId'),
    namespaceId: numericId('namespaceId'),
    ref: gitRefName('ref'),
    refType: z.enum(['branch', 'tag']),
    environment: exact('environment').optional(),
    protectedRef: z.boolean().optional(),
    host: issuerUrl('host').optional(),
  })
  .superRefine((value, ctx) => checkIssuerKind(ctx, 'host', value.host, 'gitlab'))
  .transform(
    (value): GitlabIdentity => ({
      kind: 'gitlab',
      ...value,
      protectedRef: value.protectedRef ?? true,
      host: emittedIssuer(value.host ?? DEFAULT_ISSUERS.gitlab, true).url,
    }),
  );

const dnsLabel = (what: string) =>
  exact(what).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${what} must be a Kubernetes DNS label`);

const EKS_ISSUER = /^https:\/\/oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/id\/[A-Z0-9]+$/;
const AKS_ISSUER = /^https:\/\/[a-z0-9-]+\.oic\.prod-aks\.azure\.com\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/$/;

const kubernetes = z
  .strictObject({
    namespace: dnsLabel('namespace'),
    serviceAccount: exact('serviceAccount').regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'serviceAccount must be a DNS name'),
    issuer: issuerUrl('issuer').optional(),
    eks: z
      .strictObject({
        region: exact('region').regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, 'region must be an AWS region'),
        cluster: exact('cluster'),
        podIdentity: z.boolean().optional(),
      })
      .optional(),
    gke: z
      .strictObject({
        projectId: exact('projectId'),
        projectNumber: numericId('projectNumber'),
        location: exact('location'),
        cluster: exact('cluster'),
      })
      .optional(),
    aks: z.literal(true).optional(),
  })
  .superRefine((value, ctx) => {
    checkIssuerKind(ctx, 'issuer', value.issuer, 'kubernetes');
    const issuer = value.issuer === undefined ? undefined : emittedIssuer(value.issuer, false).url;
    const flavours = [value.eks, value.gke, value.aks].filter((f) => f !== undefined);
    if (flavours.length > 1) ctx.addIssue({ code: 'custom', message: 'give at most one of eks, gke or aks' });
    const podIdentity = value.eks?.podIdentity === true;
    if (value.gke && value.issuer) {
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'a GKE issuer is derived from gke; remove issuer' });
    }
    if (podIdentity && value.issuer) {
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'EKS Pod Identity uses no issuer; remove issuer' });
    }
    if (!value.gke && !podIdentity && !value.issuer) {
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: "issuer is required (the cluster's OIDC issuer URL)" });
    }
    if (value.eks && !podIdentity && issuer) {
      const match = EKS_ISSUER.exec(issuer);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          path: ['issuer'],
          message: 'an EKS issuer looks like https://oidc.eks.<region>.amazonaws.com/id/<ID>',
        });
      } else if (match[1] !== value.eks.region) {
        ctx.addIssue({ code: 'custom', path: ['issuer'], message: `issuer is in ${match[1]}, not ${value.eks.region}` });
      }
    }
    if (value.aks && issuer && !AKS_ISSUER.test(issuer)) {
      ctx.addIssue({
        code: 'custom',
        path: ['issuer'],
        message: 'an AKS issuer looks like https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/',
      });
    }
  })
  .transform((value): KubernetesIdentity => {
    const flavour = value.eks ? 'eks' : value.gke ? 'gke' : value.aks ? 'aks' : 'generic';
    const issuer = value.gke
      ? `https://container.googleapis.com/v1/projects/${value.gke.projectId}/locations/${value.gke.location}/clusters/${value.gke.cluster}`
      : value.issuer && emittedIssuer(value.issuer, false).url;
    return {
      kind: 'kubernetes',
      namespace: value.namespace,
      serviceAccount: value.serviceAccount,
      flavour,
      ...(issuer ? { issuer } : {}),
      ...(value.eks ? { eks: { ...value.eks, podIdentity: value.eks.podIdentity ?? false } } : {}),
      ...(value.gke ? { gke: value.gke } : {}),
    };
  });

/**
 * HCP Terraform names are joined into the subject with `:` between fields, so a `:` in one would forge another field.
 * Organization and workspace names are letters, digits, `-` and `_`; project names may also hold inner spaces.
 */
const terraformName = (what: string, spaces: boolean) =>
  exact(what).regex(
    spaces ? /^[A-Za-z0-9_-]+( [A-Za-z0-9_-]+)*$/ : /^[A-Za-z0-9_-]+$/,
    `${what} must be an HCP Terraform name: letters, digits, - and _${spaces ? ' (and inner spaces)' : ''}; a ":" would forge another subject field`,
  );

const terraformCloud = z
  .strictObject({
    organization: terraformName('organization', false),
    organizationId: exact('organizationId').regex(/^org-[A-Za-z0-9]+$/, 'organizationId must look like org-XXXX'),
    project: terraformName('project', true),
    workspace: terraformName('workspace', false),
    runPhase: z.enum(['plan', 'apply']),
    host: issuerUrl('host').optional(),
  })
  .superRefine((value, ctx) => checkIssuerKind(ctx, 'host', value.host, 'terraformCloud'))
  .transform(
    (value): TerraformCloudIdentity => ({
      kind: 'terraformCloud',
      ...value,
      host: emittedIssuer(value.host ?? DEFAULT_ISSUERS.terraformCloud, true).url,
    }),
  );

const spiffe = z
  .strictObject({
    id: exact('id').superRefine((id, ctx) => {
      const problem = spiffeIdProblem(id);
      if (problem) ctx.addIssue({ code: 'custom', message: `id ${problem}` });
    }),
    jwtIssuer: issuerUrl('jwtIssuer').optional(),
    audience: exact('audience').optional(),
    x509: z
      .strictObject({
        awsTrustAnchorArn: exact('awsTrustAnchorArn').regex(
          /^arn:aws[a-z-]*:rolesanywhere:[a-z0-9-]+:[0-9]{12}:trust-anchor\/[0-9a-f-]{36}$/,
          'awsTrustAnchorArn must be an IAM Roles Anywhere trust anchor ARN',
        ),
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.jwtIssuer === undefined) === (value.x509 === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of jwtIssuer (JWT-SVID) or x509 (X.509-SVID)' });
    }
    if (value.jwtIssuer && !value.audience) {
      ctx.addIssue({ code: 'custom', path: ['audience'], message: 'a JWT-SVID needs its single audience' });
    }
    if (value.x509 && value.audience) {
      ctx.addIssue({ code: 'custom', path: ['audience'], message: 'an X.509-SVID has no audience; remove it' });
    }
    checkIssuerKind(ctx, 'jwtIssuer', value.jwtIssuer, 'spiffe');
  })
  .transform(
    (value): SpiffeIdentity => ({
      kind: 'spiffe',
      ...value,
      trustDomain: value.id.slice('spiffe://'.length).split('/')[0],
    }),
  );

const oidc = z
  .strictObject({
    issuer: issuerUrl('issuer'),
    audience: exact('audience'),
    subject: exact('subject'),
    claims: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'claim names are identifiers'), exact('claim value')).optional(),
  })
  .superRefine((value, ctx) => {
    for (const reserved of ['sub', 'aud', 'iss']) {
      if (value.claims?.[reserved] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['claims', reserved], message: `${reserved} is set by its own field` });
      }
    }
  })
  .transform((value): OidcIdentity => {
    // A known issuer keeps its own semantics whatever kind declares it: GitHub's pull requests stay pull requests.
    const issuer = emittedIssuer(value.issuer, false);
    return { kind: 'oidc', ...value, issuer: issuer.url, issuerKind: issuer.known?.kind ?? 'generic', claims: value.claims ?? {} };
  });

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

const awsRole = z
  .strictObject({
    arn: exact('arn').regex(ROLE_ARN, 'arn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)'),
  })
  .transform((value): AwsRoleIdentity => {
    const [, partition, accountId, roleName] = ROLE_ARN.exec(value.arn)!;
    return { kind: 'awsRole', arn: value.arn, partition, accountId, roleName };
  });

const gcpServiceAccount = z
  .strictObject({
    email: exact('email').regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.iam\.gserviceaccount\.com$|^[0-9]+-compute@developer\.gserviceaccount\.com$/, 'email must be a service account email'),
    uniqueId: exact('uniqueId').regex(/^[0-9]{21}$/, 'uniqueId must be the 21-digit numeric unique id'),
  })
  .transform((value): GcpServiceAccountIdentity => ({ kind: 'gcpServiceAccount', ...value }));

const azureManagedIdentity = z
  .strictObject({
    tenantId: uuid('tenantId'),
    objectId: uuid('objectId'),
    audience: exact('audience').optional(),
  })
  .transform(
    (value): AzureManagedIdentityIdentity => ({
      kind: 'azureManagedIdentity',
      ...value,
      // Entra tokens carry GUIDs in lowercase (iss, tid, sub), and every cloud compares them exactly.
      tenantId: value.tenantId.toLowerCase(),
      objectId: value.objectId.toLowerCase(),
      audience: value.audience ?? AZURE_FEDERATION_AUDIENCE,
    }),
  );

const kinds = {
  github,
  gitlab,
  kubernetes,
  terraformCloud,
  spiffe,
  oidc,
  awsRole,
  gcpServiceAccount,
  azureManagedIdentity,
} as const;

type KindKey = keyof typeof kinds;
const KIND_KEYS = Object.keys(kinds) as KindKey[];

/** One identity: an object with exactly one key naming its kind, e.g. `{ github: { … } }`. */
export const identity = z
  .strictObject(
    Object.fromEntries(KIND_KEYS.map((key) => [key, kinds[key].optional()])) as {
      [K in KindKey]: z.ZodOptional<(typeof kinds)[K]>;
    },
  )
  .superRefine((value, ctx) => {
    const present = KIND_KEYS.filter((key) => value[key] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `an identity has exactly one kind (${KIND_KEYS.join(', ')}); found ${present.length ? present.join(', ') : 'none'}`,
      });
    }
  })
  .transform((value): Identity => value[KIND_KEYS.find((key) => value[key] !== undefined)!]!);
