import { findingsJson, findingsSummary, findingsText } from './findings';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { readOptionsFile } from './options-file';
import { DeclarationError } from '../declaration/errors';
import { blockingFindings } from '../rules/check';

/** `validate FILE`: schema, references, limits and the rules; exit 1 when an unacknowledged error remains. */
export function validateCommand(file: string, format: 'text' | 'json', optionsFile: string | undefined, io: Io): number {
  try {
    const { model, findings } = compileFile(file, readOptionsFile(optionsFile).compileOptions);
    if (format === 'json') {
      io.out(findingsJson(findings));
    } else {
      io.out(findingsText(findings));
      io.out(`${file}: ${model.workloads.length} workloads, ${Object.keys(model.accounts).length} accounts; ${findingsSummary(findings)}\n`);
    }
    return blockingFindings(findings).length > 0 ? EXIT.ruleErrors : EXIT.ok;
  } catch (error) {
    if (!(error instanceof DeclarationError) || format !== 'json') throw error;
    io.out(`${JSON.stringify({ errors: error.problems }, null, 2)}\n`);
    return EXIT.invalid;
  }
}
