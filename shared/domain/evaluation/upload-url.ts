/**
 * The rating upload carries a Bearer token and the citizens' ratings: it
 * goes over https only. Plain http is accepted for a loopback address alone
 * (a platform stand-in on the same PC, as the tests run one), where nothing
 * crosses a network. Pure.
 */

/** 127.0.0.0/8, ::1 and localhost: names that never leave this machine. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** Whether ratings (and the token) may be sent to `url`: https anywhere, http only to this machine. */
export function isSecureUploadUrl(url: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === 'https:') return true;
  return target.protocol === 'http:' && isLoopbackHost(target.hostname);
}
