import { type JSX } from 'react';
import { DEVICE_KINDS, type DeviceKind, type DeviceStatus } from '../../shared/contract';
import { strings } from '../../shared/i18n';

/** A device the snapshot does not mention is shown as not configured. */
function statusOf(devices: readonly DeviceStatus[], kind: DeviceKind): DeviceStatus {
  return devices.find((d) => d.kind === kind) ?? { kind, state: 'unconfigured', driver: '', reason: '', since: '' };
}

export function DeviceChip({ status }: { status: DeviceStatus }): JSX.Element {
  const kindLabel = strings.deviceKinds[status.kind];
  const stateLabel = strings.deviceStates[status.state];
  const title = strings.clerkScreen.deviceChipTitle(status.driver, status.reason, status.detail);
  return (
    <li
      className={`device-chip device-chip--${status.state}`}
      data-testid={`device-chip-${status.kind}`}
      data-state={status.state}
      title={title || undefined}
      aria-label={strings.clerkScreen.deviceChipLabel(kindLabel, stateLabel, status.reason)}
    >
      <span className="device-chip__dot" aria-hidden="true" />
      <span className="device-chip__kind" aria-hidden="true">
        {kindLabel}
      </span>
      <span className="device-chip__state" aria-hidden="true">
        {stateLabel}
      </span>
    </li>
  );
}

/**
 * One chip per device kind, in DEVICE_KINDS order. Before the first snapshot
 * (`devices` null) no chip is drawn: nothing is known yet, not even 未配置.
 */
export function DeviceStatusBar({ devices }: { devices: readonly DeviceStatus[] | null }): JSX.Element {
  return (
    <section className="device-bar" aria-labelledby="device-bar-title">
      <h2 className="device-bar__title" id="device-bar-title">
        {strings.clerkScreen.deviceBarTitle}
      </h2>
      {devices && (
        <ul className="device-bar__chips">
          {DEVICE_KINDS.map((kind) => (
            <DeviceChip key={kind} status={statusOf(devices, kind)} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Names the simulated devices, so nobody takes a demo read for a real one. */
export function SimulatedBanner({ kinds }: { kinds: readonly DeviceKind[] }): JSX.Element {
  return (
    <div className="simulated-banner" data-testid="simulated-banner" role="note">
      <span className="simulated-banner__tag">{strings.deviceStates.simulated}</span>
      <span>{strings.devices.simulatedBanner(kinds.map((k) => strings.deviceKinds[k]).join('、'))}</span>
    </div>
  );
}
