import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CameraReport, StorageStatus } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { expectQuietConsole } from '../test-support/console-guard';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { sampleServiceDay } from '../test-support/fake-service-day';
import { ClerkApp } from './ClerkApp';

expectQuietConsole();

/**
 * The document camera is reported from the moment the clerk screen has
 * loaded — not only once the counter screen shows — so the sign-in and the
 * pre-shift self-check see its real state (the camera is seen only by the page).
 */
describe('ClerkApp: the document camera from the start', () => {
  it('during sign-in the page already reports the camera, without opening it', async () => {
    const reports: CameraReport[] = [];
    const api = new FakeCounterApi(sampleSnapshot({ serviceDay: sampleServiceDay('signedOut') }), {
      getCameraSettings: () => ({ mode: 'simulated', document: null, face: null, jpegQuality: 0.85 }),
      reportCamera: (report) => {
        reports.push(report);
        return { ok: true };
      },
    });
    render(<ClerkApp api={api} connection={null} />);
    await screen.findByTestId('sign-in-view');
    await waitFor(() => expect(reports).toEqual([{ state: 'simulated', label: strings.camera.capture.simulated, width: null, height: null, frameRate: null, reason: '' }]));
    // Reported, not opened: a granted mode would mean a stream.
    expect(screen.queryByTestId('capture-panel')).toBeNull();
  });

  it('while the database cannot be opened nothing is asked; once it can, the camera is reported', async () => {
    const reports: CameraReport[] = [];
    const locked: StorageStatus = { state: 'waiting', problem: { kind: 'locked', message: strings.storageHealth.locked(3000) }, disk: null };
    const ready: StorageStatus = { state: 'ready', problem: null, disk: null };
    const api = new FakeCounterApi(sampleSnapshot({ serviceDay: sampleServiceDay('signedOut'), storage: locked }), {
      getCameraSettings: () => ({ mode: 'simulated', document: null, face: null, jpegQuality: 0.85 }),
      reportCamera: (report) => {
        reports.push(report);
        return { ok: true };
      },
    });
    render(<ClerkApp api={api} connection={null} />);
    await screen.findByTestId('storage-problem');
    expect(api.callsOf('getCameraSettings')).toBe(0);

    api.snapshot = sampleSnapshot({ serviceDay: sampleServiceDay('signedOut'), storage: ready });
    act(() => api.emit('storage.changed', ready));
    await screen.findByTestId('sign-in-view');
    await waitFor(() => expect(reports.map((r) => r.state)).toEqual(['simulated']));
  });
});
