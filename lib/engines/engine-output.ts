import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';

/**
 * Where an engine puts what it renders: files under its own output directory, by relative path. An engine that writes
 * files (CDK templates, Terraform JSON) and one that records registrations (Pulumi's `resources.json`) both fit.
 */
export interface EngineOutput {
  writeFile(relativePath: string, contents: string): void;
}

/** An output into `dir` (created on first write); returns the relative paths written, sorted, from `written()`. */
export function directoryOutput(dir: string): EngineOutput & { written(): string[] } {
  const written = new Set<string>();
  return {
    writeFile(relativePath, contents) {
      const path = normalize(relativePath);
      // An engine names files inside its own directory; anything else is a bug, never a write elsewhere.
      if (isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`)) throw new Error(`engine output path ${relativePath} leaves its directory`);
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents);
      written.add(path);
    },
    written: () => [...written].sort(),
  };
}
