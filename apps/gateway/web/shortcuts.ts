/**
 * Ctrl-Enter (⌘-Enter on a Mac) runs the selected dataset and Ctrl-Shift-Enter every dataset,
 * wherever the focus is. The listener is on the window in the capture phase, so it hears the keys
 * before the editor does: CodeMirror would otherwise insert a blank line for Mod-Enter.
 */
export function setUpRunShortcuts(run: (allDatasets: boolean) => void): void {
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.isComposing) return;
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) run(event.shiftKey);
    },
    { capture: true },
  );
}
