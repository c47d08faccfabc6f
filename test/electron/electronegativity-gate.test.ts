import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The gate's own logic (reading the scanner's issues, the allow-list),
 * without the ~10 s scan: `node scripts/electronegativity-gate.mjs` runs that.
 */
type Finding = { id: string; severity: string; confidence: string; file: string; location: string; sample: string; description: string; url: string };
type Entry = { id: string; file: string; severity: string; confidence: string; max: number; reason: string };
interface Gate {
  toFinding(issue: unknown): Finding;
  triage(findings: Finding[], allowed?: Entry[]): { accepted: { finding: Finding; entry: Entry }[]; unreviewed: Finding[] };
  ALLOWED: Entry[];
}

const gatePath = resolve(__dirname, '..', '..', 'scripts', 'electronegativity-gate.mjs');
const loadGate = async () => (await import(pathToFileURL(gatePath).href)) as Gate;

/** An issue as the scanner's runner returns it. */
const issue = (id: string, severity: string, confidence: string, file: string) => ({
  id,
  file,
  location: { line: 37, column: 6 },
  sample: 'preload: preloadPath,',
  description: 'Review the use of preload scripts',
  severity: { name: severity, value: 2 },
  confidence: { name: confidence, value: 2 },
  manualReview: true,
  visibility: { excludesGlobal: [], inlineDisabled: false, globalCheckDisabled: false },
});

describe('electronegativity gate', () => {
  it('reads a scanner issue into plain fields', async () => {
    const gate = await loadGate();
    expect(gate.toFinding(issue('PRELOAD_JS_CHECK', 'MEDIUM', 'FIRM', 'shell\\clerk-window.ts'))).toEqual({
      id: 'PRELOAD_JS_CHECK',
      severity: 'MEDIUM',
      confidence: 'FIRM',
      file: 'shell/clerk-window.ts',
      location: '37:6',
      sample: 'preload: preloadPath,',
      description: 'Review the use of preload scripts',
      url: 'https://github.com/doyensec/electronegativity/wiki/PRELOAD_JS_CHECK',
    });
    // Something unexpected becomes empty fields, which no allow-list entry matches.
    expect(gate.toFinding(null).id).toBe('');
  });

  it('accepts only listed findings, at most `max` times; anything else is unreviewed', async () => {
    const gate = await loadGate();
    const preload = gate.toFinding(issue('PRELOAD_JS_CHECK', 'MEDIUM', 'FIRM', 'shell/clerk-window.ts'));
    const { accepted, unreviewed } = gate.triage([
      preload,
      { ...preload }, // a second preload in the same file needs its own review
      { ...preload, file: 'shell/another-window.ts' },
      { ...preload, id: 'SANDBOX_JS_CHECK' },
      { ...preload, severity: 'HIGH' },
      gate.toFinding(null),
    ]);
    expect(accepted).toHaveLength(1);
    expect(unreviewed).toHaveLength(5);
  });

  it('every allow-list entry is bounded and says why', async () => {
    const gate = await loadGate();
    expect(gate.ALLOWED.length).toBeGreaterThan(0);
    for (const entry of gate.ALLOWED) {
      expect(entry.reason.length, entry.id).toBeGreaterThan(40);
      expect(entry.max, entry.id).toBeGreaterThanOrEqual(1);
    }
  });
});
