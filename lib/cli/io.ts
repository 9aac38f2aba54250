/** Where the CLI writes; tests pass their own to capture output. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** SPEC §6 exit codes. */
export const EXIT = { ok: 0, ruleErrors: 1, invalid: 2 } as const;
