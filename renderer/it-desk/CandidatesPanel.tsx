import { useEffect, useState, type JSX } from 'react';
import type { CameraSettings, DeviceDesk, SeenDevice } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { chooseDocumentCamera } from '../capture/camera-choice';

const c = strings.itDesk.candidates;
const s = strings.itDesk.sections;

type Candidates = NonNullable<DeviceDesk['candidates']>;
interface Camera {
  deviceId: string;
  label: string;
}

/** Undefined outside a secure page (no mediaDevices) or in a test DOM without it. */
const mediaDevices = (): MediaDevices | undefined =>
  typeof navigator !== 'undefined' && typeof (navigator.mediaDevices as MediaDevices | undefined)?.enumerateDevices === 'function' ? navigator.mediaDevices : undefined;

/** The cameras this page can see (labels and ids only; no stream is opened). */
function useCameras(): { cameras: Camera[] | null; problem: string | null } {
  const [cameras, setCameras] = useState<Camera[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const media = mediaDevices();
    if (!media) return;
    let live = true;
    media.enumerateDevices().then(
      (all) => {
        if (live) setCameras(all.filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label })));
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { cameras, problem: failed || !mediaDevices() ? c.camerasUnavailable : null };
}

function SeenRows({ title, list, where }: { title: string; list: readonly SeenDevice[]; where: string }): JSX.Element {
  return (
    <>
      <tr className="it-candidates__group">
        <th colSpan={4}>{title}</th>
      </tr>
      {list.length === 0 ? (
        <tr>
          <td colSpan={4}>{c.none}</td>
        </tr>
      ) : (
        list.map((d) => (
          <tr key={`${where}:${d.path}`} data-testid="it-candidate" data-path={d.path}>
            <td className="it-candidates__path">{where === 'hid' && d.path ? `hid:${d.path}` : d.path}</td>
            <td>{d.usbId ?? '—'}</td>
            <td>{d.label ?? ''}</td>
            <td className={d.guess ? 'it-candidates__guess' : ''}>{d.guess ?? c.unknown}</td>
          </tr>
        ))
      )}
    </>
  );
}

/** What the system sees: serial ports with USB id and what they probably are, HID devices and pads, printers, cameras. */
export function CandidatesPanel({ candidates, cameraSettings }: { candidates: Candidates; cameraSettings: CameraSettings | null }): JSX.Element {
  const { cameras, problem } = useCameras();
  // The one 拍摄 and 测试 would open (the capture panel's rule), marked for IT.
  const chosen = cameras && cameraSettings?.mode === 'hardware' ? chooseDocumentCamera(cameras, cameraSettings).device : null;
  return (
    <section className="it-candidates" aria-labelledby="it-candidates-title" data-testid="it-candidates">
      <h3 id="it-candidates-title">{s.candidates}</h3>
      <table>
        <thead>
          <tr>
            <th>{strings.itDesk.fields.port}</th>
            <th>{c.usbId}</th>
            <th />
            <th>{c.guess}</th>
          </tr>
        </thead>
        <tbody>
          <SeenRows title={c.serial} list={candidates.serial} where="serial" />
          <SeenRows title={c.hid} list={candidates.hid} where="hid" />
          {candidates.usb.length > 0 && <SeenRows title={c.usb} list={candidates.usb} where="usb" />}
          {candidates.pads.map((p) => (
            <tr key={`pad:${p.path}`}>
              <td className="it-candidates__path">hid:{p.path}</td>
              <td>{p.usbId}</td>
              <td>{p.product ?? ''}</td>
              <td className="it-candidates__guess">{strings.itCommands.overview.guesses[p.kind === 'wacom-stu' ? 'stu' : 'pad']}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{s.printers}</h4>
      {candidates.printers ? (
        candidates.printers.length === 0 ? (
          <p>{c.none}</p>
        ) : (
          <ul className="it-candidates__list">
            {candidates.printers.map((p) => (
              <li key={p.name}>
                {p.name}
                {p.isDefault ? `（${c.printersDefault}）` : ''} {p.detail}
              </li>
            ))}
          </ul>
        )
      ) : (
        <p>{candidates.printerNote}</p>
      )}
      <h4>{s.cameras}</h4>
      {problem ? (
        <p>{problem}</p>
      ) : cameras === null ? null : cameras.length === 0 ? (
        <p data-testid="it-cameras-none">{c.camerasNone}</p>
      ) : (
        <ul className="it-candidates__list" data-testid="it-cameras">
          {cameras.map((cam) => (
            <li key={cam.deviceId || cam.label} data-testid="it-camera" data-chosen={cam === chosen ? 'document' : undefined}>
              {cam.label || c.camerasNoLabel} <code>{cam.deviceId.slice(0, 16)}</code>
              {cam === chosen && <span className="it-candidates__guess"> {strings.itDesk.tests.camera.chosen}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="it-desk__note">{strings.itDesk.tests.camera.listNote}</p>
      {candidates.problems.map((p) => (
        <p key={p} className="it-desk__problem">
          {p}
        </p>
      ))}
    </section>
  );
}
