/**
 * GET /exports/<fileName>?ticket=…: a lead's export file, after the clerk session
 * cookie (checked by the server before this) and the download ticket the
 * export handed out. Only names the export writes, only from the exports
 * folder; the Chinese file name travels as RFC 5987 filename*.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { strings } from '../../shared/i18n';
import type { CounterServices } from '../services/app/types';
import { contentDisposition, exportContentType } from '../services/lead/export-files';
import { sendText } from './respond';

export async function serveExport(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  services: Pick<CounterServices, 'exportFile'>,
  headers: Record<string, string>,
): Promise<void> {
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice('/exports/'.length));
  } catch {
    name = '';
  }
  const found = services.exportFile(name, url.searchParams.get('ticket') ?? '');
  if (!found.ok) {
    const [status, text] = found.reason === 'bad-ticket' ? [403, strings.lead.gate.downloadRefused] : [404, strings.lead.gate.downloadMissing];
    sendText(response, status, { ...headers, 'Cache-Control': 'no-store' }, text);
    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': exportContentType(name),
    'Content-Disposition': contentDisposition(name),
    'Content-Length': String(statSync(found.path).size),
    'Cache-Control': 'no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(found.path), response);
}
