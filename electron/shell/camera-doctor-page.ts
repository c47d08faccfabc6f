import { app, BrowserWindow, session } from 'electron';
import type { AddressInfo } from 'node:net';
import type { CameraPage, CameraPageOpener } from '../devices/camera/camera-probe';
import { closeServer, serveCameraPage } from '../devices/camera/chromium-camera-page';

/**
 * `窗口受理终端 --doctor camera`: the installed app sees the cameras with its
 * own Chromium — the one the clerk's page captures with — in a hidden window
 * on a throwaway page of 127.0.0.1 (a secure context), in a session of its
 * own kept in memory. That session grants the camera (video only, main
 * frame) to that page and nothing else; the counter's session is untouched.
 */
export const electronCameraPage: CameraPageOpener = async (): Promise<CameraPage> => {
  await app.whenReady();
  // Without a listener Electron quits when its last window closes: the command's output must come first (it-entry.ts exits).
  const keepRunning = () => undefined;
  app.on('window-all-closed', keepRunning);
  const server = await serveCameraPage();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ours = (url: string | undefined) => url !== undefined && (url === origin || url.startsWith(`${origin}/`));
  const doctorSession = session.fromPartition(`doctor-camera-${process.pid}`, { cache: false });
  doctorSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const types = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permission === 'media' && details.isMainFrame && ours(details.requestingUrl) && types.length > 0 && types.every((t) => t === 'video'));
  });
  doctorSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permission === 'media' && details.mediaType === 'video' && ours(details.requestingUrl ?? requestingOrigin),
  );
  doctorSession.setDevicePermissionHandler(() => false);
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: doctorSession,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      backgroundThrottling: false,
      // Like the counter's own windows: a middle click opens nothing.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const close = async () => {
    if (!window.isDestroyed()) window.destroy();
    await closeServer(server);
    app.off('window-all-closed', keepRunning);
  };
  try {
    await window.loadURL(`${origin}/`);
  } catch (error) {
    await close();
    throw error;
  }
  return { evaluate: (script) => window.webContents.executeJavaScript(script, true), close };
};
