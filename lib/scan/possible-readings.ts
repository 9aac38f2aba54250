/**
 * At most this many readings of one template or module: beyond, the choices not yet made stay unresolved
 * placeholders, judged as wide as they may be.
 */
const MAX_READINGS = 64;

/** The option a reading takes for one choice, or none: the value then stays unresolved. */
export type Chosen = { readonly made: true; readonly option: unknown } | { readonly made: false };

/**
 * Makes the choices of one reading: a CloudFormation condition's outcome, a parameter's allowed value, a Terraform
 * conditional's branch or a variable's permitted value. A choice met twice (same key) takes the same option.
 */
export interface Chooser {
  choose(key: string, options: readonly unknown[]): Chosen;
}

class ReadingChooser implements Chooser {
  /** The first choice this reading met and had not made; later readings make it. */
  open: { readonly key: string; readonly options: readonly unknown[] } | undefined;

  constructor(
    private readonly made: ReadonlyMap<string, unknown>,
    /** False once the readings are bounded: choices not made stay unresolved. */
    private readonly branching: boolean,
  ) {}

  choose(key: string, options: readonly unknown[]): Chosen {
    if (this.made.has(key)) return { made: true, option: this.made.get(key) };
    if (!this.branching || options.length === 0) return { made: false };
    this.open ??= { key, options };
    return { made: true, option: options[0] };
  }
}

/**
 * Every way the values `read` reads may come out: `read` runs once per combination of the options of the choices
 * it meets (only those it meets), depth first, so the readings come in a stable order.
 */
export function possibleReadings<T>(read: (chooser: Chooser) => T): T[] {
  const readings: T[] = [];
  const pending: ReadonlyMap<string, unknown>[] = [new Map()];
  while (pending.length > 0) {
    const made = pending.pop()!;
    const room = MAX_READINGS - readings.length - pending.length;
    const chooser = new ReadingChooser(made, true);
    const reading = read(chooser);
    const open = chooser.open;
    if (open === undefined) {
      readings.push(reading);
    } else if (open.options.length > room) {
      readings.push(read(new ReadingChooser(made, false)));
    } else {
      for (const option of [...open.options].reverse()) pending.push(new Map([...made, [open.key, option]]));
    }
  }
  return readings;
}
