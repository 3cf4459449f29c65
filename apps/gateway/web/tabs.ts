import { recall, remember } from './remembered';

export interface TabOptions {
  /** Called with the tab's name each time a tab is shown, and with every name when all are. */
  onShow: (name: string) => void;
  /** Where the last selected tab is remembered (per lab), for a visit without one in the URL. */
  memoryKey: string;
  /** While this matches, every panel is shown at once (the workspace) and the tabs are not used. */
  showAll: MediaQueryList;
}

/**
 * The lab page's tabs (WAI-ARIA tab pattern). Every panel is visible until this runs, so the
 * page works without JavaScript. The selected tab lives in the URL hash so it can be linked to,
 * and in local storage so that it survives a reload; arrow keys, Home and End move between tabs.
 * An element with `data-shown-with="<tab>"` is shown and hidden with that tab's panel.
 */
export function setUpTabs({ onShow, memoryKey, showAll }: TabOptions): void {
  const tabs = Array.from(document.querySelectorAll<HTMLAnchorElement>('[role="tab"]'));
  const names = tabs.map((t) => t.id.replace(/^tab-/, ''));
  const panels = names.map((name) => document.getElementById(`panel-${name}`)!);
  let current = names[0];

  const show = (focus = false) => {
    const all = showAll.matches;
    tabs.forEach((tab, i) => {
      const selected = names[i] === current;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      // Side by side the panels are regions named by their (hidden) tabs, not tab panels.
      panels[i].setAttribute('role', all ? 'region' : 'tabpanel');
      panels[i].hidden = !all && !selected;
      document.querySelectorAll<HTMLElement>(`[data-shown-with="${names[i]}"]`).forEach((e) => (e.hidden = panels[i].hidden));
      if (selected && focus) tab.focus();
      if (all || selected) onShow(names[i]);
    });
  };

  const select = (name: string, focus = false) => {
    current = names.includes(name) ? name : names[0];
    if (location.hash !== `#${current}`) history.replaceState(null, '', `#${current}`);
    remember(memoryKey, current);
    show(focus);
  };

  tabs.forEach((tab, i) => {
    tab.addEventListener('click', (event) => {
      event.preventDefault();
      select(names[i]);
    });
    tab.addEventListener('keydown', (event) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(names[(next + tabs.length) % tabs.length], true);
    });
  });
  window.addEventListener('hashchange', () => select(location.hash.slice(1)));
  showAll.addEventListener('change', () => show());
  const linked = location.hash.slice(1);
  const kept = recall(memoryKey);
  select(names.includes(linked) ? linked : typeof kept === 'string' ? kept : names[0]);
}
