/**
 * RFC 4180 CSV, header first, CRLF line ends. A cell that a spreadsheet would read as a formula
 * (=, +, -, @ first) is prefixed with a quote mark, so a crafted name cannot run in the staff's
 * spreadsheet.
 */
export function csv(header: string[], rows: (string | number | boolean)[][]): string {
  return [header, ...rows.map((r) => r.map(cell))].map((l) => l.join(',')).join('\r\n') + '\r\n';
}

function cell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
