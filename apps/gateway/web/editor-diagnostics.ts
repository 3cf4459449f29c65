import { Diagnostic, diagnosticCount, forEachDiagnostic, lintGutter, linter, setDiagnosticsEffect } from '@codemirror/lint';
import { ChangeSet, EditorState, StateEffect, StateField, Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { columnOffset, parseCompilerDiagnostics, PROGRAM_FILES } from '../../../libs/common/src/diagnostics/compiler-diagnostics';

const runSubmitted = StateEffect.define<null>();

/**
 * The text of the last run (or, before one, the text the page loaded) and the edits made since:
 * a compiler's line numbers are about that text, and the edits carry them to the text as it is.
 */
const sinceRun = StateField.define<{ doc: Text; edits: ChangeSet }>({
  create: (state) => ({ doc: state.doc, edits: ChangeSet.empty(state.doc.length) }),
  update: (value, tr) => {
    if (tr.effects.some((e) => e.is(runSubmitted))) return { doc: tr.newDoc, edits: ChangeSet.empty(tr.newDoc.length) };
    return tr.docChanged ? { doc: value.doc, edits: value.edits.compose(tr.changes) } : value;
  },
});

/** An edit on a marked line takes that line's markers away: they were about text that is gone. */
const clearEditedLines = EditorState.transactionExtender.of((tr) => {
  if (!tr.docChanged || !diagnosticCount(tr.startState)) return null;
  const kept: Diagnostic[] = [];
  forEachDiagnostic(tr.startState, (diagnostic, from, to) => {
    const { doc } = tr.startState;
    if (tr.changes.touchesRange(doc.lineAt(from).from, doc.lineAt(to).to)) return;
    kept.push({ ...diagnostic, from: tr.changes.mapPos(from), to: tr.changes.mapPos(to) });
  });
  return kept.length === diagnosticCount(tr.startState) ? null : { effects: setDiagnosticsEffect.of(kept) };
});

/**
 * The compiler's errors, warnings and notes as markers in the gutter and underlines, each with
 * its message on hover (`@codemirror/lint`, with no linter of its own: the markers come from runs).
 */
export const compilerMarkers = [linter(null), lintGutter(), sinceRun, clearEditedLines];

/** A run of the editor's text was submitted: the last run's markers go. */
export function markRunSubmitted(view: EditorView): void {
  view.dispatch({ effects: [runSubmitted.of(null), setDiagnosticsEffect.of([])] });
}

/**
 * Marks what the compiler said about `program` (the run's text), when that is the last run's
 * text: on the lines the student has not edited since, wherever edits above have moved them.
 */
export function showCompilerDiagnostics(view: EditorView, program: string, compilerOutput: string): void {
  const { doc, edits } = view.state.field(sinceRun);
  if (doc.toString() !== program) return;
  const marks: Diagnostic[] = [];
  for (const d of parseCompilerDiagnostics(compilerOutput)) {
    if (!PROGRAM_FILES.includes(d.file) || d.line < 1 || d.line > doc.lines) continue;
    const line = doc.line(d.line);
    if (edits.touchesRange(line.from, line.to)) continue;
    const [from, to] = markedSpan(line.text, d.column).map((offset) => edits.mapPos(line.from + offset));
    marks.push({ from, to, severity: d.severity === 'note' ? 'info' : d.severity, message: d.message });
  }
  view.dispatch({ effects: setDiagnosticsEffect.of(marks) });
}

/**
 * What an underline covers within its line: the word (or character) at the compiler's column,
 * or, with no column (nvcc), the line's text.
 */
function markedSpan(text: string, column: number | undefined): [number, number] {
  if (column === undefined) return [text.length - text.trimStart().length, text.length];
  const from = columnOffset(text, column);
  const word = /^\w+/.exec(text.slice(from))?.[0];
  return [from, Math.min(text.length, from + (word?.length ?? 1))];
}

/**
 * Moves the cursor to a line (and column) of the last run's text, wherever edits have moved it
 * since, and gives the editor the focus.
 */
export function goToProgramLine(view: EditorView, lineNumber: number, column?: number): void {
  const { doc, edits } = view.state.field(sinceRun);
  const line = doc.line(Math.min(Math.max(lineNumber, 1), doc.lines));
  const at = edits.mapPos(line.from + (column ? columnOffset(line.text, column) : 0));
  view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
  view.focus();
}
