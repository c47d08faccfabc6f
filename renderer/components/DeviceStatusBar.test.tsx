import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KINDS, DEVICE_STATES } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { device } from '../test-support/fake-api';
import { DeviceChip, DeviceStatusBar } from './DeviceStatusBar';

afterEach(cleanup);

describe('DeviceChip', () => {
  it.each(DEVICE_STATES)('shows the %s state with its Chinese text', (state) => {
    render(
      <ul>
        <DeviceChip status={device('idcard', state, state === 'fault' ? '串口无响应' : '')} />
      </ul>,
    );
    const chip = screen.getByTestId('device-chip-idcard');
    expect(chip.dataset.state).toBe(state);
    expect(chip.className).toContain(`device-chip--${state}`);
    expect(within(chip).getByText(strings.deviceKinds.idcard)).toBeTruthy();
    expect(within(chip).getByText(strings.deviceStates[state])).toBeTruthy();
  });

  it('puts the reason in the tooltip and the accessible label', () => {
    render(
      <ul>
        <DeviceChip status={device('printer', 'fault', '打印机缺纸')} />
      </ul>,
    );
    const chip = screen.getByTestId('device-chip-printer');
    expect(chip.getAttribute('title')).toContain('打印机缺纸');
    expect(chip.getAttribute('aria-label')).toContain('打印机缺纸');
    expect(chip.getAttribute('aria-label')).toContain(strings.deviceStates.fault);
    expect(chip.getAttribute('aria-label')).toContain(strings.deviceKinds.printer);
  });

  it('shows what the camera granted (its detail) in the tooltip, beside the driver', () => {
    render(
      <ul>
        <DeviceChip status={{ ...device('camera', 'connected'), driver: 'Eloam USB Camera', detail: '3264×2448，15 帧/秒' }} />
      </ul>,
    );
    const title = screen.getByTestId('device-chip-camera').getAttribute('title');
    expect(title).toContain('Eloam USB Camera');
    expect(title).toContain('3264×2448，15 帧/秒');
  });

  it('keeps the word 模拟 visible on a simulated chip', () => {
    render(
      <ul>
        <DeviceChip status={device('camera', 'simulated', strings.devices.simulatedReason)} />
      </ul>,
    );
    expect(screen.getByTestId('device-chip-camera').textContent).toContain('模拟');
  });
});

describe('DeviceStatusBar', () => {
  it('shows one chip per kind in DEVICE_KINDS order, missing kinds as 未配置', () => {
    render(<DeviceStatusBar devices={[device('printer', 'connected'), device('idcard', 'disconnected')]} />);
    const chips = screen.getAllByTestId(/^device-chip-/);
    expect(chips.map((c) => c.dataset.testid)).toEqual(DEVICE_KINDS.map((k) => `device-chip-${k}`));
    expect(screen.getByTestId('device-chip-idcard').dataset.state).toBe('disconnected');
    expect(screen.getByTestId('device-chip-printer').dataset.state).toBe('connected');
    expect(screen.getByTestId('device-chip-camera').dataset.state).toBe('unconfigured');
    expect(within(screen.getByTestId('device-chip-camera')).getByText('未配置')).toBeTruthy();
  });

  it('draws no chip before the first snapshot', () => {
    render(<DeviceStatusBar devices={null} />);
    expect(screen.queryAllByTestId(/^device-chip-/)).toHaveLength(0);
  });
});
