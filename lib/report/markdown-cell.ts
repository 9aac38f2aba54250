/** Text for a Markdown table cell: one line, pipes escaped, and no HTML a pull-request comment would render. */
export function markdownCell(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}
