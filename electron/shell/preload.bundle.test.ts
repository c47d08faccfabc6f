import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A sandboxed preload can require only 'electron' (and a few Electron-
 * provided modules); a require of zod, of a node: builtin or of any package
 * makes the preload fail at runtime, with nothing but a console line in the
 * renderer. Bundle it the way electron-vite does (CommonJS, packages left
 * external) and look at what the bundle still requires.
 */
describe('preload bundle', () => {
  it('requires nothing but electron', async () => {
    const { build } = await import('vite');
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      root: resolve(__dirname, '..', '..'),
      build: {
        write: false,
        minify: false,
        ssr: resolve(__dirname, 'preload.ts'),
        rollupOptions: { output: { format: 'cjs' } },
      },
    });
    const outputs = Array.isArray(result) ? result : [result];
    const chunks = outputs.flatMap((output) => ('output' in output ? output.output : [])).filter((item) => item.type === 'chunk');
    expect(chunks).toHaveLength(1);
    const code = (chunks[0] as { code: string }).code;

    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/^\s*import\s/m);
    // No CommonJS exports either: the preload only exposes, it exports nothing.
    // (Comments are dropped first: the inlined strings table may say "exports." in prose.)
    const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    expect(withoutComments).not.toMatch(/\bexports\s*[.[]|module\.exports|\(exports\b/);
    // The channel names and the strings table are inlined.
    expect(code).toContain('counter:invoke');
    expect(code).toContain("exposeInMainWorld(\"counterApi\"");
  }, 30_000);
});
