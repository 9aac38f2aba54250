import { readFileSync } from 'node:fs';
import { isCloudFormationTemplate } from './cloudformation';
import { parseCloudFormationYaml, TemplateSyntaxError } from './cloudformation-yaml';
import type { ScanFile } from './files';
import { isPulumiRegistrations, pulumiRegistrationsAsTerraform } from './pulumi-registrations';
import { isTerraformJson } from './terraform-json';
import { checkBracketDepth, checkDataDepth, decodeInput, InputLimitError } from '../input/limits';

/** A scanned file by format; `other` for files that are neither (package.json, workflows, …), which are ignored. */
export type TemplateFile =
  | { readonly format: 'cloudformation'; readonly template: Record<string, unknown>; readonly text: string }
  | { readonly format: 'terraform'; readonly config: Record<string, unknown>; readonly text: string }
  | { readonly format: 'other' };

/** One file cannot be read or parsed: a problem line, while the other files are still scanned. */
export class TemplateFileError extends Error {}

/** `.json` files are JSON; anything else is YAML with CloudFormation's short-form tags (JSON templates included). */
function parse(file: ScanFile, bytes: Buffer): { data: unknown; text: string } {
  try {
    const source = decodeInput(bytes);
    checkBracketDepth(source);
    const data: unknown = file.absolute.endsWith('.json') ? JSON.parse(source) : parseCloudFormationYaml(source);
    // The readers after this walk the data recursively.
    checkDataDepth(data);
    return { data, text: source };
  } catch (error) {
    if (error instanceof SyntaxError) throw new TemplateFileError(`not valid JSON: ${error.message}`);
    if (error instanceof TemplateSyntaxError || error instanceof InputLimitError) throw new TemplateFileError(error.message);
    if (error instanceof RangeError) throw new TemplateFileError('the file nests too deeply to be read');
    throw error;
  }
}

/** Reads one file and tells its format; a file that cannot be read or parsed throws a TemplateFileError. */
export function readTemplateFile(file: ScanFile): TemplateFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch (error) {
    throw new TemplateFileError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { data, text } = parse(file, bytes);
  if (isCloudFormationTemplate(data)) return { format: 'cloudformation', template: data, text };
  if (isTerraformJson(data)) return { format: 'terraform', config: data, text };
  // The Pulumi engine's recorded registrations are judged as the Terraform resources they bridge to.
  if (isPulumiRegistrations(data)) return { format: 'terraform', config: pulumiRegistrationsAsTerraform(data), text };
  return { format: 'other' };
}
