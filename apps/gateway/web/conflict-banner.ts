import { el } from './page-data';

/** Shows a save conflict and lets the user choose which version wins; nothing is chosen for them. */
export function showConflict(banner: HTMLElement, revision: number, choose: (keep: 'theirs' | 'mine') => void): void {
  const theirs = el('button', 'Load the saved version');
  const mine = el('button', 'Keep mine (overwrite it)', 'secondary');
  theirs.type = mine.type = 'button';
  theirs.addEventListener('click', () => done('theirs'));
  mine.addEventListener('click', () => done('mine'));
  banner.replaceChildren(
    el(
      'p',
      `This program was saved from another tab or the wb client (revision ${revision}) after you loaded it. Your edits here are not saved yet.`,
    ),
    theirs,
    mine,
  );
  banner.hidden = false;
  theirs.focus();

  function done(keep: 'theirs' | 'mine') {
    banner.hidden = true;
    banner.replaceChildren();
    choose(keep);
  }
}
