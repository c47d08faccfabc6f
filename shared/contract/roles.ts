import { z } from 'zod';

/**
 * What a connection is (issue 13): the clerk's screen or the citizen-facing
 * screen. Each method of the contract states which roles may call it and the
 * dispatcher refuses the others; a lead is a clerk connection on which a lead
 * unlocked (electron/services/lead/lead-gate.ts).
 */
export const ConnectionRoleSchema = z.enum(['clerk', 'citizen']);
export type ConnectionRole = z.infer<typeof ConnectionRoleSchema>;
