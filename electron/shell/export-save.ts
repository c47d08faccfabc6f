import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { strings } from '../../shared/i18n';
import { downloadName } from '../services/lead/export-files';

/**
 * Electron's way for a lead to take an export away: the shell blocks page
 * downloads (security.ts), so the main process asks where to save with the
 * system dialog and copies the file there. The services find the file and
 * check the lead; this only asks and copies.
 */
export function saveFileWithDialog(window: () => BrowserWindow | null) {
  return async (sourcePath: string, fileName: string): Promise<{ saved: boolean; path: string | null }> => {
    const options = { title: strings.lead.gate.saveTitle, defaultPath: join(app.getPath('downloads'), downloadName(fileName)) };
    const parent = window();
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false, path: null };
    await copyFile(sourcePath, choice.filePath);
    return { saved: true, path: choice.filePath };
  };
}
