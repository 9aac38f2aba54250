import { LineCounter, parseAllDocuments, parseDocument, type Tags } from 'yaml';
import { checkYamlDocument } from '../input/limits';
import { lineOfPath } from '../input/yaml-lines';

/** The text is not YAML. */
export class YamlSyntaxError extends Error {}

/** One document of a YAML stream as plain data, and the line where each of its nodes is written. */
export interface LocatedDocument {
  readonly data: unknown;
  /** The 1-based line of the node at `path` (a mapping entry at its key), or of its nearest ancestor. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * Every document of a YAML stream (`---`-separated, as Kubernetes manifests are), under the input limits: a document
 * whose aliases would expand beyond them (a "billion laughs") is refused, not expanded.
 */
export function parseYamlDocuments(text: string, customTags?: Tags): LocatedDocument[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: true, ...(customTags ? { customTags } : {}) });
  const documents = Array.isArray(parsed) ? parsed : [];
  const error = documents.flatMap((document) => document.errors)[0];
  if (error) throw new YamlSyntaxError(`not valid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}`);
  return documents.map((document) => {
    checkYamlDocument(document);
    return { data: document.toJS({ maxAliasCount: -1 }) as unknown, lineOf: (path) => lineOfPath(document, lineCounter, path) };
  });
}

/**
 * Lines of a JSON text that was parsed elsewhere, found only when asked (JSON is YAML, so one parser locates both);
 * most files need none.
 */
export function jsonLines(text: string): LocatedDocument['lineOf'] {
  let located: LocatedDocument['lineOf'] | undefined;
  return (path) => {
    if (!located) {
      const lineCounter = new LineCounter();
      const document = parseDocument(text, { lineCounter });
      located = (at) => lineOfPath(document, lineCounter, at);
    }
    return located(path);
  };
}
