import type { HostToPage, PageToHost, RequestMap } from './protocol';

interface VsCodeApi<T> { postMessage(message: T): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi<T>(): VsCodeApi<T>;

/** The page side of the protocol: typed requests with promised replies, state pushes from the host. */
export function connectToHost<S, R extends RequestMap>(handlers: {
  onState(state: S): void;
  onUnavailable(message: string): void;
}) {
  const vscode = acquireVsCodeApi<PageToHost<R>>();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  window.addEventListener('message', (event: MessageEvent<HostToPage<S>>) => {
    const message = event.data;
    switch (message.type) {
      case 'state': handlers.onState(message.state); break;
      case 'unavailable': handlers.onUnavailable(message.message); break;
      case 'reply': {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.result);
        else waiter?.reject(new Error(message.error));
        break;
      }
    }
  });
  vscode.postMessage({ type: 'ready' });
  return {
    /** saved by VS Code with the panel, handed back to the serializer after a reload */
    persist(state: unknown): void { vscode.setState(state); },
    request<K extends keyof R & string>(command: K, args: R[K]['args']): Promise<R[K]['result']> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        vscode.postMessage({ type: 'request', id, command, args } as PageToHost<R>);
      });
    },
  };
}

/** Creates an element with text content only: user values never go through innerHTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Partial<Record<string, string>>, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
export function el(tag: string, props?: Partial<Record<string, string>>, ...children: (Node | string)[]): HTMLElement;
export function el(tag: string, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(key, value);
  node.append(...children);
  return node;
}
