/**
 * The UOS app store's package layout (统信应用商店打包规范), as pure text:
 * the store accepts a deb whose every file lies under /opt/apps/<appid>/ —
 * `entries/` (desktop entry, icons), `files/` (the app), `info` (JSON) — and
 * which has no maintainer scripts, since a store package may not change the
 * system. So unlike our own deb (electron-builder.yml `deb`), it installs no
 * udev rules, no /usr/bin link and no autostart entry: docs/packaging.md says
 * what IT does instead.
 *
 * No I/O here; scripts/uos-store/build.ts writes these texts and runs dpkg-deb.
 */

/** Store arch names are Debian's. Electron publishes no loong64 (龙芯) or mips64el build, so there is no store package for them. */
export const DEB_ARCH = { x64: 'amd64', arm64: 'arm64' } as const;
export type ElectronArch = keyof typeof DEB_ARCH;

export interface StoreApp {
  /** Reverse domain, the deb's package name too: electron-builder.yml `appId`. */
  appId: string;
  /** What the desktop shows: package.json `productName`. */
  productName: string;
  /** package.json `version`, semver x.y.z. */
  version: string;
  /** The store's fourth version number, for rebuilds of one release. */
  build: number;
  description: string;
  arch: ElectronArch;
  /** electron-builder.yml `linux.executableName`. */
  executable: string;
  maintainer: string;
  depends: readonly string[];
  /** Sum of the file sizes, for the control file's Installed-Size (KiB). */
  installedBytes: number;
}

/** A Debian package name that is also a reverse domain with at least three labels. */
const APP_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*){2,}$/;

/** Why the app cannot go into the store as it is, in Chinese; empty when it can. */
export function storeProblems(app: Pick<StoreApp, 'appId' | 'version' | 'build' | 'executable'>): string[] {
  const problems: string[] = [];
  if (!APP_ID.test(app.appId)) problems.push(`appId「${app.appId}」不是倒置域名形式的包名（小写字母、数字、连字符，至少三段，如 cn.gov.example.app）`);
  if (!/^\d+\.\d+\.\d+$/.test(app.version))
    problems.push(`版本号「${app.version}」不能用于应用商店：商店版本只能是四段数字（主.次.修订.构建），请用正式版本号 x.y.z`);
  if (!Number.isInteger(app.build) || app.build < 0) problems.push(`构建号「${app.build}」应为非负整数`);
  if (!/^[A-Za-z0-9._-]+$/.test(app.executable)) problems.push(`可执行文件名「${app.executable}」只能含字母、数字、点、连字符和下划线`);
  return problems;
}

/** The store's {MAJOR}.{MINOR}.{PATCH}.{BUILD}, also the deb's Version. */
export const storeVersion = (app: Pick<StoreApp, 'version' | 'build'>): string => `${app.version}.${app.build}`;

export const appRoot = (appId: string): string => `/opt/apps/${appId}`;

/** The app's executable as the desktop entry starts it. */
export const executablePath = (app: Pick<StoreApp, 'appId' | 'executable'>): string => `${appRoot(app.appId)}/files/${app.executable}`;

/** DEBIAN/control. Continuation lines of the description start with a space; an empty one is " .". */
export function controlFile(app: StoreApp): string {
  const longDescription = app.description
    .split('\n')
    .map((line) => (line.trim() ? ` ${line.trim()}` : ' .'))
    .join('\n');
  const fields: [string, string][] = [
    ['Package', app.appId],
    ['Version', storeVersion(app)],
    ['Architecture', DEB_ARCH[app.arch]],
    ['Maintainer', app.maintainer],
    ['Installed-Size', String(Math.ceil(app.installedBytes / 1024))],
    ...(app.depends.length ? ([['Depends', app.depends.join(', ')]] as [string, string][]) : []),
    ['Section', 'utils'],
    ['Priority', 'optional'],
    ['Description', `${app.productName}\n${longDescription}`],
  ];
  return `${fields.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`;
}

/**
 * The store's `info`. Permissions are what the store asks the user to allow:
 * the document camera (高拍仪) and the applicant-facing head need `camera`;
 * nothing else is used (no tray, no notifications, no microphone; autostart is
 * machine policy, set by IT, not by the package).
 */
export function infoFile(app: StoreApp): string {
  return `${JSON.stringify(
    {
      appid: app.appId,
      name: app.productName,
      version: storeVersion(app),
      arch: [DEB_ARCH[app.arch]],
      permissions: {
        autostart: false,
        notification: false,
        trayicon: false,
        clipboard: false,
        account: false,
        bluetooth: false,
        camera: true,
        audio_record: false,
        installed_apps: false,
      },
    },
    null,
    2,
  )}\n`;
}

/** Desktop-entry string values: the freedesktop escapes, so a newline cannot start a new key. */
const escapeValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

/**
 * entries/applications/<appid>.desktop. `Icon` is the appid, found under
 * entries/icons; `StartupWMClass` is the appid too, as electron-builder 26
 * writes it for our own deb: package.json's `desktopName` is `<appid>.desktop`,
 * Electron derives the window's app id from it, and the desktop then groups
 * the running window under this entry.
 */
export function desktopEntry(app: StoreApp): string {
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${escapeValue(app.productName)}`,
    `Name[zh_CN]=${escapeValue(app.productName)}`,
    `Comment=${escapeValue(app.description)}`,
    `Exec=${executablePath(app)} %U`,
    `Icon=${app.appId}`,
    'Terminal=false',
    'Categories=Office;',
    `StartupWMClass=${app.appId}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Where each entry goes, relative to the package root. */
export function entryPaths(appId: string): { desktop: string; iconSvg: string; iconPng: string; info: string; files: string } {
  const root = appRoot(appId).slice(1);
  return {
    desktop: `${root}/entries/applications/${appId}.desktop`,
    iconSvg: `${root}/entries/icons/hicolor/scalable/apps/${appId}.svg`,
    iconPng: `${root}/entries/icons/hicolor/512x512/apps/${appId}.png`,
    info: `${root}/info`,
    files: `${root}/files`,
  };
}
