import { readFileSync, statSync } from 'node:fs';
import { DeclarationError } from '../declaration/errors';
import { checkDataDepth, decodeInput, InputLimitError } from '../input/limits';

const COMPACT_JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/**
 * The claims of `--token`: a compact JWT (its payload decoded, the signature not verified) or a JSON object of claims,
 * given inline or as a file holding either. An existing file wins, so `claims.v1.json` is never read as a JWT.
 */
export function readTokenArgument(argument: string): Record<string, unknown> {
  const refuse = (message: string) => new DeclarationError([{ path: ['--token'], message }]);
  const inline = argument.trim();
  const isInline = !isFile(argument) && (COMPACT_JWT.test(inline) || /^[{[]/.test(inline));
  let text = inline;
  if (!isInline) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(argument);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw refuse(`${argument}: cannot read it (${code}); give a file, a compact JWT (header.payload.signature) or a JSON object of claims`);
    }
    try {
      text = decodeInput(bytes).trim();
    } catch (error) {
      if (error instanceof InputLimitError) throw refuse(`${argument}: ${error.message}`);
      throw error;
    }
  }
  const where = isInline ? 'the inline token' : `${argument}:`;
  const jwt = COMPACT_JWT.exec(text);
  const json = jwt ? Buffer.from(jwt[1], 'base64url').toString('utf8') : text;
  let claims: unknown;
  try {
    claims = JSON.parse(json);
  } catch {
    throw refuse(`${where} is neither a JSON object of claims nor a compact JWT${jwt ? ' (its payload is not JSON)' : ''}`);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw refuse(`${where} must be a JSON object of claims`);
  try {
    checkDataDepth(claims);
  } catch (error) {
    if (error instanceof InputLimitError) throw refuse(`${where.endsWith(':') ? where : `${where}:`} ${error.message}`);
    throw error;
  }
  return claims as Record<string, unknown>;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
