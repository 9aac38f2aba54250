import { stringify } from 'yaml';
import { EXIT, type Io } from './io';
import { compileFile } from './load';
import { readOptionsFile } from './options-file';
import { connectWorkload, type IdentityConnection } from '../connect/connect';
import type { Snippet } from '../connect/snippet';

export type ConnectFormat = 'text' | 'yaml';

/** YAML as `connect` prints it: keys in the order written, long lines left whole so commands can be copied. */
const yaml = (data: unknown) => stringify(data, { lineWidth: 0 });

function snippetText(snippet: Snippet): string {
  const body = snippet.yaml !== undefined ? yaml(snippet.yaml) : (snippet.text ?? '');
  const notes = snippet.notes.map((note) => `# note: ${note}\n`).join('');
  return `# ${snippet.title}\n${body}${notes}`;
}

function text(connections: readonly IdentityConnection[]): string {
  return connections
    .map((connection) => [`## identities[${connection.identity}] ${connection.label}`, ...connection.snippets.map(snippetText)].join('\n'))
    .join('\n');
}

/**
 * `connect FILE WORKLOAD`: for each identity of the workload, what it pastes or sets to sign in with what `synth`
 * creates (SPEC §6). `--format yaml` prints the same as one YAML document, for tools.
 */
export function connectCommand(file: string, workload: string, format: ConnectFormat, optionsFile: string | undefined, io: Io): number {
  const { model, plan } = compileFile(file, readOptionsFile(optionsFile).compileOptions);
  const connections = connectWorkload(model, plan, workload);
  io.out(format === 'yaml' ? yaml({ workload, identities: connections }) : text(connections));
  return EXIT.ok;
}
