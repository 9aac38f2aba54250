/**
 * A token as the clouds see it: the issuer it was validated against and its decoded claims. Claims are usually
 * strings, but a JWT may carry numbers, booleans, arrays and objects, and each evaluator deals with them the way
 * its cloud does.
 */
export interface Token {
  /** The issuer URL; when absent, the `iss` claim is used. */
  readonly issuer?: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The token's issuer: the explicit one, else its `iss` claim. */
export function issuerOf(token: Token): string | undefined {
  if (token.issuer !== undefined) return token.issuer;
  const iss = token.claims.iss;
  return typeof iss === 'string' ? iss : undefined;
}

/** The token's audiences: `aud` is a string or a list of strings (RFC 7519 §4.1.3). */
export function audiencesOf(token: Token): readonly string[] {
  const aud = token.claims.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((value): value is string => typeof value === 'string');
  return [];
}

/** A claim that is a string, or undefined when it is absent or of another type. */
export function stringClaimOf(token: Token, claim: string): string | undefined {
  const value = token.claims[claim];
  return typeof value === 'string' ? value : undefined;
}
