// What most e2e tests start: the demo cluster, `kubedesk serve` on the demo's kubeconfig (HOME,
// the kubeconfig and KUBEDESK_HOME in one temporary folder) and Chromium; stopped in reverse.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoCluster, type DemoCluster, type DemoClusterOptions } from '../../../electron/core/demo/demo-cluster.ts';
import { launchChromium } from './browser.ts';
import { serveApp, type ServedApp } from './serve-app.ts';

export interface ServedDemoOptions {
  /** Names the temporary folder (`kd-e2e-NAME-`). */
  tmpPrefix: string;
  /** What the demo cluster holds (startDemoCluster's options). */
  cluster?: DemoClusterOptions;
  /** Changes the kubeconfig the demo wrote before the app first reads it. */
  editKubeconfig?(path: string): void;
}

export interface ServedDemo {
  demo: DemoCluster;
  app: ServedApp;
  browser: Browser;
  /** The temporary folder: HOME, the kubeconfig, and KUBEDESK_HOME (`home/`). */
  dir: string;
  kubeconfig: string;
  /** A new page (in a browser context of its own) at `viewport`, on the UI with a fresh launch code. */
  openPage(viewport: { width: number; height: number }): Promise<Page>;
  /** A new page in `context`, on the UI with a fresh launch code. */
  openPageIn(context: BrowserContext): Promise<Page>;
  /** Closes Chromium, stops the app, then the demo cluster. */
  dispose(): Promise<void>;
}

export async function startServedDemo(opts: ServedDemoOptions): Promise<ServedDemo> {
  const demo = await startDemoCluster(opts.cluster);
  try {
    return await serve(demo, opts);
  } catch (err) {
    await demo.dispose();
    throw err;
  }
}

async function serve(demo: DemoCluster, opts: ServedDemoOptions): Promise<ServedDemo> {
  const dir = mkdtempSync(join(tmpdir(), opts.tmpPrefix));
  const kubeconfig = await demo.writeKubeconfig(dir);
  opts.editKubeconfig?.(kubeconfig);
  const [chromium, served] = await Promise.allSettled([
    launchChromium(),
    serveApp([], { KUBECONFIG: kubeconfig, HOME: dir, KUBEDESK_HOME: join(dir, 'home') }),
  ]);
  if (chromium.status === 'rejected' || served.status === 'rejected') {
    if (chromium.status === 'fulfilled') await chromium.value.close();
    if (served.status === 'fulfilled') await served.value.process.stop();
    throw chromium.status === 'rejected' ? chromium.reason : (served as PromiseRejectedResult).reason;
  }
  const browser = chromium.value;
  const app = served.value;
  return {
    demo,
    app,
    browser,
    dir,
    kubeconfig,
    openPage: async (viewport) => {
      const page = await browser.newPage({ viewport });
      await page.goto(app.url);
      return page;
    },
    openPageIn: async (context) => {
      const page = await context.newPage();
      await page.goto(app.url);
      return page;
    },
    dispose: async () => {
      await browser.close();
      await app.process.stop();
      await demo.dispose();
    },
  };
}
