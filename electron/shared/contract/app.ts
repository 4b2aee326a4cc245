// Contract fragment: the app itself.

export interface AppInfo {
  name: string;
  version: string;
  /** `electron` or `browser`: for the About box only; views must not branch on it. */
  host: 'electron' | 'browser';
  platform: string;
}

export interface AppContract {
  'app:info': { req: void; res: AppInfo };
}
export const APP_CHANNELS = ['app:info'] as const;
