import type { HostToPage, PageToHost, RequestMap } from '../../src/protocol/page';

interface VsCodeApi<T> {
  postMessage(message: T): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi<T>(): VsCodeApi<T>;

/**
 * The page side of the protocol: typed requests with promised replies, state pushes from the host. What the
 * host marks to persist with a state is saved with the panel (VS Code hands it to the serializer after a reload).
 */
export function connectToHost<S, R extends RequestMap>(handlers: { onState(state: S): void; onUnavailable(message: string): void }) {
  const vscode = acquireVsCodeApi<PageToHost<R>>();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  window.addEventListener('message', (event: MessageEvent<HostToPage<S>>) => {
    const message = event.data;
    switch (message.type) {
      case 'state':
        if (message.persist !== undefined) vscode.setState(message.persist);
        handlers.onState(message.state);
        break;
      case 'unavailable':
        handlers.onUnavailable(message.message);
        break;
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
    persist(state: unknown): void {
      vscode.setState(state);
    },
    request<K extends keyof R & string>(command: K, args: R[K]['args']): Promise<R[K]['result']> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        vscode.postMessage({ type: 'request', id, command, args } as PageToHost<R>);
      });
    },
  };
}
