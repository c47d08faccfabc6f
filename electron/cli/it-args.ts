/**
 * Which arguments make the app an IT command instead of the counter
 * (it-commands.ts). Kept apart, importing nothing, so the desktop shell's
 * entry can ask without loading the commands' code (exceljs, jszip, device
 * listings) at every counter start.
 */
export const IT_FAMILIES = ['--doctor', '--lead', '--clerk', '--it-account', '--catalogue', '--audit', '--camera'] as const;
export type ItFamily = (typeof IT_FAMILIES)[number];
export const IT_HELP = '--help-it';

export const isItFamily = (arg: string): arg is ItFamily => (IT_FAMILIES as readonly string[]).includes(arg);

/**
 * The IT command in a process's arguments, from its flag on; null when there
 * is none (start the counter). Electron puts the executable (and, unpackaged,
 * the app folder) and any Chromium switches before it, so the flag is looked for.
 */
export function itCommandArgs(argv: readonly string[]): string[] | null {
  const at = argv.findIndex((arg) => isItFamily(arg) || arg === IT_HELP);
  return at >= 0 ? argv.slice(at) : null;
}
