#!/bin/bash
# The deb's postrm: electron-builder's own (app-builder-lib/templates/linux/after-remove.tpl), for
# /usr/bin/${executable} pointing at the `kubedesk` command's shim (build/linux/after-install.tpl).
# dpkg also runs it before an upgrade's postinst, which links the new shim again.

SHIM='/opt/${sanitizedProductName}/resources/bin/${executable}'

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' "$SHIM"
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload the AppArmor profile (not inside a chroot, as after-install).
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
