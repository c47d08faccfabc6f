import {
  app,
  type OnHeadersReceivedListenerDetails,
  type HeadersReceivedResponse,
  type Session,
  type WebContents,
} from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { isAppPageUrl, type AppPage } from './app-page';

/**
 * The guards every page of the shell runs under. The clerk window's page is
 * our own bundle, but it renders data from card readers and configuration
 * files; if anything ever gets script into it, these keep that script from
 * leaving the page: no navigation, no new windows, no webviews, no
 * permissions but the document camera, no remote code (CSP).
 */
export interface GuardOptions {
  page: AppPage;
  log: (line: string) => void;
}

/**
 * URLs in logs are cut to scheme and host: a path can carry a person's name
 * (a dropped file "张三身份证.jpg") and personal data is never logged.
 */
export function describeUrl(raw: string | null | undefined): string {
  if (!raw) return '(none)';
  try {
    const url = new URL(raw);
    return url.host ? `${url.protocol}//${url.host}` : url.protocol;
  } catch {
    return '(invalid url)';
  }
}

// ---------------------------------------------------------------------------
// Content-Security-Policy

/**
 * Sets the shared policy (shared/contract/csp.ts, also sent by the web shell
 * and mirrored by the meta tag in renderer/index.html) on every response of
 * the session. The header adds what the meta tag cannot (frame-ancestors);
 * any policy a response already carries is replaced, not merged.
 */
export function contentSecurityPolicyListener(
  details: OnHeadersReceivedListenerDetails,
  callback: (response: HeadersReceivedResponse) => void,
): void {
  callback({
    responseHeaders: {
      ...withoutContentSecurityPolicy(details.responseHeaders),
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    },
  });
}

function withoutContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    kept[name] = value;
  }
  return kept;
}

// ---------------------------------------------------------------------------
// Permissions

/** The permission details Electron hands the request handler, as far as we read them. */
export interface PermissionRequestFacts {
  isMainFrame: boolean;
  requestingUrl: string;
  mediaTypes?: ReadonlyArray<'video' | 'audio'>;
}

/**
 * Only the document camera: `media` with video and nothing else (no
 * microphone), from the main frame of our own page. Everything else —
 * geolocation, notifications, openExternal, HID/serial/USB (devices belong
 * to the main process), clipboard, screen capture — is refused.
 */
export function isPermissionRequestAllowed(page: AppPage, permission: string, facts: PermissionRequestFacts): boolean {
  if (permission !== 'media') return false;
  if (!facts.isMainFrame || !isAppPageUrl(page, facts.requestingUrl)) return false;
  const types = facts.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

export interface PermissionCheckFacts {
  isMainFrame: boolean;
  requestingUrl?: string;
  mediaType?: 'video' | 'audio' | 'unknown';
}

/**
 * The synchronous check Chromium makes before (and besides) a request, e.g.
 * for device labels in enumerateDevices: same rule, video only.
 */
export function isPermissionCheckAllowed(
  page: AppPage,
  webContents: Pick<WebContents, 'getURL'> | null,
  permission: string,
  facts: PermissionCheckFacts,
): boolean {
  if (permission !== 'media' || facts.mediaType !== 'video' || !facts.isMainFrame) return false;
  return isAppPageUrl(page, facts.requestingUrl ?? webContents?.getURL());
}

// ---------------------------------------------------------------------------
// Sessions and web contents

const hardenedSessions = new WeakSet<Session>();

/** CSP, permission handlers, no device pickers, no downloads. Once per session. */
export function hardenSession(session: Session, options: GuardOptions): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  const { page, log } = options;

  session.webRequest.onHeadersReceived(contentSecurityPolicyListener);

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const allowed = isPermissionRequestAllowed(page, permission, {
      isMainFrame: details.isMainFrame,
      requestingUrl: details.requestingUrl,
      ...('mediaTypes' in details && details.mediaTypes ? { mediaTypes: details.mediaTypes } : {}),
    });
    if (!allowed) log(`桌面外壳：已拒绝权限请求 ${permission}（${describeUrl(details.requestingUrl)}）`);
    callback(allowed);
  });

  session.setPermissionCheckHandler((webContents, permission, _requestingOrigin, details) =>
    isPermissionCheckAllowed(page, webContents, permission, details),
  );

  // The ID reader, signature pad and evaluator are driven by the main
  // process; the page never gets WebHID/WebSerial/WebUSB access to them.
  session.setDevicePermissionHandler(() => false);

  // Personal data leaves the machine only through an explicit export done
  // by the main process, never as a download started by the page.
  session.on('will-download', (event) => {
    event.preventDefault();
    log('桌面外壳：已阻止下载');
  });
}

/** Navigation, window and webview guards for one web contents. */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const { page, log } = options;

  // Main-frame navigation (links, location changes, dropped files).
  contents.on('will-navigate', (event) => {
    if (isAppPageUrl(page, event.url)) return;
    event.preventDefault();
    log(`桌面外壳：已阻止页面跳转（${describeUrl(event.url)}）`);
  });

  // Any frame, for completeness: the CSP already forbids frames.
  contents.on('will-frame-navigate', (event) => {
    if (isAppPageUrl(page, event.url)) return;
    event.preventDefault();
    log(`桌面外壳：已阻止框架跳转（${describeUrl(event.url)}）`);
  });

  // A server redirect during a navigation we allowed (dev server only).
  contents.on('will-redirect', (event) => {
    if (isAppPageUrl(page, event.url)) return;
    event.preventDefault();
    log(`桌面外壳：已阻止重定向（${describeUrl(event.url)}）`);
  });

  // window.open, target=_blank, middle click: never a new window.
  contents.setWindowOpenHandler((details) => {
    log(`桌面外壳：已阻止打开新窗口（${describeUrl(details.url)}）`);
    return { action: 'deny' };
  });

  // webviewTag is off; this refuses one even if a preference slipped.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('桌面外壳：已阻止 webview');
  });
}

/**
 * Applies the guards to every web contents the app ever creates (windows,
 * devtools, anything a future module adds) and hardens its session. Call
 * before the first window is created.
 */
export function installSecurityHooks(options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, options);
    hardenSession(contents.session, options);
  });
}
