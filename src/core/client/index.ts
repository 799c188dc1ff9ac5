// The one door into the core for every face: `openHub(store, actor)` and the types it speaks.
export { openHub, type HubOptions } from './localHub';
export type * from './types';
