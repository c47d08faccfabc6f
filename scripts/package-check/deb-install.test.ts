/**
 * The deb's maintainer scripts run for real, rendered as electron-builder
 * renders them, against a temporary root (DESTROOT) laid out the way dpkg
 * unpacks the package, with the system commands they call (udevadm,
 * update-alternatives, unshare, AppArmor, desktop databases) stubbed on PATH
 * and logging their arguments. Checks the udev rules land in
 * /etc/udev/rules.d with the shipped content and pass the rules checker, udev
 * is reloaded, electron-builder's own steps still happen, autostart appears
 * only when IT asks, and removal undoes exactly what was added.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { loadBuilderConfig } from './builder-config';
import { debMacros, renderDebScript } from './deb-scripts';
import { checkUdevRules } from './udev-rules';

const ROOT = join(__dirname, '..', '..');
const PRODUCT = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { productName: string }).productName;
const EXECUTABLE = 'counter-terminal';
const SHIPPED_RULES = join(ROOT, 'resources', 'udev');
const STUBBED = ['udevadm', 'update-alternatives', 'unshare', 'apparmor_status', 'apparmor_parser', 'update-mime-database', 'update-desktop-database'];

interface Machine {
  root: string;
  appDir: string;
  log: string;
  run: (script: 'after-install' | 'after-remove', arg: string, env?: Record<string, string>) => { status: number | null; stderr: string };
  calls: () => string[];
}

function machine(): Machine {
  const root = tempDir('deb-root-');
  const tools = tempDir('deb-tools-');
  const log = join(tools, 'calls.log');
  const appDir = join(root, 'opt', PRODUCT);
  // What dpkg unpacks: the app folder with extraResources under resources/resources.
  mkdirSync(join(appDir, 'resources', 'resources', 'udev'), { recursive: true });
  for (const f of readdirSync(SHIPPED_RULES)) copyFileSync(join(SHIPPED_RULES, f), join(appDir, 'resources', 'resources', 'udev', f));
  writeFileSync(join(appDir, EXECUTABLE), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(appDir, 'chrome-sandbox'), '', { mode: 0o755 });
  mkdirSync(join(root, 'usr', 'bin'), { recursive: true });
  // Each stub logs its name and arguments; STUB_<NAME>_EXIT sets its exit status.
  for (const name of STUBBED) {
    const variable = `STUB_${name.replace(/[-]/g, '_').toUpperCase()}_EXIT`;
    writeFileSync(join(tools, name), `#!/bin/sh\necho "${name} $*" >> "$STUB_LOG"\nexit "\${${variable}:-0}"\n`, { mode: 0o755 });
  }
  const config = loadBuilderConfig(join(ROOT, 'electron-builder.yml'));
  const deb = config.deb as { afterInstall: string; afterRemove: string };
  const macros = debMacros(config, PRODUCT);
  const scripts = {
    'after-install': join(tools, 'postinst'),
    'after-remove': join(tools, 'postrm'),
  };
  writeFileSync(scripts['after-install'], renderDebScript(readFileSync(join(ROOT, deb.afterInstall), 'utf8'), macros), { mode: 0o755 });
  writeFileSync(scripts['after-remove'], renderDebScript(readFileSync(join(ROOT, deb.afterRemove), 'utf8'), macros), { mode: 0o755 });
  return {
    root,
    appDir,
    log,
    run: (script, arg, env = {}) => {
      const result = spawnSync(scripts[script], [arg], {
        encoding: 'utf8',
        // No AppArmor here (apparmor_status fails): its branch is the template's and needs a real parser.
        env: { PATH: `${tools}:/usr/sbin:/usr/bin:/sbin:/bin`, DESTROOT: root, STUB_LOG: log, STUB_APPARMOR_STATUS_EXIT: '1', ...env },
      });
      return { status: result.status, stderr: result.stderr };
    },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}

const rulesDir = (m: Machine) => join(m.root, 'etc', 'udev', 'rules.d');
const autostartEntry = (m: Machine) => join(m.root, 'etc', 'xdg', 'autostart', 'counter-terminal.desktop');
const autostartMarker = (m: Machine) => join(m.root, 'etc', 'counter-terminal', 'autostart');

describe('the deb after-install script in a temporary root', () => {
  let m: Machine;
  beforeEach(() => {
    m = machine();
  });

  it('installs the shipped udev rules into /etc/udev/rules.d, unchanged, world-readable, and they pass the rules checker', () => {
    expect(m.run('after-install', 'configure')).toMatchObject({ status: 0 });
    const shipped = readdirSync(SHIPPED_RULES).filter((f) => f.endsWith('.rules'));
    expect(shipped.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(rulesDir(m)).sort()).toEqual(shipped.sort());
    for (const f of shipped) {
      expect(readFileSync(join(rulesDir(m), f), 'utf8')).toBe(readFileSync(join(SHIPPED_RULES, f), 'utf8'));
      expect(statSync(join(rulesDir(m), f)).mode & 0o777).toBe(0o644);
    }
    const rows = checkUdevRules(rulesDir(m));
    expect(rows.filter((r) => r.verdict !== 'ok')).toEqual([]);
    const installed = readFileSync(join(rulesDir(m), '70-counter-terminal-devices.rules'), 'utf8');
    expect(installed).toContain('SUBSYSTEM=="tty", ATTRS{idVendor}=="1a86", ATTRS{idProduct}=="7523", TAG+="uaccess", MODE="0660", GROUP="dialout"');
    expect(installed).toMatch(/SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="0425", ATTRS\{idProduct\}=="8159", TAG\+="uaccess", MODE="0660", GROUP="plugdev"/);
  });

  it('reloads udev after copying and re-applies the rules to serial, HID and USB devices', () => {
    m.run('after-install', 'configure');
    const calls = m.calls().filter((c) => c.startsWith('udevadm'));
    expect(calls).toEqual(['udevadm control --reload-rules', 'udevadm trigger --subsystem-match=tty --subsystem-match=hidraw --subsystem-match=usb']);
  });

  it('keeps electron-builder’s steps: the /usr/bin link through update-alternatives, chrome-sandbox’s mode, the desktop databases', () => {
    m.run('after-install', 'configure');
    const bin = join(m.root, 'usr', 'bin', EXECUTABLE);
    const app = join(m.appDir, EXECUTABLE);
    expect(m.calls()).toContain(`update-alternatives --install ${bin} ${EXECUTABLE} ${app} 100`);
    expect(m.calls()).toContain(`update-desktop-database ${join(m.root, 'usr', 'share', 'applications')}`);
    // With user namespaces (the link exists and unshare works) the sandbox needs no setuid bit.
    const userNamespaces = lstatSync('/proc/self/ns/user', { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
    expect(statSync(join(m.appDir, 'chrome-sandbox')).mode & 0o7777).toBe(userNamespaces ? 0o755 : 0o4755);
  });

  it('makes chrome-sandbox setuid (4755) where user namespaces do not work, and links /usr/bin itself when update-alternatives fails', () => {
    expect(m.run('after-install', 'configure', { STUB_UNSHARE_EXIT: '1', STUB_UPDATE_ALTERNATIVES_EXIT: '1' })).toMatchObject({ status: 0 });
    expect(statSync(join(m.appDir, 'chrome-sandbox')).mode & 0o7777).toBe(0o4755);
    expect(readlinkSync(join(m.root, 'usr', 'bin', EXECUTABLE))).toBe(join(m.appDir, EXECUTABLE));
  });

  it('adds no autostart entry unless IT asks', () => {
    m.run('after-install', 'configure');
    expect(existsSync(autostartEntry(m))).toBe(false);
    expect(existsSync(autostartMarker(m))).toBe(false);
  });

  it('adds the machine-wide autostart entry when /etc/counter-terminal/autostart exists', () => {
    mkdirSync(join(m.root, 'etc', 'counter-terminal'), { recursive: true });
    writeFileSync(autostartMarker(m), '');
    m.run('after-install', 'configure');
    const entry = readFileSync(autostartEntry(m), 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(entry).toContain(`Name=${PRODUCT}\n`);
    expect(entry).toContain(`Exec=/usr/bin/${EXECUTABLE}\n`);
    expect(entry).not.toContain('${');
    expect(statSync(autostartEntry(m)).mode & 0o777).toBe(0o644);
  });

  it('COUNTER_TERMINAL_AUTOSTART=1 switches autostart on for good (the marker survives upgrades), =0 off again', () => {
    m.run('after-install', 'configure', { COUNTER_TERMINAL_AUTOSTART: '1' });
    expect(existsSync(autostartMarker(m))).toBe(true);
    expect(existsSync(autostartEntry(m))).toBe(true);
    // An upgrade without the variable keeps it.
    m.run('after-install', 'configure');
    expect(existsSync(autostartEntry(m))).toBe(true);
    m.run('after-install', 'configure', { COUNTER_TERMINAL_AUTOSTART: '0' });
    expect(existsSync(autostartMarker(m))).toBe(false);
    expect(existsSync(autostartEntry(m))).toBe(false);
  });

  it('fails, saying why, when the package holds no udev rules', () => {
    rmSync(join(m.appDir, 'resources', 'resources', 'udev'), { recursive: true });
    const result = m.run('after-install', 'configure');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('安装包中没有 udev 规则');
    expect(m.calls().some((c) => c.startsWith('udevadm'))).toBe(false);
  });
});

describe('the deb after-remove script in a temporary root', () => {
  let m: Machine;
  beforeEach(() => {
    m = machine();
    m.run('after-install', 'configure', { COUNTER_TERMINAL_AUTOSTART: '1' });
    // A rule of IT's own and another package's stay whatever happens.
    writeFileSync(join(rulesDir(m), '71-counter-terminal-local.rules'), '# IT\n');
    writeFileSync(join(rulesDir(m), '99-other.rules'), '# other\n');
    writeFileSync(join(m.root, 'etc', 'counter-terminal', 'centre.json'), '{}');
    writeFileSync(m.log, '');
  });

  it('remove: takes away our rules and the autostart entry, reloads udev, keeps IT’s centre file and other rules', () => {
    expect(m.run('after-remove', 'remove')).toMatchObject({ status: 0 });
    expect(readdirSync(rulesDir(m)).sort()).toEqual(['71-counter-terminal-local.rules', '99-other.rules']);
    expect(existsSync(autostartEntry(m))).toBe(false);
    expect(existsSync(join(m.root, 'etc', 'counter-terminal', 'centre.json'))).toBe(true);
    expect(m.calls()).toContain('udevadm control --reload-rules');
    expect(m.calls()).toContain(`update-alternatives --remove ${EXECUTABLE} ${join(m.appDir, EXECUTABLE)}`);
  });

  it('upgrade: keeps the rules and the autostart entry for the new version', () => {
    m.run('after-remove', 'upgrade');
    expect(readdirSync(rulesDir(m))).toContain('70-counter-terminal-devices.rules');
    expect(existsSync(autostartEntry(m))).toBe(true);
    expect(m.calls().some((c) => c.startsWith('udevadm'))).toBe(false);
  });

  it('purge: also removes /etc/counter-terminal (centre file, autostart switch)', () => {
    m.run('after-remove', 'purge');
    expect(existsSync(join(m.root, 'etc', 'counter-terminal'))).toBe(false);
    expect(readdirSync(rulesDir(m)).sort()).toEqual(['71-counter-terminal-local.rules', '99-other.rules']);
  });
});
