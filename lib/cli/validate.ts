import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { DeclarationError } from '../declaration/errors';

/** `validate FILE`: schema, references and limits; prints findings (none until the rules catalogue lands). */
export function validateCommand(file: string, format: 'text' | 'json', io: Io): number {
  try {
    const { model } = compileFile(file);
    if (format === 'json') {
      io.out(`${JSON.stringify({ findings: [] }, null, 2)}\n`);
    } else {
      io.out(`${file}: valid (${model.workloads.length} workloads, ${Object.keys(model.accounts).length} accounts)\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof DeclarationError) || format !== 'json') throw error;
    io.out(`${JSON.stringify({ errors: error.problems }, null, 2)}\n`);
    return EXIT.invalid;
  }
}
