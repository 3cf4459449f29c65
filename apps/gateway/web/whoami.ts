import { byId } from './page-data';

/**
 * The account page: each Copy button copies the command it stands beside. Where the clipboard
 * is not allowed (a page served over plain HTTP from another host), the command is selected
 * instead, for Ctrl+C. A form that would undo something (a new API key ends the old one) asks
 * first, with its `data-confirm` question.
 */
const state = byId('copy-state');
document.querySelectorAll<HTMLButtonElement>('button[data-copy]').forEach((button) => {
  button.addEventListener('click', async () => {
    const source = byId(button.dataset.copy!);
    try {
      await navigator.clipboard.writeText(source.textContent ?? '');
      state.textContent = 'Copied.';
    } catch {
      getSelection()?.selectAllChildren(source);
      state.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
    }
  });
});

document.querySelectorAll<HTMLFormElement>('form[data-confirm]').forEach((form) => {
  form.addEventListener('submit', (event) => {
    if (!confirm(form.dataset.confirm!)) event.preventDefault();
  });
});
