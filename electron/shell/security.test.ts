import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { resolveAppPage } from './app-page';
import {
  contentSecurityPolicyListener,
  describeUrl,
  guardWebContents,
  hardenSession,
  installSecurityHooks,
  isPermissionCheckAllowed,
  isPermissionRequestAllowed,
} from './security';
import { FakeSession, FakeWebContents, fake, fakeEvent } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const outDir = resolve('/opt/counter/out');
const page = resolveAppPage({ outDir, isPackaged: true });
const OWN = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
const FOREIGN = ['https://evil.example/', 'file:///home/clerk/Downloads/x.html', 'http://127.0.0.1:8080/', 'about:blank'];

beforeEach(() => fake.reset());

/** Runs the CSP listener on a response and returns the headers it let through. */
function headersAfter(responseHeaders: Record<string, string[]> | undefined): Record<string, string | string[]> {
  let result: Record<string, string | string[]> | undefined;
  contentSecurityPolicyListener({ responseHeaders } as never, (response) => {
    result = response.responseHeaders;
  });
  if (!result) throw new Error('callback not called with headers');
  return result;
}

describe('Content-Security-Policy', () => {
  it('is strict: nothing by default, no eval, no inline script, no plugins, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
  });

  it('the onHeadersReceived listener sets exactly that policy and keeps other headers', () => {
    const headers = headersAfter({ 'Content-Type': ['text/html'] });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('replaces a policy the response already carries, whatever its case', () => {
    const headers = headersAfter({
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Security-Policy-Report-Only': ['default-src *'],
    });
    const cspHeaders = Object.keys(headers).filter((name) => name.toLowerCase().startsWith('content-security-policy'));
    expect(cspHeaders).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('works on a response without headers', () => {
    expect(headersAfter(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('permissions', () => {
  const request = (permission: string, facts: Partial<Parameters<typeof isPermissionRequestAllowed>[2]> = {}) =>
    isPermissionRequestAllowed(page, permission, { isMainFrame: true, requestingUrl: OWN, mediaTypes: ['video'], ...facts });

  it('grants the camera (video) to our page', () => {
    expect(request('media')).toBe(true);
  });

  it('refuses the microphone, an empty media request, a subframe and any other page', () => {
    expect(request('media', { mediaTypes: ['audio'] })).toBe(false);
    expect(request('media', { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(request('media', { mediaTypes: [] })).toBe(false);
    expect(request('media', { mediaTypes: undefined })).toBe(false);
    expect(request('media', { isMainFrame: false })).toBe(false);
    for (const url of FOREIGN) expect(request('media', { requestingUrl: url }), url).toBe(false);
  });

  it('refuses every other permission, even to our page', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'midi',
      'fullscreen',
      'pointerLock',
      'fileSystem',
      'unknown',
    ]) {
      expect(request(permission), permission).toBe(false);
    }
  });

  it('checks follow the same rule: video for our main frame only', () => {
    const wc = { getURL: () => OWN };
    const check = (permission: string, facts: Partial<Parameters<typeof isPermissionCheckAllowed>[3]> = {}, contents: typeof wc | null = wc) =>
      isPermissionCheckAllowed(page, contents, permission, { isMainFrame: true, requestingUrl: OWN, mediaType: 'video', ...facts });
    expect(check('media')).toBe(true);
    // No requestingUrl (some checks): the web contents' URL decides.
    expect(check('media', { requestingUrl: undefined })).toBe(true);
    expect(check('media', { requestingUrl: undefined }, { getURL: () => FOREIGN[0]! })).toBe(false);
    expect(check('media', { requestingUrl: undefined }, null)).toBe(false);
    expect(check('media', { mediaType: 'audio' })).toBe(false);
    expect(check('media', { mediaType: 'unknown' })).toBe(false);
    expect(check('media', { isMainFrame: false })).toBe(false);
    expect(check('media', { requestingUrl: FOREIGN[0] })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'openExternal', 'hid', 'serial', 'usb']) {
      expect(check(permission), permission).toBe(false);
    }
  });
});

describe('hardenSession', () => {
  it('installs the CSP listener, both permission handlers, a device handler that says no, and blocks downloads', () => {
    const session = new FakeSession();
    const log = vi.fn();
    hardenSession(session as never, { page, log });

    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledWith(contentSecurityPolicyListener);

    const granted = vi.fn();
    session.requestHandler!({}, 'media', granted, { isMainFrame: true, requestingUrl: OWN, mediaTypes: ['video'] });
    session.requestHandler!({}, 'geolocation', granted, { isMainFrame: true, requestingUrl: OWN });
    session.requestHandler!({}, 'openExternal', granted, { isMainFrame: true, requestingUrl: OWN, externalURL: 'https://x' });
    session.requestHandler!({}, 'media', granted, { isMainFrame: true, requestingUrl: FOREIGN[0], mediaTypes: ['video'] });
    expect(granted.mock.calls).toEqual([[true], [false], [false], [false]]);
    expect(log.mock.calls.every(([line]) => !String(line).includes('/Downloads/'))).toBe(true);

    expect(session.checkHandler!({ getURL: () => OWN }, 'media', 'file:///', { isMainFrame: true, requestingUrl: OWN, mediaType: 'video' })).toBe(true);
    expect(session.checkHandler!({ getURL: () => OWN }, 'notifications', 'file:///', { isMainFrame: true, requestingUrl: OWN })).toBe(false);
    expect(session.deviceHandler!({ deviceType: 'hid', origin: 'file:///' })).toBe(false);

    const download = fakeEvent();
    session.emit('will-download', download, {}, {});
    expect(download.defaultPrevented()).toBe(true);
  });

  it('hardens a session only once', () => {
    const session = new FakeSession();
    hardenSession(session as never, { page, log: vi.fn() });
    hardenSession(session as never, { page, log: vi.fn() });
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
  });
});

describe('guardWebContents', () => {
  function guarded() {
    const contents = new FakeWebContents(new FakeSession());
    const log = vi.fn();
    guardWebContents(contents as never, { page, log });
    return { contents, log };
  }

  for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`${eventName}: prevents foreign URLs, lets our page through`, () => {
      const { contents, log } = guarded();
      for (const url of FOREIGN) {
        const event = fakeEvent({ url });
        contents.emit(eventName, event, url);
        expect(event.defaultPrevented(), url).toBe(true);
      }
      const own = fakeEvent({ url: `${OWN}#/case` });
      contents.emit(eventName, own, own.url);
      expect(own.defaultPrevented()).toBe(false);
      // Logged by scheme and host only: no file paths.
      expect(log.mock.calls.map(([line]) => String(line)).some((line) => line.includes('Downloads'))).toBe(false);
    });
  }

  it('denies window.open', () => {
    const { contents } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/', frameName: '', features: '' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: OWN, frameName: '', features: '' })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: false }, { src: 'https://evil.example/' });
    expect(event.defaultPrevented()).toBe(true);
  });
});

describe('installSecurityHooks', () => {
  it('guards every web contents created from then on, and hardens its session', () => {
    installSecurityHooks({ page, log: vi.fn() });
    const contents = new FakeWebContents(new FakeSession());
    fake.app.emit('web-contents-created', fakeEvent(), contents);

    const event = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented()).toBe(true);
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.session.requestHandler).not.toBeNull();
    expect(contents.session.headersListener).toBe(contentSecurityPolicyListener);
  });
});

describe('describeUrl', () => {
  it('keeps scheme and host only', () => {
    expect(describeUrl('file:///home/clerk/张三身份证.jpg')).toBe('file:');
    expect(describeUrl('https://evil.example/path?id=110101199003070000')).toBe('https://evil.example');
    expect(describeUrl('nonsense')).toBe('(invalid url)');
    expect(describeUrl(null)).toBe('(none)');
  });
});
