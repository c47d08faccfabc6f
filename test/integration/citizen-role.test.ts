import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView, ResponseEnvelope, ServerMessage } from '../../shared/contract';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices } from '../../electron/services/app/types';
import { serveSocket } from '../../electron/web/socket';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';
import { withClerk } from './clerk-fixture';
import { openServiceDay } from './web-shell-harness';

/** A WebSocket as serveSocket uses it: what it sends is kept, a message is handed in as the page would send it. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly received: ServerMessage[] = [];
  private nextId = 1;
  send(data: string): void {
    this.received.push(JSON.parse(data) as ServerMessage);
  }
  terminate(): void {
    this.readyState = 3;
    this.emit('close');
  }
  /** Sends a request and waits for its answer. */
  async request(method: string, params: unknown = {}): Promise<ResponseEnvelope> {
    const id = this.nextId++;
    this.emit('message', Buffer.from(JSON.stringify({ type: 'request', id, method, params })), false);
    let reply: ResponseEnvelope | undefined;
    await until(() => (reply = this.received.find((m): m is ResponseEnvelope => m.type === 'response' && m.id === id)) !== undefined);
    return reply!;
  }
  events(): Array<{ event: string; payload: unknown }> {
    return this.received.filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event');
  }
}

let services: CounterServices | undefined;
const sockets: FakeSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await services?.close();
  services = undefined;
});

async function counterWithSockets() {
  const dataDir = tempDir('counter-roles-');
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk()));
  services = await startCounterServices({ shell: 'web', dataDir, log: () => undefined });
  const clerk = new FakeSocket();
  const citizen = new FakeSocket();
  sockets.push(clerk, citizen);
  serveSocket(clerk as never, services, () => undefined, 'clerk');
  serveSocket(citizen as never, services, () => undefined, 'citizen');
  return { services, clerk, citizen };
}

/** The clerk reads the sample card; resolves with the case once the clerk's screen has it, card and all. */
async function openCaseWithCard(clerk: FakeSocket): Promise<CaseView> {
  expect((await clerk.request('simulateCardRead')).ok).toBe(true);
  let open: CaseView | null = null;
  await until(() => {
    const last = clerk.events().filter((e) => e.event === 'case.changed').at(-1);
    open = (last?.payload as CaseView | null | undefined) ?? null;
    return open?.applicant != null;
  });
  return open!;
}

describe('a citizen connection, as an attacker at the citizen screen would use it', () => {
  it('receives no case and no applicant data while a case with a card is open, only its own events', async () => {
    const { services, clerk, citizen } = await counterWithSockets();
    await openServiceDay(services);
    // The clerk's screen got the case with the applicant's card …
    const open = await openCaseWithCard(clerk);
    const applicant = open.applicant!;
    // … and the citizen screen heard the service day open, in its own words.
    await until(() => citizen.events().some((e) => e.event === 'citizen.serviceDay'));

    const heard = new Set(citizen.events().map((e) => e.event));
    expect([...heard].every((event) => event === 'citizen.serviceDay' || event === 'evaluation.request')).toBe(true);
    const everything = JSON.stringify(citizen.received);
    for (const value of [open.id, applicant.name, applicant.idNumberMasked, applicant.address].filter((v): v is string => Boolean(v))) {
      expect(everything).not.toContain(value);
    }
    expect(everything).not.toContain('idNumberMasked');
    expect(everything).not.toContain('"applicant"');
  });

  it('is refused the clerk’s methods that would read the card, whatever it sends', async () => {
    const { services, clerk, citizen } = await counterWithSockets();
    await openServiceDay(services);
    const open = await openCaseWithCard(clerk);
    for (const [method, params] of [
      ['getSnapshot', {}],
      ['revealIdNumber', { whose: 'applicant' }],
      ['searchCases', {}],
      ['clearCase', {}],
      ['unlockLead', { staffNo: '0101', pin: '246810' }],
    ] as const) {
      const reply = await citizen.request(method, params);
      expect(reply, method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(JSON.stringify(reply)).not.toContain('idNumber":"');
    }
    // The case is still open: the citizen's clearCase did nothing.
    const snapshot = await clerk.request('getSnapshot');
    expect(snapshot).toMatchObject({ ok: true, result: { currentCase: { id: open.id } } });
  });

  it('the clerk’s socket cannot submit a rating as if from the citizen screen', async () => {
    const { services, clerk } = await counterWithSockets();
    await openServiceDay(services);
    expect(await clerk.request('submitRating', { caseId: 'anything', level: 'verySatisfied' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
