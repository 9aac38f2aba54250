import { readFileSync } from 'node:fs';
import type { Tags } from 'yaml';
import { isCloudFormationTemplate } from './cloudformation';
import { CLOUDFORMATION_TAGS } from './cloudformation-yaml';
import type { ScanFile } from './files';
import { isKubernetesManifest } from './kubernetes-secrets';
import { isPulumiRegistrations, pulumiRegistrationsAsTerraform } from './pulumi-registrations';
import { isTerraformJson } from './terraform-json';
import { jsonLines, parseYamlDocuments, YamlSyntaxError, type LocatedDocument } from './yaml-documents';
import { checkBracketDepth, checkDataDepth, decodeInput, InputLimitError } from '../input/limits';

type LineOf = LocatedDocument['lineOf'];

/** A scanned file by format; `other` for files that are none of these (package.json, …), which are ignored. */
export type TemplateFile =
  | { readonly format: 'cloudformation'; readonly template: Record<string, unknown>; readonly lineOf: LineOf }
  | { readonly format: 'terraform'; readonly config: Record<string, unknown>; readonly lineOf: LineOf }
  /** A YAML stream of which at least one document is a Kubernetes manifest. */
  | { readonly format: 'kubernetes'; readonly documents: readonly LocatedDocument[] }
  | { readonly format: 'other' };

/** One file cannot be read or parsed: a problem line, while the other files are still scanned. */
export class TemplateFileError extends Error {}

/**
 * Reads one file under the input limits as its documents: `.json` files as JSON, anything else as a YAML stream (with
 * `tags`, e.g. CloudFormation's short forms); a file that cannot be read or parsed throws a TemplateFileError.
 */
export function readDocuments(file: ScanFile, tags?: Tags): LocatedDocument[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch (error) {
    throw new TemplateFileError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const source = decodeInput(bytes);
    checkBracketDepth(source);
    const documents = file.absolute.endsWith('.json') ? [{ data: JSON.parse(source) as unknown, lineOf: jsonLines(source) }] : parseYamlDocuments(source, tags);
    // The readers after this walk the data recursively.
    for (const document of documents) checkDataDepth(document.data);
    return documents;
  } catch (error) {
    if (error instanceof SyntaxError) throw new TemplateFileError(`not valid JSON: ${error.message}`);
    if (error instanceof YamlSyntaxError || error instanceof InputLimitError) throw new TemplateFileError(error.message);
    if (error instanceof RangeError) throw new TemplateFileError('the file nests too deeply to be read');
    throw error;
  }
}

/** Reads one file and tells its format; a file that cannot be read or parsed throws a TemplateFileError. */
export function readTemplateFile(file: ScanFile): TemplateFile {
  const documents = readDocuments(file, CLOUDFORMATION_TAGS);
  if (documents.length === 1) {
    const [{ data, lineOf }] = documents;
    if (isCloudFormationTemplate(data)) return { format: 'cloudformation', template: data, lineOf };
    if (isTerraformJson(data)) return { format: 'terraform', config: data, lineOf };
    // The Pulumi engine's recorded registrations are judged as the Terraform resources they bridge to, at no line.
    if (isPulumiRegistrations(data)) return { format: 'terraform', config: pulumiRegistrationsAsTerraform(data), lineOf: () => undefined };
  }
  return documents.some((document) => isKubernetesManifest(document.data)) ? { format: 'kubernetes', documents } : { format: 'other' };
}
