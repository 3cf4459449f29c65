import { cpp } from '@codemirror/lang-cpp';
import { Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { compilerMarkers } from './editor-diagnostics';
import { editorTheme } from './editor-theme';

export interface Editor {
  view: EditorView;
  text: () => string;
  setText: (text: string) => void;
}

/**
 * CodeMirror 6 with C++ highlighting (CUDA and OpenCL C read well as C++), line numbers and
 * bracket matching from basicSetup, in the page's light or dark colours, and the last run's
 * compiler messages as markers (editor-diagnostics.ts). Ctrl/Cmd-S saves instead of opening the
 * browser's dialog; `onChange` hears of every edit.
 */
export function createEditor(parent: HTMLElement, text: string, onSave: () => void, onChange: () => void = () => undefined): Editor {
  const view = new EditorView({
    parent,
    doc: text,
    extensions: [
      basicSetup,
      cpp(),
      editorTheme,
      compilerMarkers,
      EditorView.contentAttributes.of({ 'aria-label': 'Program' }),
      Prec.highest(keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (onSave(), true) }])),
      EditorView.updateListener.of((update) => update.docChanged && onChange()),
    ],
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (next) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
  };
}
