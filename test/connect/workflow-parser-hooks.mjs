// @actions/workflow-parser imports its JSON schemas without an import attribute (it is built for bundlers);
// Node refuses that, so this hook serves .json files as modules. Used by parse-workflow.mjs only.
import { readFileSync } from 'node:fs';

export async function load(url, context, next) {
  if (url.endsWith('.json')) return { format: 'module', shortCircuit: true, source: `export default ${readFileSync(new URL(url), 'utf8')};` };
  return next(url, context);
}
