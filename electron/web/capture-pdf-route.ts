import type { IncomingMessage, ServerResponse } from 'node:http';
import { strings } from '../../shared/i18n';
import type { CounterServices } from '../services/app/types';
import { sendBody, sendText } from './respond';

/** /captures/<case id>/<material id>.pdf; material ids are the catalogue's (lower-case letters, digits, hyphens). */
const CAPTURE_PDF_PATH = /^\/captures\/([^/]{1,100})\/([a-z0-9][a-z0-9-]{0,39})\.pdf$/;

/**
 * A material's PDF of captured pages (issue 11), opened from 办件记录 like
 * a slip's archived PDF. The caller has already checked for a clerk session
 * (the route is clerk-only: photos of the applicant's documents). The file
 * comes from the capture service by case and material, never from a path
 * the request names. False for any other path.
 */
export function serveCapturePdf(pathname: string, request: IncomingMessage, response: ServerResponse, services: Pick<CounterServices, 'capturePdf'>, headers: Record<string, string>): boolean {
  if (!pathname.startsWith('/captures/')) return false;
  const match = CAPTURE_PDF_PATH.exec(pathname);
  let caseId: string | null;
  try {
    caseId = match ? decodeURIComponent(match[1]!) : null;
  } catch {
    caseId = null;
  }
  const pdf = caseId && match ? (services.capturePdf?.(caseId, match[2]!) ?? null) : null;
  if (!pdf) sendText(response, 404, { ...headers, 'Cache-Control': 'no-store' }, strings.camera.captures.history.notFound);
  else sendBody(request, response, { ...headers, 'Content-Type': 'application/pdf', 'Content-Disposition': 'inline', 'Cache-Control': 'no-store' }, pdf);
  return true;
}
