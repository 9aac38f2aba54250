import { EXIT, type Io } from './io';
import { readManifest } from './manifest-input';
import { DeclarationError, formatProblem } from '../declaration/errors';
import { diffManifests } from '../diff/diff';
import { renderDiff, type DiffFormat } from '../diff/render';
import type { Manifest } from '../manifest/manifest';

export type FailOn = 'widened' | 'any';

/** Reads one side; its problems name the file, so a reader knows which of the two to fix. */
function readSide(file: string, argument: '<old>' | '<new>', optionsFile: string | undefined): Manifest | string[] {
  try {
    return readManifest(file, optionsFile, argument);
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    return error.problems.map(formatProblem).map((line) => (line.includes(file) ? line : `${file}: ${line}`));
  }
}

/**
 * `diff OLD NEW`: each side a declaration or a manifest.json; every change classified widened, narrowed or changed.
 * Exit 1 when `--fail-on` matches (`widened`: any widening; `any`: any change), 2 when either side cannot be read.
 */
export function diffCommand(
  oldFile: string,
  newFile: string,
  format: DiffFormat,
  failOn: FailOn | undefined,
  optionsFile: string | undefined,
  io: Io,
): number {
  const sides = [readSide(oldFile, '<old>', optionsFile), readSide(newFile, '<new>', optionsFile)];
  const problems = sides.flatMap((side) => (Array.isArray(side) ? side : []));
  if (problems.length > 0) {
    io.err(`${problems.join('\n')}\n`);
    return EXIT.invalid;
  }
  const changes = diffManifests(sides[0] as Manifest, sides[1] as Manifest);
  io.out(renderDiff(changes, format));
  const failing = failOn === 'any' ? changes : failOn === 'widened' ? changes.filter((change) => change.class === 'widened') : [];
  return failing.length > 0 ? EXIT.ruleErrors : EXIT.ok;
}
