#!/bin/sh
# postrm of the counter terminal's deb (electron-builder.yml deb.afterRemove).
#
# Part 1 is electron-builder 26's own after-remove script
# (node_modules/app-builder-lib/templates/linux/after-remove.tpl), written for
# /bin/sh; part 2 undoes what our after-install added.
# Macros and DESTROOT: as in after-install.sh (no braces around our own variables).
#
# dpkg passes what happens as $1: remove, purge, upgrade, failed-upgrade,
# abort-install, abort-upgrade or disappear. On an upgrade the new package's
# postinst runs next and installs the rules again, so ours are kept meanwhile.
# The data directories (~/.config/窗口受理终端 of each user) are never touched.
# purge also removes /etc/counter-terminal (the centre file and the autostart switch).

# --- Part 1: electron-builder's after-remove --------------------------------

# Delete the link to the binary
# update-alternatives --remove <name> <path>: 'path' must be the registered alternative binary,
# not the generic symlink — see https://man7.org/linux/man-pages/man1/update-alternatives.1.html
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' "$DESTROOT"'/opt/${sanitizedProductName}/${executable}'
else
    rm -f "$DESTROOT"'/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST="$DESTROOT"'/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot (not inside a chroot).
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi

# --- Part 2: the counter terminal's udev rules and autostart ----------------

case "$1" in
    upgrade|failed-upgrade)
        ;;
    *)
        rm -f "$DESTROOT"/etc/udev/rules.d/70-counter-terminal-*.rules
        rm -f "$DESTROOT/etc/xdg/autostart/counter-terminal.desktop"
        if command -v udevadm >/dev/null 2>&1; then
            udevadm control --reload-rules || true
        fi
        ;;
esac
if [ "$1" = purge ]; then
    rm -rf "$DESTROOT/etc/counter-terminal"
fi

exit 0
