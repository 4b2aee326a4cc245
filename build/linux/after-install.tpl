#!/bin/bash
# The deb's postinst: electron-builder's own (app-builder-lib/templates/linux/after-install.tpl),
# except that /usr/bin/${executable} is the `kubedesk` command's shim, not the app binary
# (docs/desktop.md, The `kubedesk` command with RunAsNode off). electron-builder fills in the
# dollar-brace names; the script's own variables are written without braces.

SHIM='/opt/${sanitizedProductName}/resources/bin/${executable}'
APP='/opt/${sanitizedProductName}/${executable}'
chmod 0755 "$SHIM" || true

if type update-alternatives >/dev/null 2>&1; then
    # Earlier versions (and electron-builder's default) registered the app binary itself.
    update-alternatives --remove '${executable}' "$APP" >/dev/null 2>&1 || true
    # Remove a previous link that doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' "$SHIM" 100 || ln -sf "$SHIM" '/usr/bin/${executable}'
else
    ln -sf "$SHIM" '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# AppArmor profile (Ubuntu 24+), as electron-builder's template: only if this AppArmor accepts it.
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi
