import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApplicantViewSchema, ConnectionRoleSchema, events, mayCall, mayReceive, methods, type EventName, type MethodName } from '../../../shared/contract';

const methodNames = Object.keys(methods) as MethodName[];
const eventNames = Object.keys(events) as EventName[];

/**
 * What the citizen page's source calls and listens to (renderer/citizen with its sub-folders, and the on-screen
 * pad it signs with, renderer/components/ink; tests left out).
 */
function citizenPageUses(): { invoked: Set<string>; heard: Set<string> } {
  const dirs = ['../../../renderer/citizen', '../../../renderer/components/ink'].map((dir) => join(__dirname, dir));
  const source = dirs
    .flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.tsx?$/.test(file) && !file.includes('.test.'))
        .map((file) => readFileSync(join(dir, file), 'utf8')),
    )
    .join('\n');
  return {
    invoked: new Set([...source.matchAll(/\.invoke\(\s*'([\w.]+)'/g)].map((m) => m[1]!)),
    heard: new Set([...source.matchAll(/\.on\(\s*'([\w.]+)'/g)].map((m) => m[1]!)),
  };
}

/** Every property name anywhere in a schema's output. */
function propertyNames(schema: z.ZodType): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((name) => names.add(name));
      walk(value);
    }
  };
  walk(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
  return names;
}

// The fields only an applicant's card has (the clerk's own name and photo are on the citizen screen by design).
const CARD_ONLY = ['applicant', 'agent', 'idNumber', 'idNumberMasked', 'address', 'gender', 'ethnicity', 'age', 'issuingAuthority', 'validFrom', 'validTo', 'permitNumber', 'nationality', 'englishName'];

describe('roles in the contract', () => {
  it('every method and event names at least one known role', () => {
    for (const name of methodNames) expect(z.array(ConnectionRoleSchema).min(1).safeParse(methods[name].roles).success, name).toBe(true);
    for (const name of eventNames) expect(z.array(ConnectionRoleSchema).min(1).safeParse(events[name].audience).success, name).toBe(true);
  });

  it('the citizen role is given exactly what the citizen page uses, and nothing else', () => {
    const { invoked, heard } = citizenPageUses();
    expect(invoked.size).toBeGreaterThan(0);
    expect(methodNames.filter((m) => mayCall(m, 'citizen')).sort()).toEqual([...invoked].sort());
    expect(eventNames.filter((e) => mayReceive(e, 'citizen')).sort()).toEqual([...heard].sort());
  });

  it('the card has the fields this test looks for (it would prove nothing otherwise)', () => {
    const card = propertyNames(ApplicantViewSchema);
    for (const field of CARD_ONLY.filter((f) => f !== 'applicant' && f !== 'agent' && f !== 'idNumber')) expect(card, field).toContain(field);
    expect(propertyNames(events['case.changed'].payload)).toContain('applicant');
  });

  it('nothing the citizen role can call or hear carries a field of an applicant’s card', () => {
    const schemas = [
      ...methodNames.filter((m) => mayCall(m, 'citizen')).map((m) => [m, methods[m].result] as const),
      ...eventNames.filter((e) => mayReceive(e, 'citizen')).map((e) => [e, events[e].payload] as const),
    ];
    for (const [name, schema] of schemas) {
      const names = propertyNames(schema);
      expect(CARD_ONLY.filter((field) => names.has(field)), name).toEqual([]);
    }
  });

  it('the case, the clerk’s service day and the devices never reach a citizen connection', () => {
    for (const name of ['case.changed', 'serviceDay.changed', 'devices.changed', 'evaluation.changed', 'storage.changed', 'device.notice', 'config.issues'] as const) {
      expect(mayReceive(name, 'citizen'), name).toBe(false);
      expect(mayReceive(name, 'clerk'), name).toBe(true);
    }
  });
});
