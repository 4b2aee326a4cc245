@echo off
rem The `kubedesk` command of the installed app on Windows (docs/desktop.md, The `kubedesk` command
rem with RunAsNode off), in INSTALL\resources\bin. It runs KubeDesk.exe as the command; a batch file
rem waits for it and returns its exit status, and Electron attaches to this console for its output
rem (electron/shell/app/electron_main_win.cc). The arguments follow --, so Chromium and Electron
rem never read them as switches. Exported kubeconfigs call this file (KUBEDESK_CLI).
rem The long-running commands get the V8 flags of the development bin, as from the sh shim beside
rem this file (electron/cli/kubedesk.mjs LONG_RUNNING and MEMORY_FLAGS; docs/cli.md, Memory); the
rem others start without them.
setlocal
set "KUBEDESK_CLI=%~f0"
for %%c in (proxy forward open serve demo) do if "%~1"=="%%c" goto memory
"%~dp0..\..\KubeDesk.exe" --kubedesk-cli -- %*
exit /b %ERRORLEVEL%
:memory
"%~dp0..\..\KubeDesk.exe" --kubedesk-cli "--js-flags=--max-semi-space-size=1 --heap-growing-percent=50" -- %*
exit /b %ERRORLEVEL%
