// Topology view benchmark in Chromium on a demo cluster holding 1,000 extra services (namespace
// `bulk`): opening the view (fetch, layout, first paint), expanding the 1,000 services and fitting
// them all on screen (layout and paint of every node), and pan/zoom: the main-thread work of one
// step (the event, Svelte Flow's update, style and layout) and the frame intervals while the
// mouse drags and the wheel zooms.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoCluster } from '../../electron/core/demo/demo-cluster.ts';
import { launchChromium } from '../e2e/support/browser.ts';
import { READY_LINE } from '../e2e/support/serve-app.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const SERVICES = Number(process.env['TOPOLOGY_BENCH_SERVICES'] ?? 1000);
const RUNS = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds from clicking the Topology tab to the frame after the graph is in the page, split at the marks the view sets. */
function openView(page: Page): Promise<{ total: number; fetch: number; layout: number; paint: number; nodes: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        performance.clearMarks();
        const t0 = performance.now();
        (document.querySelector('[data-testid=nav-topology]') as HTMLElement).click();
        const check = (): void => {
          if (!document.querySelector('[data-testid=topology-group][data-namespace=bulk]')) return void requestAnimationFrame(check);
          // The frame after the one that drew it: its paint is done.
          requestAnimationFrame(() => {
            const t = performance.now();
            const mark = (name: string): number => performance.getEntriesByName(name).at(-1)?.startTime ?? t;
            const fetched = mark('kubedesk:topology-fetched');
            const laid = mark('kubedesk:topology-laid-out');
            resolve({
              total: t - t0,
              fetch: fetched - t0,
              layout: laid - fetched,
              paint: t - laid,
              nodes: document.querySelectorAll('[data-testid=topology-node]').length,
            });
          });
        };
        requestAnimationFrame(check);
      }),
  );
}

/** Clicks `click`, then waits until `ready` matches at least `count` elements, and one more frame; milliseconds. (The page's CSP forbids eval, so no code strings.) */
function timedClick(page: Page, click: string, ready: string, count = 1): Promise<number> {
  return page.evaluate(
    ({ click, ready, count }) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        (document.querySelector(click) as HTMLElement).click();
        const check = (): void => {
          if (document.querySelectorAll(ready).length < count) return void requestAnimationFrame(check);
          requestAnimationFrame(() => resolve(performance.now() - t0));
        };
        requestAnimationFrame(check);
      }),
    { click, ready, count },
  );
}

/** Main-thread cost of single pan and zoom steps: dispatch the event, then force style and layout. */
function stepCosts(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const pane = document.querySelector('.svelte-flow__pane') as HTMLElement;
    const viewport = document.querySelector('.svelte-flow__viewport') as HTMLElement;
    const box = pane.getBoundingClientRect();
    const costs: number[] = [];
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      // Alternate zoom in/out around the middle, and pan with horizontal wheel deltas.
      const init: WheelEventInit =
        i % 2 === 0
          ? {
              deltaY: i % 4 === 0 ? -60 : 60,
              clientX: box.x + box.width / 2,
              clientY: box.y + box.height / 2,
              bubbles: true,
              cancelable: true,
            }
          : { deltaX: 40, shiftKey: false, ctrlKey: false, clientX: box.x + 100, clientY: box.y + 100, bubbles: true, cancelable: true };
      pane.dispatchEvent(new WheelEvent('wheel', init));
      await Promise.resolve(); // Svelte applies its updates in a microtask
      void viewport.getBoundingClientRect();
      void document.body.offsetHeight;
      costs.push(performance.now() - t0);
    }
    return costs;
  });
}

/** Intervals between animation frames while the real mouse drags the pane and the wheel zooms. */
async function frameIntervals(page: Page, target = '.svelte-flow__pane', before?: () => Promise<void>): Promise<number[]> {
  await before?.();
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; frameRun: boolean };
    w.frames_ = [];
    w.frameRun = true;
    let last = performance.now();
    const tick = (t: number): void => {
      w.frames_.push(t - last);
      last = t;
      if (w.frameRun) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const box = (await page.locator(target).boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 40; i++) await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + Math.cos(i / 6) * 120);
  await page.mouse.up();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, i < 10 ? -80 : 80);
  return page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; frameRun: boolean };
    w.frameRun = false;
    return w.frames_.slice(1);
  });
}

export async function benchTopology(): Promise<Record<string, number | string>> {
  const demo = await startDemoCluster({ services: SERVICES });
  const dir = mkdtempSync(join(tmpdir(), 'kd-topology-bench-'));
  const kubeconfig = await demo.writeKubeconfig(dir);
  const serve = spawn(process.execPath, [join(ROOT, 'electron/cli/bin.ts'), 'serve', '--no-open', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', KUBECONFIG: kubeconfig, HOME: dir, KUBEDESK_HOME: join(dir, 'home') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const closed = new Promise<void>((resolve) => serve.on('close', () => resolve()));
  const browser = await launchChromium();
  try {
    const m = await new Promise<RegExpMatchArray>((resolve, reject) => {
      let out = '';
      serve.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        for (const line of out.split('\n')) {
          const found = READY_LINE.exec(line);
          if (found) resolve(found);
        }
      });
      serve.on('close', (code) => reject(new Error(`kubedesk serve exited with ${code}`)));
    });
    const figures: Record<string, number | string> = { services: SERVICES };
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${m[1]}/#code=${m[3]}`);
    await page.getByTestId('context-row').first().waitFor();

    // Baseline: the same drag and wheel over a view without a graph (what headless Chromium and
    // the driver cost by themselves).
    const base = await frameIntervals(page, '[data-testid=forwards-summary]', async () => {
      await page.getByTestId('nav-forwards').click();
      await page.getByTestId('forwards-summary').waitFor();
    });
    figures['baseline (no graph) frame interval median ms'] = percentile(base, 50);
    figures['baseline (no graph) frame interval p95 ms'] = percentile(base, 95);

    // Opening the view: the namespace of 1,000 services starts collapsed to one node.
    const opens: Array<Awaited<ReturnType<typeof openView>>> = [];
    for (let i = 0; i < RUNS; i++) {
      opens.push(await openView(page));
      await page.getByTestId('nav-forwards').click();
      await page.getByTestId('forwards-summary').waitFor();
    }
    const med = (pick: (o: (typeof opens)[number]) => number): number => percentile(opens.map(pick), 50);
    figures['open view median ms (fetch+layout+paint)'] = med((o) => o.total);
    figures['  of which topology:get ms'] = med((o) => o.fetch);
    figures['  of which layout ms'] = med((o) => o.layout);
    figures['  of which first paint ms'] = med((o) => o.paint);
    figures['  nodes drawn (bulk collapsed)'] = opens[0]!.nodes;

    // Expanded: every one of the 1,000 services is a node, laid out and then all fitted on screen.
    await page.getByTestId('nav-topology').click();
    await page.locator('[data-testid=topology-group][data-namespace=bulk]').waitFor();
    const toggle = '[data-testid=topology-group][data-namespace=bulk] [data-testid=topology-group-toggle]';
    const cycles: Array<{ expand: number; fit: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const expand = await timedClick(page, toggle, '[data-testid=topology-group][data-namespace=bulk][data-collapsed=false]');
      const fit = await timedClick(
        page,
        '.svelte-flow__controls-fitview',
        '[data-testid=topology-node][data-id^="service/bulk/"]',
        SERVICES,
      );
      cycles.push({ expand, fit });
      if (i < RUNS - 1) await timedClick(page, toggle, '[data-testid=topology-group][data-namespace=bulk][data-collapsed=true]');
    }
    const both = cycles.map((c) => c.expand + c.fit);
    figures['expand 1,000 services: layout+paint median ms'] = percentile(
      cycles.map((c) => c.expand),
      50,
    );
    figures['fit all 1,000 on screen: paint median ms'] = percentile(
      cycles.map((c) => c.fit),
      50,
    );
    figures['layout + first paint of 1,000 services median ms'] = percentile(both, 50);
    figures['layout + first paint of 1,000 services max ms'] = Math.max(...both);
    figures['goal layout+first paint < 500 ms'] = percentile(both, 50) < 500 ? 'met' : 'missed';
    figures['nodes in the page (all shown)'] = await page.getByTestId('topology-node').count();

    const steps = await stepCosts(page);
    figures['pan/zoom step main-thread median ms'] = percentile(steps, 50);
    figures['pan/zoom step main-thread p95 ms'] = percentile(steps, 95);
    figures['pan/zoom step main-thread max ms'] = Math.max(...steps);
    const frames = await frameIntervals(page);
    figures['drag+wheel frames'] = frames.length;
    figures['drag+wheel frame interval median ms'] = percentile(frames, 50);
    figures['drag+wheel frame interval p95 ms'] = percentile(frames, 95);
    // Met when a step's own work fits a frame and the frames keep the page's 60 Hz baseline.
    figures['goal pan/zoom frame < 16 ms'] =
      percentile(steps, 95) < 16 && percentile(frames, 50) <= percentile(base, 50) + 1 ? 'met' : 'missed';
    await page.close();
    return figures;
  } finally {
    await browser.close();
    serve.kill('SIGINT');
    await closed;
    await demo.dispose();
  }
}
