/** Hard limits enforced at compile time, so a bad declaration fails here and never in a deploy (SPEC §8). */
export const LIMITS = {
  aws: {
    trustPolicyChars: 2048,
    trustPolicyCharsMax: 4096,
    inlinePolicyChars: 10240,
    roleNameChars: 64,
    clientIdsPerProvider: 100,
    clientIdChars: 255,
  },
  gcp: {
    idMinChars: 4,
    idMaxChars: 32,
    subjectBytes: 127,
    customAttributes: 50,
    conditionChars: 4096,
  },
  azure: {
    credentialsPerIdentity: 20,
    credentialNameMinChars: 3,
    credentialNameMaxChars: 120,
    issuerChars: 600,
    subjectChars: 600,
  },
} as const;

/** IAM counts policy size without whitespace; JSON.stringify without indentation has none outside strings. */
export function policyChars(document: unknown): number {
  return JSON.stringify(document).length;
}
