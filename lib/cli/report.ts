import { EXIT, type Io } from './io';
import { readManifest } from './manifest-input';
import { inventoryOf } from '../report/inventory';
import { inventoryHtml } from '../report/inventory-html';
import { inventoryMarkdown } from '../report/inventory-markdown';

export type ReportFormat = 'markdown' | 'html';

/** `report FILE`: the inventory auditors read, from a declaration or a manifest.json. */
export async function reportCommand(file: string, format: ReportFormat, optionsFile: string | undefined, io: Io): Promise<number> {
  const inventory = inventoryOf(readManifest(file, optionsFile));
  io.out(format === 'html' ? await inventoryHtml(inventory) : inventoryMarkdown(inventory));
  return EXIT.ok;
}
