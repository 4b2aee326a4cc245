@echo off
rem The `kubedesk` command of the installed app on Windows (docs/desktop.md, The `kubedesk` command
rem with RunAsNode off), in INSTALL\resources\bin. It runs KubeDesk.exe as the command; a batch file
rem waits for it and returns its exit status, and Electron attaches to this console for its output
rem (electron/shell/app/electron_main_win.cc). The arguments follow --, so Chromium and Electron
rem never read them as switches. Exported kubeconfigs call this file (KUBEDESK_CLI).
setlocal
set "KUBEDESK_CLI=%~f0"
"%~dp0..\..\KubeDesk.exe" --kubedesk-cli -- %*
exit /b %ERRORLEVEL%
