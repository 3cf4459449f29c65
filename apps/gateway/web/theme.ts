import { recall, remember } from './remembered';

/**
 * The light or dark theme, set before the page is first painted: every page loads this small
 * bundle in its head without `defer`, so it runs before the body is parsed and style.css colours
 * the page from `data-theme` on <html> at once. The theme follows the browser's preference
 * (prefers-color-scheme, and its changes) unless the student chose one in the header's Theme
 * menu; the choice is kept in local storage, for every tab.
 */
type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'wb:theme';
const prefersDark = matchMedia('(prefers-color-scheme: dark)');

function chosen(): ThemeChoice {
  const kept = recall(KEY);
  return kept === 'light' || kept === 'dark' ? kept : 'system';
}

function apply(): void {
  const choice = chosen();
  document.documentElement.dataset.theme = choice === 'system' ? (prefersDark.matches ? 'dark' : 'light') : choice;
  const menu = document.getElementById('theme-choice') as HTMLSelectElement | null;
  if (menu) menu.value = choice;
}

apply();
prefersDark.addEventListener('change', apply);
window.addEventListener('storage', (event) => event.key === KEY && apply()); // chosen in another tab

// The menu is in the header, hidden until this script can make it work.
document.addEventListener('DOMContentLoaded', () => {
  const menu = document.getElementById('theme-choice') as HTMLSelectElement | null;
  if (!menu) return;
  menu.addEventListener('change', () => {
    remember(KEY, menu.value === 'system' ? null : menu.value);
    apply();
  });
  apply();
  menu.closest<HTMLElement>('.theme-choice')!.hidden = false;
});
