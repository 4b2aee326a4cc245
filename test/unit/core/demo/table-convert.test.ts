import { describe, expect, it } from 'vitest';
import { R } from '../../../../electron/core/demo/api-resources.ts';
import { toTable } from '../../../../electron/core/demo/table-convert.ts';

describe('server-side printing', () => {
  it('prints services with kubectl columns and metadata-only row objects', () => {
    const now = Date.parse('2025-01-02T00:00:00Z');
    const t = toTable(
      R.services,
      'services',
      [
        {
          metadata: { name: 'lb', namespace: 'shop', creationTimestamp: '2025-01-01T00:00:00Z' },
          spec: {
            type: 'LoadBalancer',
            clusterIP: '10.96.0.5',
            ports: [{ port: 80, nodePort: 31080, protocol: 'TCP' }],
            selector: { app: 'web' },
          },
          status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
        },
      ],
      { apiVersion: 'meta.k8s.io/v1', include: 'Metadata', now },
    ) as { rows: Array<{ cells: unknown[]; object: { kind: string } }> };
    expect(t.rows[0]!.cells).toEqual(['lb', 'LoadBalancer', '10.96.0.5', '1.2.3.4', '80:31080/TCP', '24h', 'app=web']);
    expect(t.rows[0]!.object.kind).toBe('PartialObjectMetadata');
  });

  it('prints a crash-looping pod with restarts and reason', () => {
    const now = Date.parse('2025-01-01T01:00:00Z');
    const t = toTable(
      R.pods,
      'pods',
      [
        {
          metadata: { name: 'p', creationTimestamp: '2025-01-01T00:00:00Z' },
          spec: { containers: [{ name: 'c', image: 'i' }] },
          status: {
            phase: 'Running',
            containerStatuses: [
              {
                name: 'c',
                ready: false,
                restartCount: 3,
                image: 'i',
                imageID: 'x',
                state: { waiting: { reason: 'CrashLoopBackOff' } },
                lastState: { terminated: { finishedAt: '2025-01-01T00:58:00Z' } },
              },
            ],
          },
        },
      ],
      { apiVersion: 'meta.k8s.io/v1', include: 'None', now },
    ) as { rows: Array<{ cells: unknown[]; object?: unknown }> };
    expect(t.rows[0]!.cells.slice(0, 5)).toEqual(['p', '0/1', 'CrashLoopBackOff', '3 (2m ago)', '60m']);
    expect(t.rows[0]!.object).toBeUndefined();
  });
});
