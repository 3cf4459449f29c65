import { sourceReferences } from '../../../libs/common/src/diagnostics/compiler-diagnostics';

/** A line of the program, as the lab page takes it from its address (`?line=26&column=50#code`). */
export interface ProgramLine {
  line: number;
  column?: number;
}

/** The lab page: both pages that show attempts are under it (/mp/:id, /mp/:id/attempt/:attempt_id). */
const labPath = () => location.pathname.split('/').slice(0, 3).join('/');

/**
 * Makes each `program.cpp:26:50`, `program.cpp:26` and `program.cu(26)` in an attempt's outputs
 * a link to that line in the lab page's editor. It splits the text nodes of what the server
 * rendered (already escaped), so no text from the program is ever parsed as HTML. The program as
 * submitted and existing links are left as they are.
 */
export function linkSourceReferences(root: HTMLElement): void {
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('a, pre.program') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const node of texts) {
    const text = node.data;
    const references = sourceReferences(text);
    if (!references.length) continue;
    const parts: (string | HTMLAnchorElement)[] = [];
    let end = 0;
    for (const { index, length, line, column } of references) {
      const link = document.createElement('a');
      link.className = 'source-link';
      link.textContent = text.slice(index, index + length);
      link.href = `${labPath()}?${new URLSearchParams({ line: String(line), ...(column ? { column: String(column) } : {}) })}#code`;
      link.dataset.line = String(line);
      if (column) link.dataset.column = String(column);
      parts.push(text.slice(end, index), link);
      end = index + length;
    }
    parts.push(text.slice(end));
    node.replaceWith(...parts);
  }
}

/**
 * On the lab page a plain click on such a link goes to the line in the editor at once, and a
 * click meant for a new tab or window (a modifier key, the middle button) opens the link.
 */
export function onSourceLinkClick(container: HTMLElement, go: (to: ProgramLine) => void): void {
  container.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a.source-link');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(programLine(link.dataset.line, link.dataset.column)!);
  });
}

/**
 * The line the lab page's address asks for, taken out of the address, so that a reload or a
 * bookmark does not move the cursor again.
 */
export function takeLineFromAddress(): ProgramLine | null {
  const query = new URLSearchParams(location.search);
  if (!query.has('line')) return null;
  const asked = programLine(query.get('line'), query.get('column'));
  query.delete('line');
  query.delete('column');
  const rest = query.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  return asked;
}

function programLine(line: string | null | undefined, column: string | null | undefined): ProgramLine | null {
  const number = Number(line);
  if (!Number.isInteger(number) || number < 1) return null;
  const col = Number(column);
  return Number.isInteger(col) && col >= 1 ? { line: number, column: col } : { line: number };
}
