import { events, methods, type EventName, type MethodName } from './api';
import type { ConnectionRole } from './roles';

/**
 * Who may call what and who is told what (issue 13), read from the contract
 * (`roles` of each method, `audience` of each event). The dispatcher asks
 * mayCall before it reads a request's params; both shells (the web shell's
 * sockets, Electron's windows) ask mayReceive before they send an event.
 */

/** The connection's role may call the method. */
export function mayCall(method: MethodName, role: ConnectionRole): boolean {
  return (methods[method].roles as readonly ConnectionRole[]).includes(role);
}

/** The event may be sent to a connection of this role. */
export function mayReceive(event: EventName, role: ConnectionRole): boolean {
  return (events[event].audience as readonly ConnectionRole[]).includes(role);
}
