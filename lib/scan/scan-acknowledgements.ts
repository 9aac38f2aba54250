import { z } from 'zod';
import { DeclarationError } from '../declaration/errors';
import { inFile, parseInputText, readInputFile } from '../declaration/load';
import { plainLanguage } from '../declaration/messages';
import { zodProblems } from '../declaration/zod-problems';
import { RULES } from '../rules/catalogue';
import type { Finding } from '../rules/rule';

/** One finding of `scan` deliberately accepted: its rule, where it is, and why. */
export interface ScanAcknowledgement {
  readonly rule: string;
  /** The finding's path, with or without the line (`main.tf#resource.aws_iam_access_key.ci`). */
  readonly path: string;
  readonly reason: string;
}

const acknowledgeableRule = z.string().superRefine((id, ctx) => {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) ctx.addIssue({ code: 'custom', message: `${id} is not a rule of the catalogue (see \`workload-iam rules\`)` });
  else if (!rule.acknowledgeable) ctx.addIssue({ code: 'custom', message: `${id} (${rule.title}) cannot be acknowledged: fix what it finds instead` });
});

const acknowledgementsFile = z.strictObject({
  acknowledge: z.array(
    z.strictObject({
      rule: acknowledgeableRule,
      path: z.string().trim().min(1, 'path must name the finding, as scan prints it'),
      reason: z.string().trim().min(10, 'reason must say why the finding is accepted (at least 10 characters)'),
    }),
  ),
});

/** Reads a `--acknowledge` file (YAML or JSON: `acknowledge: [{ rule, path, reason }]`); every problem names its line. */
export function readScanAcknowledgements(file: string): ScanAcknowledgement[] {
  return inFile(file, () =>
    parseInputText(readInputFile(file), (input) => {
      const parsed = acknowledgementsFile.safeParse(input, { error: plainLanguage });
      if (!parsed.success) throw new DeclarationError(zodProblems(parsed.error).map((problem) => ({ ...problem, message: `${problem.message} (in --acknowledge ${file})` })));
      return parsed.data.acknowledge;
    }).value,
  );
}

/** A path without the line it names: line numbers move when a file is edited, the element does not. */
const withoutLine = (path: string) => path.replace(/:\d+#/, '#');

/**
 * Marks each finding an acknowledgement names (same rule, same path) as acknowledged with its reason; it then blocks
 * nothing. Also returns the acknowledgements that matched no finding, so stale ones can be removed.
 */
export function acknowledgeFindings(
  findings: readonly Finding[],
  acknowledgements: readonly ScanAcknowledgement[],
): { findings: Finding[]; unmatched: ScanAcknowledgement[] } {
  const used = new Set<ScanAcknowledgement>();
  const marked = findings.map((finding) => {
    const match = acknowledgements.find((a) => a.rule === finding.rule && withoutLine(a.path) === withoutLine(finding.path));
    if (!match) return finding;
    used.add(match);
    return { ...finding, acknowledged: match.reason };
  });
  return { findings: marked, unmatched: acknowledgements.filter((a) => !used.has(a)) };
}
