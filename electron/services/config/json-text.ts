import { readFileSync } from 'node:fs';

/**
 * Reading the JSON files IT edits by hand (config.json, catalogue.json,
 * phrases.json, calendar.json): the text, or why it could not be read.
 */
export function readText(file: string): string | Error {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return error as Error;
  }
}

/** JSON.parse with a leading BOM tolerated: it is what Windows Notepad leaves. Throws on bad JSON. */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}
