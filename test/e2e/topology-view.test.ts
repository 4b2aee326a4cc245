// The Topology view in a real browser against the demo cluster (docs/topology.md): every node kind
// of the demo drawn, a service's detail with the guide's sentence, Open through a gateway, a
// forward started from the graph turning active, the path from this laptop to a pod highlighted,
// and the forward following a pod restarted by the demo's chaos (Reconnecting, then Active on the
// new pod), with no console errors.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCluster } from '../../electron/core/demo/demo-cluster.ts';
import { ABOUT } from '../../electron/core/topology/topology-about.ts';
import { screenshot, watchErrors } from './support/browser.ts';
import type { ServedApp } from './support/serve-app.ts';
import { startServedDemo, type ServedDemo } from './support/served-demo.ts';

const BULK = 100;

let served: ServedDemo | undefined;
let browser: Browser;
let app: ServedApp;
let demo: DemoCluster;

beforeAll(async () => {
  // 100 extra services in `bulk`: a namespace large enough to start collapsed and to draw its members itself.
  served = await startServedDemo({ tmpPrefix: 'kd-e2e-topology-', cluster: { services: BULK } });
  ({ browser, app, demo } = served);
});
afterAll(async () => {
  await served?.dispose();
});

async function openTopology(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(app.url);
  await page.getByTestId('nav-topology').click();
  await expect.poll(() => page.getByTestId('topology-node').count(), { timeout: 20_000 }).toBeGreaterThan(10);
  return { page, errors };
}

const node = (page: Page, id: string) => page.locator(`[data-testid=topology-node][data-id="${id}"]`);
const kinds = (page: Page): Promise<string[]> =>
  page.getByTestId('topology-node').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind') ?? ''))].sort());

describe('the topology view', () => {
  it("draws every hop of the demo and explains a service in the guide's words", async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    const { page, errors } = await openTopology(context);
    await expect
      .poll(() => kinds(page))
      .toEqual(
        [
          'apiserver',
          'apiserver-lb',
          'apiserver-proxy',
          'browser',
          'cloud-lb',
          'kube-proxy',
          'kubelet',
          'local-proxy',
          'pod',
          'service',
        ].sort(),
      );
    // The demo: an LB in front of two apiservers, kube-proxy on each of its four nodes.
    expect(await page.locator('[data-testid=topology-node][data-kind=apiserver]').count()).toBe(2);
    expect(await page.locator('[data-testid=topology-node][data-kind=kube-proxy]').count()).toBe(4);
    expect(await node(page, 'local-proxy/none').getAttribute('data-status')).toBe('stopped');
    expect(await node(page, 'pod/shop/report-generator').getAttribute('data-status')).toBe('not-ready');
    expect(await page.locator('[data-testid=topology-group]').evaluateAll((g) => g.map((e) => e.getAttribute('data-namespace')))).toEqual(
      expect.arrayContaining(['shop', 'kube-system']),
    );

    await node(page, 'service/shop/storefront').click();
    const detail = page.getByTestId('topology-detail');
    await expect.poll(() => detail.getAttribute('data-id')).toBe('service/shop/storefront');
    expect(await page.getByTestId('topology-detail-label').innerText()).toBe('storefront');
    expect(await page.getByTestId('topology-about').innerText()).toBe(ABOUT.service);
    expect(await page.getByTestId('topology-detail-detail').innerText()).toContain('LoadBalancer');
    expect(await page.getByTestId('topology-address').innerText()).toMatch(/^10\.96\.\d+\.\d+$/);

    // Open: a gateway serves the service at its own origin, in a new tab; the gateway joins the graph.
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('topology-action-open-service').click()]);
    await tab.waitForLoadState('load');
    expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await tab.locator('h1').innerText()).toContain('KubeDesk demo shop');
    await tab.close();
    await expect
      .poll(() => page.locator('[data-testid=topology-node][data-kind=service-gateway]').getAttribute('data-status'), { timeout: 5000 })
      .toBe('active');

    // A pod: every path from this laptop to it lights up, the rest dims.
    const pod = page.locator('[data-testid=topology-node][data-kind=pod][data-id^="pod/shop/web-"]').first();
    await pod.click();
    await expect.poll(() => pod.getAttribute('data-mark')).toBe('on');
    for (const id of ['browser', 'local-proxy/none', 'apiserver-lb', 'apiserver-proxy', 'service/shop/web', 'service/shop/storefront']) {
      expect(await node(page, id).getAttribute('data-mark'), id).toBe('on');
    }
    // Through the cloud LB and every node's kube-proxy too (the storefront is a LoadBalancer).
    expect(await node(page, 'cloud-lb/203.0.113.50').getAttribute('data-mark')).toBe('on');
    expect(await node(page, 'kube-proxy/demo-worker-1').getAttribute('data-mark')).toBe('on');
    expect(await node(page, 'service/shop/orders').getAttribute('data-mark')).toBe('off');
    expect(await page.locator('.kd-edge.on').count()).toBeGreaterThan(8);
    // Fit again now that the detail panel takes its share of the width.
    const transform = (): Promise<string> => page.locator('.svelte-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    const before = await transform();
    await page.locator('.svelte-flow__controls-fitview').click();
    await expect.poll(transform).not.toBe(before);
    await screenshot(page, 'topology');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('starts a forward from the graph and follows it through a pod restart', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    const { page, errors } = await openTopology(context);
    await node(page, 'service/shop/web').click();
    await page.getByTestId('topology-action-forward-service').click();
    const forward = page.locator('[data-testid=topology-node][data-kind=port-forward]');
    await expect.poll(() => forward.getAttribute('data-status'), { timeout: 10_000 }).toBe('active');
    expect(await page.getByTestId('topology-notice').innerText()).toMatch(/^Forwarding http:\/\/127\.0\.0\.1:\d+\//);

    // The forward's path: laptop → forward → apiserver LB → apiservers → kubelet of its pod → pod.
    await forward.click();
    const detail = await page.getByTestId('topology-detail-detail').innerText();
    const podName = /→ (web-\S+)/.exec(detail)?.[1];
    expect(podName, detail).toBeTruthy();
    await expect.poll(() => node(page, `pod/shop/${podName}`).getAttribute('data-mark')).toBe('on');
    expect(await page.locator('.kd-edge.forward.on').count()).toBeGreaterThanOrEqual(4);

    // Every status the forward node shows from now on, in order.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { forwardStatuses: string[] }).forwardStatuses = seen;
      const look = (): void => {
        const s = document.querySelector('[data-testid=topology-node][data-kind=port-forward]')?.getAttribute('data-status');
        if (s && seen.at(-1) !== s) seen.push(s);
      };
      new MutationObserver(look).observe(document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-status'],
        childList: true,
      });
    });
    await demo.chaos.restartPod('shop', podName!);
    // Back on a pod of the service, not the deleted one (the other replica, or the replacement).
    await expect
      .poll(async () => /→ (web-\S+)/.exec(await page.getByTestId('topology-detail-detail').innerText())?.[1], { timeout: 20_000 })
      .toMatch(new RegExp(`^web-(?!${podName!.slice(4)}$)`));
    await expect.poll(() => forward.getAttribute('data-status'), { timeout: 20_000 }).toBe('active');
    const statuses = await page.evaluate(() => (window as unknown as { forwardStatuses: string[] }).forwardStatuses);
    expect(statuses.at(-1)).toBe('active');
    expect(statuses).toContain('reconnecting');
    // The old pod is gone from the graph.
    await expect.poll(() => node(page, `pod/shop/${podName}`).count()).toBe(0);

    // Stop it from the graph: it stays drawn, stopped, and carries nothing.
    await page.getByTestId('topology-action-stop-forward').click();
    await expect.poll(() => forward.getAttribute('data-status')).toBe('stopped');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a large namespace to one node until opened, then highlights a service inside it down to its pods', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    const { page, errors } = await openTopology(context);
    const bulk = page.locator('[data-testid=topology-group][data-namespace=bulk]');
    expect(await bulk.getAttribute('data-collapsed')).toBe('true');
    expect(await bulk.innerText()).toContain(`${BULK} services · 2 pods`);
    expect(await page.locator('[data-testid=topology-node][data-id^="service/bulk/"]').count()).toBe(0);

    await bulk.getByTestId('topology-group-toggle').click();
    await expect.poll(() => bulk.getAttribute('data-collapsed')).toBe('false');
    await page.locator('.svelte-flow__controls-fitview').click();
    await expect.poll(() => page.locator('[data-testid=topology-node][data-id^="service/bulk/"]').count()).toBe(BULK);
    // No edge inside until something is chosen.
    expect(await bulk.locator('.inner-edges path').count()).toBe(0);

    const svc = page.locator('[data-testid=topology-node][data-id="service/bulk/svc-00042"]');
    await svc.click();
    await expect.poll(() => page.getByTestId('topology-detail').getAttribute('data-id')).toBe('service/bulk/svc-00042');
    expect(await svc.getAttribute('data-mark')).toBe('on');
    expect(await page.locator('[data-testid=topology-node][data-kind=pod][data-id^="pod/bulk/"][data-mark=on]').count()).toBe(2);
    expect(await page.locator('[data-testid=topology-node][data-id="service/bulk/svc-00041"]').getAttribute('data-mark')).toBe('off');
    expect(await bulk.locator('.inner-edges path').count()).toBe(2);
    expect(await bulk.getAttribute('class')).toContain('mark-on');

    await bulk.getByTestId('topology-group-toggle').click();
    await expect.poll(() => bulk.getAttribute('data-collapsed')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });
});
