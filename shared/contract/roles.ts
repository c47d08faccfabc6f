import { z } from 'zod';

/**
 * What a connection is (issue 13): the clerk's screen or the citizen-facing
 * screen. Each method of the contract states which roles may call it and the
 * dispatcher refuses the others; each event states its audience and the
 * shells send it to those connections only (shared/contract/access.ts). A
 * lead is a clerk connection on which a lead unlocked
 * (electron/services/lead/lead-gate.ts).
 */
export const ConnectionRoleSchema = z.enum(['clerk', 'citizen']);
export type ConnectionRole = z.infer<typeof ConnectionRoleSchema>;

/** The roles a method or an event is for: never none (a method nobody may call, an event nobody receives, is a mistake). */
export type Roles = readonly [ConnectionRole, ...ConnectionRole[]];

/** The clerk's screen only (and, behind the lead gate, the lead's tools on it). */
export const CLERK_ONLY = ['clerk'] as const satisfies Roles;
/** The citizen-facing screen only: what it shows and the rating it was asked for. */
export const CITIZEN_ONLY = ['citizen'] as const satisfies Roles;
