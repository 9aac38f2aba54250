import { findingsJson, findingsSummary, findingsText, pipelineFindings, type FindingsFormat } from './findings';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { readOptionsFile } from './options-file';
import { DeclarationError } from '../declaration/errors';
import { blockingFindings } from '../rules/check';

/** `validate FILE`: schema, references, limits and the rules; exit 1 when an unacknowledged error remains. */
export function validateCommand(file: string, format: FindingsFormat, optionsFile: string | undefined, io: Io): number {
  try {
    const { model, findings } = compileFile(file, readOptionsFile(optionsFile).compileOptions);
    const summary = `${model.workloads.length} workloads, ${Object.keys(model.accounts).length} accounts; ${findingsSummary(findings)}`;
    // Every finding is in the declaration file, at the line of its workload's entry when it has one.
    const pipeline = pipelineFindings(format, findings, (finding) => ({ uri: file, ...(finding.line !== undefined ? { line: finding.line } : {}) }), {
      heading: `workload-iam validate ${file}`,
      summary,
    });
    if (pipeline !== undefined) {
      io.out(pipeline);
    } else if (format === 'json') {
      io.out(findingsJson(findings));
    } else {
      io.out(findingsText(findings));
      io.out(`${file}: ${summary}\n`);
    }
    return blockingFindings(findings).length > 0 ? EXIT.ruleErrors : EXIT.ok;
  } catch (error) {
    if (!(error instanceof DeclarationError) || format !== 'json') throw error;
    io.out(`${JSON.stringify({ errors: error.problems }, null, 2)}\n`);
    return EXIT.invalid;
  }
}
