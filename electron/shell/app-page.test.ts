import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { isAppPageUrl, resolveAppPage } from './app-page';

const outDir = resolve('/opt/counter/resources/app.asar/out');
const indexHtml = join(outDir, 'renderer', 'index.html');

describe('resolveAppPage', () => {
  it('is the built renderer on disk by default', () => {
    const page = resolveAppPage({ outDir, isPackaged: true });
    expect(page).toEqual({ kind: 'file', filePath: indexHtml, url: pathToFileURL(indexHtml).href, citizenFilePath: join(outDir, 'renderer', 'citizen.html') });
  });

  it('follows ELECTRON_RENDERER_URL in development only', () => {
    expect(resolveAppPage({ outDir, isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(resolveAppPage({ outDir, isPackaged: true, devServerUrl: 'http://localhost:5173/' }).kind).toBe('file');
  });

  it('refuses a dev server URL that is not http(s) on a loopback host', () => {
    const log = vi.fn();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://192.168.1.20:5173/', 'not a url']) {
      expect(resolveAppPage({ outDir, isPackaged: false, devServerUrl: url, log }).kind).toBe('file');
    }
    expect(log).toHaveBeenCalledTimes(4);
  });
});

describe('isAppPageUrl', () => {
  const page = resolveAppPage({ outDir, isPackaged: true });
  const own = pathToFileURL(indexHtml).href;

  it('accepts our page, with or without query and hash', () => {
    expect(isAppPageUrl(page, own)).toBe(true);
    expect(isAppPageUrl(page, `${own}#/citizen`)).toBe(true);
    expect(isAppPageUrl(page, `${own}?screen=clerk`)).toBe(true);
  });

  it('refuses any other file, origin or malformed URL', () => {
    for (const url of [
      pathToFileURL(join(outDir, 'renderer', 'other.html')).href,
      pathToFileURL(join(outDir, 'renderer', 'assets', 'index.js')).href,
      pathToFileURL('/tmp/index.html').href,
      `${pathToFileURL(join(outDir, 'renderer')).href}%2Findex.html`,
      'https://example.com/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'data:text/html,<p>hi</p>',
      'javascript:alert(1)',
      '',
      'not a url',
      null,
      undefined,
    ]) {
      expect(isAppPageUrl(page, url), String(url)).toBe(false);
    }
  });

  it('for the dev server, accepts its origin only', () => {
    const dev = resolveAppPage({ outDir, isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    expect(isAppPageUrl(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppPageUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAppPageUrl(dev, 'http://127.0.0.1:5173/')).toBe(false);
    expect(isAppPageUrl(dev, own)).toBe(false);
  });
});

describe('the citizen page', () => {
  it('is trusted beside index.html, and no other file of the folder is', () => {
    const page = resolveAppPage({ outDir: '/opt/counter/out', isPackaged: true });
    expect(isAppPageUrl(page, 'file:///opt/counter/out/renderer/citizen.html')).toBe(true);
    expect(isAppPageUrl(page, 'file:///opt/counter/out/renderer/citizen.html#rate')).toBe(true);
    expect(isAppPageUrl(page, 'file:///opt/counter/out/renderer/other.html')).toBe(false);
    expect(isAppPageUrl(page, 'file:///opt/counter/out/citizen.html')).toBe(false);
  });
});
