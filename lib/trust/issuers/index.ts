import { BITBUCKET } from './bitbucket';
import { BUILDKITE } from './buildkite';
import { CIRCLECI } from './circleci';
import { AZURE, GENERIC, GOOGLE } from './generic';
import { GITHUB } from './github';
import { GITLAB } from './gitlab';
import { KUBERNETES } from './kubernetes';
import type { IssuerReader } from './reader';
import { SPIFFE } from './spiffe';
import { TERRAFORM_CLOUD } from './terraform-cloud';
import { knownIssuerOf } from '../../identity/issuers';
import type { IssuerKind } from '../../model/identity';

export type { IssuerReader } from './reader';

/** Every issuer family, keyed by kind, so adding a kind forces a reader. */
export const ISSUER_READERS: Readonly<Record<IssuerKind, IssuerReader>> = {
  github: GITHUB,
  gitlab: GITLAB,
  terraformCloud: TERRAFORM_CLOUD,
  circleci: CIRCLECI,
  bitbucket: BITBUCKET,
  buildkite: BUILDKITE,
  kubernetes: KUBERNETES,
  spiffe: SPIFFE,
  google: GOOGLE,
  azure: AZURE,
  generic: GENERIC,
};

/** The issuer family of a URL (`https://…`, or a bare AWS provider host/path), however spelled; generic when unknown. */
export function issuerKindOf(url: string): IssuerKind {
  return knownIssuerOf(/^https:\/\//i.test(url) ? url : `https://${url}`)?.kind ?? 'generic';
}
