import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SarifTool } from '../report/findings-sarif';

/** The installed package's name, version and home page: package.json sits two levels above this file in lib/ and in dist/. */
export function packageInfo(): SarifTool {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; version: string; homepage: string };
  return { name: manifest.name, version: manifest.version, informationUri: manifest.homepage };
}
