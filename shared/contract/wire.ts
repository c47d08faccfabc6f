import { z } from 'zod';
import { ApiErrorSchema } from './api';

/**
 * Envelopes used where the contract travels as messages (the web shell's
 * WebSocket). Electron IPC carries the same method/params pairs through
 * ipcRenderer.invoke, so it needs no envelope of its own.
 */
export const RequestEnvelopeSchema = z
  .object({
    type: z.literal('request'),
    id: z.number().int().nonnegative(),
    method: z.string(),
    params: z.unknown(),
  })
  .strict();
export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;

export const ResponseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('response'), id: z.number(), ok: z.literal(false), error: ApiErrorSchema }),
]);
export type ResponseEnvelope = z.infer<typeof ResponseEnvelopeSchema>;

export const EventEnvelopeSchema = z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() });
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

export const ServerMessageSchema = z.union([ResponseEnvelopeSchema, EventEnvelopeSchema]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Electron IPC channel names: one for requests, one for events. */
export const IPC_INVOKE_CHANNEL = 'counter:invoke';
export const IPC_EVENT_CHANNEL = 'counter:event';
