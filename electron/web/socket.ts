import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { mayReceive, RequestEnvelopeSchema, type ConnectionRole, type ServerMessage } from '../../shared/contract';
import type { CounterServices } from '../services/app/types';

/** Close codes the renderer's client understands (see renderer/api/websocket-client.ts). */
export const CLOSE_NO_TOKEN = 4401;

/**
 * Serves the contract on one authenticated socket: requests go to the
 * services' single door (which refuses what the role may not call), the
 * events of the socket's role are pushed (a citizen screen never gets the
 * case, the applicant's card or the clerk's business). A malformed message gets no
 * answer but does not close the socket: a buggy page must not take the
 * counter down.
 */
export function serveSocket(socket: WebSocket, services: CounterServices, log: (line: string) => void, role: ConnectionRole): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = services.onEvent((event, payload) => {
    if (mayReceive(event, role)) send({ type: 'event', event, payload });
  });
  // Each socket is its own connection: a lead unlocked here is unlocked nowhere else, and ends with the socket.
  const caller = { connection: `ws:${randomUUID()}`, role };
  socket.on('close', unsubscribe);
  socket.on('close', () => services.endConnection(caller.connection));
  socket.on('error', () => socket.terminate());

  socket.on('message', async (data, isBinary) => {
    if (isBinary) return;
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      log('网页外壳：收到无法解析的消息，已忽略');
      return;
    }
    const envelope = RequestEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      log('网页外壳：收到格式不符的消息，已忽略');
      return;
    }
    const { id, method, params } = envelope.data;
    const outcome = await services.handle(method, params, caller);
    send(outcome.ok ? { type: 'response', id, ok: true, result: outcome.result } : { type: 'response', id, ok: false, error: outcome.error });
  });
}
