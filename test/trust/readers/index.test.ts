import { ISSUER_READERS, issuerKindOf } from '../../../lib/trust/issuers';

/** The registry of issuer readers and the issuer family of a URL (lib/trust/issuers/index.ts). */

test.each(Object.entries(ISSUER_READERS))('the %s reader reads its own kind', (kind, reader) => {
  expect(reader.kind).toBe(kind);
});

test.each([
  ['gitlab.com', 'gitlab'],
  ['https://gitlab.com', 'gitlab'],
  ['HTTPS://gitlab.com', 'gitlab'],
  // STS, GCP and Entra compare the issuer exactly: another scheme or a leading space is not GitLab's issuer.
  ['http://gitlab.com', 'generic'],
  [' https://gitlab.com', 'generic'],
])('%j is %s', (url, kind) => {
  expect(issuerKindOf(url)).toBe(kind);
});
