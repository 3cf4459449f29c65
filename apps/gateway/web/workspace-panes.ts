import { el } from './page-data';
import { recall, remember } from './remembered';

/** From this width on the lab page is a workspace of panes side by side (style.css has the same). */
export const WORKSPACE_MEDIA = '(min-width: 1200px)';

/** The two outer panes' widths, in percent of the workspace; the editor's pane has the rest. */
interface PaneSizes {
  description: number;
  results: number;
}

type Pane = keyof PaneSizes;

const DEFAULT_SIZES: PaneSizes = { description: 28, results: 30 };
const MIN_PERCENT = 15;
const MAX_PERCENT = 45;
/** What the two outer panes leave the editor at least. */
const EDITOR_PERCENT = 30;
const STEP_PERCENT = 2;

/**
 * The drag handles between the workspace's panes: the WAI-ARIA window splitter, so a handle is
 * focusable, says the width of the pane it resizes (aria-valuenow, in percent) and moves with the
 * arrow keys, Home and End as well as with a pointer. The sizes are remembered per lab.
 */
export function setUpPanes(workspace: HTMLElement, mpId: string): void {
  const memoryKey = `wb:panes:${mpId}`;
  const sizes = { ...DEFAULT_SIZES };
  const kept = recall(memoryKey) as Partial<PaneSizes> | null;
  for (const pane of ['description', 'results'] as const) {
    const value = kept?.[pane];
    if (typeof value === 'number' && Number.isFinite(value)) sizes[pane] = Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, value));
  }

  const largest = (pane: Pane) => Math.min(MAX_PERCENT, 100 - EDITOR_PERCENT - sizes[pane === 'description' ? 'results' : 'description']);
  const handles = {
    description: handle('description', 'panel-description', 'Resize the description'),
    results: handle('results', 'results-pane', 'Resize the results'),
  };

  const resize = (pane: Pane, percent: number) => {
    sizes[pane] = Math.round(Math.min(largest(pane), Math.max(MIN_PERCENT, percent)));
    show();
  };
  const show = () => {
    for (const pane of ['description', 'results'] as const) {
      workspace.style.setProperty(`--pane-${pane}`, `${sizes[pane]}%`);
      handles[pane].setAttribute('aria-valuenow', String(sizes[pane]));
      handles[pane].setAttribute('aria-valuemin', String(MIN_PERCENT));
      handles[pane].setAttribute('aria-valuemax', String(largest(pane)));
    }
  };

  function handle(pane: Pane, controls: string, label: string): HTMLElement {
    const separator = el('div', undefined, 'pane-handle');
    Object.entries({ role: 'separator', 'aria-orientation': 'vertical', 'aria-controls': controls, 'aria-label': label }).forEach(
      ([name, value]) => separator.setAttribute(name, value),
    );
    separator.tabIndex = 0;
    // The description is left of its handle, the results right of theirs: "grow" points inwards.
    const grow = pane === 'description' ? 'ArrowRight' : 'ArrowLeft';
    const shrink = pane === 'description' ? 'ArrowLeft' : 'ArrowRight';
    separator.addEventListener('keydown', (event) => {
      const next = { [grow]: sizes[pane] + STEP_PERCENT, [shrink]: sizes[pane] - STEP_PERCENT, Home: MIN_PERCENT, End: largest(pane) }[
        event.key
      ];
      if (next === undefined) return;
      event.preventDefault();
      resize(pane, next);
      remember(memoryKey, sizes);
    });
    separator.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      separator.setPointerCapture(event.pointerId);
      workspace.classList.add('resizing');
    });
    separator.addEventListener('pointermove', (event) => {
      if (!separator.hasPointerCapture(event.pointerId)) return;
      const box = workspace.getBoundingClientRect();
      const edge = pane === 'description' ? event.clientX - box.left : box.right - event.clientX;
      resize(pane, (edge / box.width) * 100);
    });
    const stop = () => {
      if (!workspace.classList.contains('resizing')) return;
      workspace.classList.remove('resizing');
      remember(memoryKey, sizes);
    };
    separator.addEventListener('lostpointercapture', stop);
    return separator;
  }

  document.getElementById('panel-description')!.after(handles.description);
  document.getElementById('results-pane')!.before(handles.results);
  // Two kept sizes may not fit together (each widened in another tab): the description gives way.
  resize('description', sizes.description);
  resize('results', sizes.results);
}
