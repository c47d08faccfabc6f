/**
 * The one Content-Security-Policy of the renderer, sent by both shells
 * (Electron's session headers and the web shell's HTTP responses) and
 * mirrored by the meta tag in renderer/index.html. No inline script, no
 * eval, no remote origin: everything the renderer loads ships with the app.
 * `connect-src 'self'` also covers the web shell's same-origin WebSocket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
