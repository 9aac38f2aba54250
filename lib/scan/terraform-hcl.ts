/** A `.tf` file hcl2json could not read. */
export class HclParseError extends Error {}

/**
 * A Terraform HCL file as the JSON shape of Terraform JSON (every block a list of bodies, expressions as `${…}`
 * strings), by hcl2json: HashiCorp's HCL parser compiled to WebAssembly, loaded on the first `.tf` file.
 */
export async function parseTerraformHcl(file: string, text: string): Promise<Record<string, unknown>> {
  // Required here, not imported at the top: loading it starts the WebAssembly runtime.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('@cdktn/hcl2json') as typeof import('@cdktn/hcl2json');
  try {
    return (await parse(file, text)) as Record<string, unknown>;
  } catch (error) {
    // e.g. `parse config: [main.tf:3,1-2: Unclosed configuration block; There is no closing brace …]`
    const message = String((error as Error).message ?? error);
    const detail = /\[([^\]]*)\]/.exec(message)?.[1] ?? message;
    throw new HclParseError(`not valid HCL: ${detail.split(';')[0].replace(`${file}:`, 'line ')}`);
  }
}
