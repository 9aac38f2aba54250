/** One thing to paste or set so a workload signs in with what `synth` created. */
export interface Snippet {
  readonly title: string;
  /** YAML to paste (a workflow, a CI job, a manifest, workspace variables), as data. */
  readonly yaml?: Readonly<Record<string, unknown>>;
  /** A configuration file or commands that are not YAML. */
  readonly text?: string;
  /** What the snippet cannot say by itself (placeholders, where it belongs). */
  readonly notes: readonly string[];
}
