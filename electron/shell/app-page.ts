import { resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The one page the shell trusts: the built renderer (out/renderer/index.html)
 * loaded from disk, or, in development only, the electron-vite dev server.
 * Navigation guards, the IPC sender check and the permission handlers all ask
 * this one question — "is this URL our page?" — so they cannot disagree.
 *
 * No `electron` import here: this is plain URL logic, tested under Node.
 */
export type AppPage =
  | { readonly kind: 'file'; readonly filePath: string; readonly url: string; readonly citizenFilePath: string }
  | { readonly kind: 'dev'; readonly url: string; readonly origin: string };

/** The citizen-facing page (evaluator, pause notice), built beside index.html. */
export const CITIZEN_PAGE = 'citizen.html';

export interface ResolveAppPageOptions {
  /** The build output folder holding main/, preload/ and renderer/ (out/). */
  outDir: string;
  /** `app.isPackaged`: a packaged app never follows ELECTRON_RENDERER_URL. */
  isPackaged: boolean;
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl?: string | undefined;
  log?: (line: string) => void;
}

/** Hosts a dev server may run on: the developer's own machine, nothing else. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function resolveAppPage(options: ResolveAppPageOptions): AppPage {
  const dev = options.isPackaged ? undefined : parseDevServerUrl(options.devServerUrl, options.log);
  if (dev) return { kind: 'dev', url: dev.href, origin: dev.origin };
  const filePath = resolve(options.outDir, 'renderer', 'index.html');
  return { kind: 'file', filePath, url: pathToFileURL(filePath).href, citizenFilePath: resolve(options.outDir, 'renderer', CITIZEN_PAGE) };
}

/**
 * Only an http(s) URL on a loopback host is accepted: an environment
 * variable must not be able to point the clerk window (and its bridge to the
 * ID reader) at a remote site.
 */
function parseDevServerUrl(raw: string | undefined, log?: (line: string) => void): URL | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    log?.('桌面外壳：ELECTRON_RENDERER_URL 不是有效地址，已忽略');
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    log?.(`桌面外壳：ELECTRON_RENDERER_URL 只允许本机的 http(s) 地址，已忽略（${url.origin}）`);
    return undefined;
  }
  return url;
}

/**
 * True when `candidate` is our page. For the built renderer: a file: URL of
 * exactly out/renderer/index.html or out/renderer/citizen.html (query and
 * hash may differ, the renderer may use them for its own routing). For the
 * dev server: the same origin.
 */
export function isAppPageUrl(page: AppPage, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string' || candidate === '') return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (page.kind === 'dev') return url.origin === page.origin;
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    // e.g. an encoded path separator (%2F): never our page.
    return false;
  }
  return samePath(resolve(path), page.filePath) || samePath(resolve(path), page.citizenFilePath);
}

/** Windows paths compare case-insensitively; elsewhere byte for byte. */
function samePath(a: string, b: string): boolean {
  return sep === '\\' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
