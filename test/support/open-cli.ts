// What the `kubedesk open` tests share (docs/cli.md, open): its ready line, and an env with no
// display, so the browser is never tried whatever the flags.
export const OPEN_READY = /^Opened http:\/\/127\.0\.0\.1:(\d+)\/ \((\S+)\)$/;

export const openEnv = (home: string): { env: NodeJS.ProcessEnv } => ({ env: { KUBEDESK_HOME: home, DISPLAY: '', WAYLAND_DISPLAY: '' } });
