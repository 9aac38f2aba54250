import { z } from 'zod';
import { LIMITS } from './limits';
import { DeclarationError } from '../declaration/errors';
import { plainLanguage } from '../declaration/messages';
import { zodProblems } from '../declaration/zod-problems';

/**
 * How the Plan names and places what it deploys. Every engine renders these names, so they are decided once, here:
 * the manifest, `explain` and the queries then name the roles, pools and providers that really exist.
 */
export interface CompileOptions {
  readonly aws?: AwsCompileOptions;
  readonly gcp?: GcpCompileOptions;
}

export interface AwsCompileOptions {
  /**
   * Trust policy size limit of the AWS accounts.
   * @default 2048 (the AWS default; AWS raises it to at most 4096 on request)
   */
  readonly trustPolicyMaxChars?: number;

  /**
   * Path of every role (`/` or `/a/b/`).
   * @default "/workload-iam/"
   */
  readonly rolePath?: string;

  /**
   * Prefix of every role name; the workload name follows it. The whole name must fit IAM's 64 characters.
   * @default "wiam-"
   */
  readonly roleNamePrefix?: string;

  /**
   * OIDC providers that already exist (an account has one provider per issuer URL): roles trust them by ARN and no
   * engine creates them. Each must list every client id (audience) the Plan's roles expect of its issuer.
   * @default - every OIDC provider the roles need is created
   */
  readonly existingOidcProviders?: readonly ExistingOidcProvider[];
}

/** An IAM OIDC provider created outside this declaration. */
export interface ExistingOidcProvider {
  readonly arn: string;
  /** Its client ids (audiences), as configured in IAM. */
  readonly clientIds: readonly string[];
}

export interface GcpCompileOptions {
  /**
   * Appended (after a hyphen) to every workload identity pool and provider id. GCP keeps a deleted pool or provider
   * for 30 days and never reuses its id, so a re-created one needs a new id: change the suffix.
   * @default - the ids as the declaration gives them
   */
  readonly idSuffix?: string;
}

/** The options with their defaults, as the compiler uses them. */
export interface ResolvedCompileOptions {
  readonly aws: {
    readonly trustPolicyMaxChars: number;
    readonly rolePath: string;
    readonly roleNamePrefix: string;
    readonly existingOidcProviders: readonly ExistingOidcProvider[];
  };
  readonly gcp: { readonly idSuffix?: string };
}

const MAX_ROLE_PATH_CHARS = 512;
const MAX_ID_SUFFIX_CHARS = 8;

/** A deploy-time token (CDK, cdktf and Pulumi all write `${…}`) cannot name a literal Plan element. */
const literal = (what: string) =>
  z.string().refine((value) => !value.includes('${'), `${what} must be a literal value: the Plan names what it deploys before any deployment`);

const optionsSchema = z.strictObject({
  aws: z
    .strictObject({
      trustPolicyMaxChars: z
        .number()
        .int('trustPolicyMaxChars must be a whole number')
        .min(1, `trustPolicyMaxChars must be between 1 and ${LIMITS.aws.trustPolicyCharsMax}`)
        .max(LIMITS.aws.trustPolicyCharsMax, `trustPolicyMaxChars must be between 1 and ${LIMITS.aws.trustPolicyCharsMax} (the most AWS raises it to)`)
        .default(LIMITS.aws.trustPolicyChars),
      rolePath: literal('rolePath')
        .pipe(
          z
            .string()
            .max(MAX_ROLE_PATH_CHARS, `rolePath must be at most ${MAX_ROLE_PATH_CHARS} characters`)
            .regex(/^\/([\x21-\x7E]+\/)?$/, 'rolePath must be an IAM path: "/" or "/a/b/", of printable ASCII characters'),
        )
        .default('/workload-iam/'),
      roleNamePrefix: literal('roleNamePrefix')
        .pipe(
          // Each role name's length is checked with its workload, which the message then names.
          z.string().regex(/^[\w+=,.@-]*$/, 'roleNamePrefix may only contain letters, digits and + = , . @ _ -'),
        )
        .default('wiam-'),
      existingOidcProviders: z
        .array(
          z.strictObject({
            arn: literal('arn').pipe(
              z
                .string()
                .regex(
                  /^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider\/[\x21-\x7E]+$/,
                  'arn must be an OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer host and path>)',
                ),
            ),
            clientIds: z.array(literal('clientIds').pipe(z.string().min(1, 'a client id is not empty'))).min(1, 'list the client ids the provider has'),
          }),
        )
        .default([]),
    })
    .default({ trustPolicyMaxChars: LIMITS.aws.trustPolicyChars, rolePath: '/workload-iam/', roleNamePrefix: 'wiam-', existingOidcProviders: [] }),
  gcp: z
    .strictObject({
      idSuffix: literal('idSuffix')
        .pipe(z.string().regex(new RegExp(`^[a-z0-9]{1,${MAX_ID_SUFFIX_CHARS}}$`), `idSuffix must be 1-${MAX_ID_SUFFIX_CHARS} lowercase letters or digits`))
        .optional(),
    })
    .default({}),
});

/** The options checked and completed; a problem reads `compileOptions.aws.rolePath: …`. */
export function resolveCompileOptions(options: CompileOptions | undefined): ResolvedCompileOptions {
  const parsed = optionsSchema.safeParse(options ?? {}, { error: plainLanguage });
  if (!parsed.success) throw new DeclarationError(zodProblems(parsed.error, ['compileOptions']));
  return parsed.data;
}
