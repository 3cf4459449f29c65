/**
 * The lab page's tabs (WAI-ARIA tab pattern). Every panel is visible until this runs, so the
 * page works without JavaScript. The selected tab lives in the URL hash so it survives a reload
 * and can be linked to; arrow keys, Home and End move between tabs.
 */
export function setUpTabs(onShow: (name: string) => void): (name: string) => void {
  const tabs = Array.from(document.querySelectorAll<HTMLAnchorElement>('[role="tab"]'));
  const names = tabs.map((t) => t.id.replace(/^tab-/, ''));

  const select = (name: string, focus = false) => {
    if (!names.includes(name)) name = names[0];
    tabs.forEach((tab, i) => {
      const selected = names[i] === name;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(`panel-${names[i]}`)!.hidden = !selected;
      if (selected && focus) tab.focus();
    });
    if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
    onShow(name);
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
  select(location.hash.slice(1));
  return (name) => select(name);
}
