/**
 * The clerk window's preload. It runs sandboxed, so the bundle it becomes
 * (out/preload/index.js, CommonJS) may require nothing but 'electron': keep
 * its imports (here and in counter-bridge.ts) to 'electron' and to pure
 * modules the bundler inlines (shared/i18n). Not shared/contract: that pulls
 * in zod. preload.bundle.test.ts builds it and checks.
 *
 * It exposes exactly one object to the page, `window.counterApi`:
 *
 *   invoke(method: string, params: unknown): Promise<BridgeReply>
 *     never rejects; resolves to
 *       { ok: true, result }                              on success, or
 *       { ok: false, error: { code, message } }           code as ApiError['code'], message Chinese.
 *     An envelope rather than a rejection because contextBridge copies only
 *     the message of an Error: a `code` property would not reach the page.
 *
 *   on(event: string, listener: (payload: unknown) => void): () => void
 *     the listener gets the payload only (never Electron's event object);
 *     the returned function unsubscribes and may be called more than once.
 *
 * Everything that crosses is untyped here on purpose: renderer/api validates
 * it against the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createCounterBridge } from './counter-bridge';

const bridge = createCounterBridge(ipcRenderer);
// Plain functions in a fresh object: nothing else of the preload's world
// (ipcRenderer, the subscription map) is reachable from the page.
contextBridge.exposeInMainWorld('counterApi', {
  invoke: (method: string, params: unknown) => bridge.invoke(method, params),
  on: (event: string, listener: (payload: unknown) => void) => bridge.on(event, listener),
});
