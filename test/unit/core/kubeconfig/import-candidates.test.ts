import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCandidates } from '../../../../electron/core/kubeconfig/import-candidates.ts';
import { FIXTURES, kubeconfig } from '../../../support/kubedesk-fixtures.ts';

const GOOD = join(FIXTURES, 'good.yaml');
const text = (file: string) => readFileSync(file, 'utf8');

describe('import candidates: what `kubedesk import` and a paste would store', () => {
  it('takes every context, each with its cluster and user (secrets still in memory)', () => {
    const c = importCandidates({ label: GOOD, dir: FIXTURES, text: text(GOOD) }, undefined);
    expect(c.map((x) => [x.name, x.cluster.name, x.user.name, x.namespace])).toEqual([
      ['good-token', 'good', 'good-token', 'shop'],
      ['good-cert', 'good', 'good-cert', undefined],
    ]);
    expect(c[0]!.user.fields.token).toBe('good-fixture-token-0123456789');
  });

  it('--context picks contexts; an unknown name is an error naming the file', () => {
    expect(importCandidates({ label: GOOD, dir: FIXTURES, text: text(GOOD) }, ['good-cert']).map((x) => x.name)).toEqual(['good-cert']);
    expect(() => importCandidates({ label: GOOD, dir: FIXTURES, text: text(GOOD) }, ['nope'])).toThrow(
      `${GOOD}: context "nope" not found (it has good-token, good-cert)`,
    );
  });

  it('relative paths become absolute against the file folder (conformance case 48)', () => {
    const yaml = kubeconfig({
      clusters: [{ name: 'k', cluster: { server: 'https://k', 'certificate-authority': 'pem/fixture-cert.pem' } }],
      users: [
        { name: 'c', user: { 'client-certificate': 'pem/fixture-cert.pem', 'client-key': 'pem/fixture-key.pem' } },
        {
          name: 'e',
          user: {
            exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './pem/../pem/fixture-cert.pem', interactiveMode: 'Never' },
          },
        },
        { name: 'p', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', interactiveMode: 'Never' } } },
      ],
      contexts: [
        { name: 'c', cluster: 'k', user: 'c' },
        { name: 'e', cluster: 'k', user: 'e' },
        { name: 'p', cluster: 'k', user: 'p' },
      ],
    });
    const [c, e, p] = importCandidates({ label: '/x/kc', dir: FIXTURES, text: yaml }, undefined);
    expect(c!.cluster.fields['certificate-authority']).toBe(join(FIXTURES, 'pem/fixture-cert.pem'));
    expect(c!.user.fields['client-key']).toBe(join(FIXTURES, 'pem/fixture-key.pem'));
    expect(e!.user.fields.exec!.command).toBe(join(FIXTURES, 'pem/fixture-cert.pem'));
    expect(p!.user.fields.exec!.command).toBe('sh');
  });

  it('pasted text has no folder: a relative path is an error naming the field', () => {
    const yaml = kubeconfig({
      clusters: [{ name: 'k', cluster: { server: 'https://k' } }],
      users: [{ name: 'u', user: { tokenFile: 'token.txt' } }],
      contexts: [{ name: 'x', cluster: 'k', user: 'u' }],
    });
    expect(() => importCandidates({ label: '<pasted text>', text: yaml }, undefined)).toThrow(
      /^<pasted text>: users\[0\]\.user\.tokenFile: /,
    );
  });

  it('an empty kubeconfig has nothing to import', () => {
    expect(() => importCandidates({ label: 'f', text: 'apiVersion: v1\n' }, undefined)).toThrow('f: no contexts to import');
  });
});
