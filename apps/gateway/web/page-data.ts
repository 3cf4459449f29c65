/** Reads the JSON the server put in `<script type="application/json" id=...>` for this page. */
export function pageData<T>(id: string): T {
  const element = document.getElementById(id);
  if (!element?.textContent) throw new Error(`this page has no #${id} data`);
  return JSON.parse(element.textContent) as T;
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`this page has no #${id}`);
  return element as T;
}

/** Builds an element with text content only: nothing from the server is ever parsed as HTML here. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}
