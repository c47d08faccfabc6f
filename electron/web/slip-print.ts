import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CounterServices } from '../services/app/types';
import { sendBody, sendText } from './respond';

/**
 * Printing a slip through the browser (web shell): `/slips/<id>/print` is
 * the slip drawn from the same HTML template as its archived PDF (whose
 * @page rules give A4 or the 80 mm roll), with a script of our own origin
 * that opens the browser's print dialog once the page has loaded and closes
 * the tab afterwards. The clerk page records the print through the
 * contract (printSlipInBrowser). `/slips/<id>.pdf` is the archived PDF
 * itself, for printing from the browser where no printer is configured.
 */

export const SLIP_PRINT_SCRIPT_PATH = '/slips/print.js';

/** Runs in the slip's tab: the CSP allows scripts of our origin only, so this is a file, not inline. */
const PRINT_SCRIPT = `addEventListener('load', function () { print(); });
addEventListener('afterprint', function () { close(); });
`;

/** Handles the slip routes; false for any other path. The caller has already checked for a clerk session. */
export async function serveSlip(
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
  services: Pick<CounterServices, 'slipPdf' | 'slipHtml'>,
  headers: Record<string, string>,
): Promise<boolean> {
  if (pathname === SLIP_PRINT_SCRIPT_PATH) {
    sendBody(request, response, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }, PRINT_SCRIPT);
    return true;
  }
  const match = /^\/slips\/(\d+)(\.pdf|\/print)$/.exec(pathname);
  if (!match) return false;
  const id = Number(match[1]);
  if (match[2] === '.pdf') {
    const pdf = services.slipPdf(id);
    if (!pdf) sendText(response, 404, headers, '未找到通知书');
    else sendBody(request, response, { ...headers, 'Content-Type': 'application/pdf', 'Content-Disposition': 'inline', 'Cache-Control': 'no-store' }, pdf);
    return true;
  }
  const html = (await services.slipHtml?.(id)) ?? null;
  if (!html) {
    sendText(response, 404, headers, '未找到通知书');
    return true;
  }
  const page = html.includes('</head>')
    ? html.replace('</head>', `<script src="${SLIP_PRINT_SCRIPT_PATH}"></script></head>`)
    : `${html}<script src="${SLIP_PRINT_SCRIPT_PATH}"></script>`;
  sendBody(request, response, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, page);
  return true;
}
