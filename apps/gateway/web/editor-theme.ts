import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * The editor's colours are style.css's custom properties, so the editor follows the page's light
 * or dark theme, and a switch between them, with no reconfiguring. The syntax colours are the
 * ones highlight.js uses for the code in lab descriptions.
 */
const frame = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--bg)' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': { color: 'var(--muted)', backgroundColor: 'var(--soft)', borderRightColor: 'var(--line)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { color: 'var(--fg)', backgroundColor: 'var(--active-line)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--selection)',
  },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--selection)', outline: '1px solid var(--line)' },
  '.cm-searchMatch': { backgroundColor: 'var(--mark-bg)' },
  '.cm-panels': { color: 'var(--fg)', backgroundColor: 'var(--soft)' },
  '.cm-tooltip': { color: 'var(--fg)', backgroundColor: 'var(--soft)', border: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { color: 'var(--bg)', backgroundColor: 'var(--accent)' },
});

const syntax = HighlightStyle.define([
  { tag: [tags.keyword, tags.self, tags.typeName], color: 'var(--code-keyword)' },
  { tag: tags.string, color: 'var(--code-string)' },
  { tag: tags.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.number, tags.bool, tags.null, tags.literal], color: 'var(--code-number)' },
  { tag: tags.function(tags.variableName), color: 'var(--code-title)' },
  { tag: [tags.processingInstruction, tags.meta, tags.special(tags.name)], color: 'var(--code-meta)' },
]);

export const editorTheme = [frame, syntaxHighlighting(syntax)];
