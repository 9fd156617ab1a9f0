// A tiny DOM builder for the pane's views, and re-rendering that keeps keyboard focus where it was.

type AttrValue = string | number | boolean | null | undefined;
type Handlers = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Attrs {
  /** Event listeners: { click: () => … }. */
  on?: Handlers;
  [name: string]: AttrValue | Handlers;
}

export type Child = Node | string | number | null | undefined | false | readonly Child[];

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const item of child) append(parent, item);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Creates an element: attributes (true → present, false/null/undefined → absent), listeners under `on`,
 * then children (text, nodes, arrays; null/false skipped).
 * @example h('button', { type: 'button', on: { click: save } }, '保存')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'on') continue;
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string' || typeof value === 'number')
      element.setAttribute(name, String(value));
  }
  const handlers = attrs.on ?? {};
  for (const [type, handler] of Object.entries(handlers)) {
    // Handlers is keyed by event type, so each listener receives the event type its key names.
    if (typeof handler === 'function') element.addEventListener(type, handler as EventListener);
  }
  for (const child of children) append(element, child);
  return element;
}

/**
 * Replaces `container`'s children with `children`. The element that had focus inside it is found again by
 * id and refocused (with the caret where it was), so re-rendering never throws a keyboard user back to the top.
 */
export function mount(container: HTMLElement, children: Child): void {
  const active = document.activeElement;
  const focusedId = active instanceof HTMLElement && container.contains(active) ? active.id : '';
  const caret =
    active instanceof HTMLInputElement && active.type !== 'checkbox' && active.type !== 'radio'
      ? active.selectionStart
      : null;
  const fragment = document.createDocumentFragment();
  append(fragment, children);
  container.replaceChildren(fragment);
  if (focusedId === '') return;
  const again = document.getElementById(focusedId);
  if (!again) return;
  again.focus();
  if (again instanceof HTMLInputElement && caret !== null && again.type !== 'checkbox') {
    again.setSelectionRange(caret, caret);
  }
}
