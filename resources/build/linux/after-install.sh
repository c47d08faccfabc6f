#!/bin/sh
# postinst of the counter terminal's deb (electron-builder.yml deb.afterInstall).
#
# Part 1 is electron-builder 26's own after-install script
# (node_modules/app-builder-lib/templates/linux/after-install.tpl), which a
# custom script replaces: the /usr/bin link, the chrome-sandbox mode and the
# AppArmor profile, step by step, written for /bin/sh (`[ ]` for `[[ ]]`).
# `npm run package:check` fails when that template gains a step this file lacks.
# Part 2 is ours: the udev rules for the counter's devices and, when IT asks,
# the machine-wide autostart entry.
#
# Macros: electron-builder replaces every dollar-brace-name-brace in this file with
# its value (executable, sanitizedProductName, productFilename) and stops the
# build on a name it does not know, so the script's own variables are always
# written $NAME, never with braces.
#
# DESTROOT: empty when dpkg runs this script; a test sets it to a temporary root
# and every path written below is taken inside it.
#
# Autostart (start the terminal with every desktop session, all users):
#   - on:  touch /etc/counter-terminal/autostart before installing (or afterwards,
#          then reinstall), or install with COUNTER_TERMINAL_AUTOSTART=1 in the
#          environment (sudo env COUNTER_TERMINAL_AUTOSTART=1 dpkg -i …), which
#          creates that file so that upgrades keep the choice;
#   - off: rm /etc/counter-terminal/autostart and reinstall, or install with
#          COUNTER_TERMINAL_AUTOSTART=0.
# No debconf question: fleet installs stay non-interactive.

APP_DIR="$DESTROOT"'/opt/${sanitizedProductName}'
APP_BIN="$APP_DIR"/'${executable}'
BIN_LINK="$DESTROOT"'/usr/bin/${executable}'

# --- Part 1: electron-builder's after-install -------------------------------

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L "$BIN_LINK" ] && [ -e "$BIN_LINK" ] && [ "$(readlink "$BIN_LINK")" != '/etc/alternatives/${executable}' ]; then
        rm -f "$BIN_LINK"
    fi
    update-alternatives --install "$BIN_LINK" '${executable}' "$APP_BIN" 100 || ln -sf "$APP_BIN" "$BIN_LINK"
else
    ln -sf "$APP_BIN" "$BIN_LINK"
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [ -L /proc/self/ns/user ] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
else
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database "$DESTROOT/usr/share/mime" || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database "$DESTROOT/usr/share/applications" || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile
# (Ubuntu 22.04's does not support abi/4.0; the app runs fine without the profile there).
# The apparmor_parser flags below are a dry run of loading the profile.
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
  APPARMOR_PROFILE_TARGET="$DESTROOT"'/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed
    # environment (images for clients maintained in a chroot).
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor: '-W -T' pulls in abstraction updates too.
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

# --- Part 2: the counter terminal's devices and autostart -------------------

# The rules ship in the package (extraResources: resources/udev); udev reads
# only /etc and /lib, so they are copied. A package without them is broken:
# say so and fail, rather than leave readers the clerk cannot open.
RULES_SOURCE="$APP_DIR/resources/resources/udev"
RULES_TARGET="$DESTROOT/etc/udev/rules.d"
mkdir -p "$RULES_TARGET"
copied=0
for rules in "$RULES_SOURCE"/70-counter-terminal-*.rules; do
    [ -f "$rules" ] || continue
    cp -f "$rules" "$RULES_TARGET/" || exit 1
    chmod 0644 "$RULES_TARGET/$(basename "$rules")"
    copied=$((copied + 1))
done
if [ "$copied" -eq 0 ]; then
    echo "窗口受理终端：安装包中没有 udev 规则（$RULES_SOURCE），设备将无法使用" >&2
    exit 1
fi
# Reloaded now, and re-applied to the kinds of device the rules name (not
# every device of the machine). No udev daemon (a chroot, a container): the
# rules apply from the next boot.
if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules && udevadm trigger --subsystem-match=tty --subsystem-match=hidraw --subsystem-match=usb || true
fi

AUTOSTART_MARKER="$DESTROOT/etc/counter-terminal/autostart"
AUTOSTART_ENTRY="$DESTROOT/etc/xdg/autostart/counter-terminal.desktop"
case "$COUNTER_TERMINAL_AUTOSTART" in
    1)
        mkdir -p "$(dirname "$AUTOSTART_MARKER")"
        : > "$AUTOSTART_MARKER"
        ;;
    0)
        rm -f "$AUTOSTART_MARKER"
        ;;
esac
if [ -e "$AUTOSTART_MARKER" ]; then
    mkdir -p "$(dirname "$AUTOSTART_ENTRY")"
    cat > "$AUTOSTART_ENTRY" <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=${productFilename}
Comment=窗口受理终端随桌面会话启动（/etc/counter-terminal/autostart）
Exec=/usr/bin/${executable}
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
DESKTOP
    chmod 0644 "$AUTOSTART_ENTRY"
else
    rm -f "$AUTOSTART_ENTRY"
fi

exit 0
