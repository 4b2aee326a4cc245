import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addClusterCandidate } from '../../../../electron/core/kubeconfig/add-cluster.ts';
import { FIXTURES } from '../../../support/kubedesk-fixtures.ts';

const CERT = readFileSync(join(FIXTURES, 'pem/fixture-cert.pem'), 'utf8');
const KEY = readFileSync(join(FIXTURES, 'pem/fixture-key.pem'), 'utf8');

describe('the "Add cluster" form', () => {
  it('builds a cluster and user named after the context; PEM text becomes -data fields', () => {
    const c = addClusterCandidate({
      name: 'lab',
      server: 'https://lab:6443',
      certificateAuthority: CERT,
      auth: { kind: 'client-cert', certificate: CERT, key: KEY },
    });
    expect(c.cluster).toEqual({
      name: 'lab',
      fields: { server: 'https://lab:6443', 'certificate-authority-data': Buffer.from(CERT.trim() + '\n').toString('base64') },
    });
    expect(Object.keys(c.user.fields).sort()).toEqual(['client-certificate-data', 'client-key-data']);
  });

  it('names the form field at fault', () => {
    expect(() => addClusterCandidate({ name: 'x', server: 'lab:6443', auth: { kind: 'none' } })).toThrow(
      'Server URL: "lab:6443" is not an http(s) URL',
    );
    expect(() => addClusterCandidate({ name: 'x', server: 'nope', auth: { kind: 'none' } })).toThrow('Server URL: "nope" is not a URL');
    expect(() => addClusterCandidate({ name: 'x', server: 'https://x', certificateAuthority: 'hello', auth: { kind: 'none' } })).toThrow(
      'CA certificate: not a PEM certificate',
    );
    expect(() =>
      addClusterCandidate({ name: 'x', server: 'https://x', auth: { kind: 'client-cert', certificate: CERT, key: CERT } }),
    ).toThrow('Client key: not a PEM private key');
    expect(() =>
      addClusterCandidate({
        name: 'x',
        server: 'https://x',
        certificateAuthority: CERT,
        insecureSkipTlsVerify: true,
        auth: { kind: 'none' },
      }),
    ).toThrow('Skip TLS verification: specifying a root certificates file with the insecure flag is not allowed');
  });
});
