import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCluster, validateContextRefs, validateUser } from '../../../../electron/core/kubeconfig/validate-kubeconfig.ts';
import { tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

const messages = (ps: Array<{ message: string }>) => ps.map((p) => p.message);

describe("kubectl's validation texts (docs/kubeconfig.md, Contexts with problems)", () => {
  it('token + username → more than one authentication method (conformance case 49)', () => {
    expect(messages(validateUser('bob', { token: 't', username: 'bob' }, {}))).toEqual([
      'more than one authentication method found for bob; found [token basicAuth], only one is allowed',
    ]);
  });

  it('exec v1 without interactiveMode is refused; v1beta1 defaults to IfAvailable (conformance case 50)', () => {
    expect(messages(validateUser('u', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh' } }, {}))).toEqual([
      'interactiveMode must be specified for u to use exec authentication plugin',
    ]);
    expect(validateUser('u', { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'sh' } }, {})).toEqual([]);
  });

  it('gcp and azure auth providers were removed in 1.26; others are unknown (conformance case 54)', () => {
    expect(messages(validateUser('u', { 'auth-provider': { name: 'gcp' } }, {}))[0]).toMatch(/^The gcp auth plugin has been removed\.\n/);
    expect(messages(validateUser('u', { 'auth-provider': { name: 'azure' } }, {}))[0]).toMatch(
      /^The azure auth plugin has been removed\.\n/,
    );
    expect(messages(validateUser('u', { 'auth-provider': { name: 'x' } }, {}))).toEqual(['no Auth Provider found for name "x"']);
    expect(
      validateUser('u', { 'auth-provider': { name: 'oidc', config: { 'idp-issuer-url': 'https://i', 'client-id': 'k' } } }, {}),
    ).toEqual([]);
  });

  it('client cert without a key; exec command missing from PATH with its installHint (conformance case 52)', () => {
    expect(messages(validateUser('u', { 'client-certificate': '/etc/hostname' }, {}))).toEqual([
      'client-key-data or client-key must be specified for u to use the clientCert authentication method.',
    ]);
    const p = validateUser(
      'u',
      {
        exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'nosuch', installHint: 'brew install x', interactiveMode: 'Never' },
      },
      {},
      { execEnv: { PATH: '/nonexistent' } },
    );
    expect(p).toHaveLength(1);
    expect(p[0]!.field).toBe('exec.command');
    expect(p[0]!.message).toMatch(/^exec: executable nosuch not found\n/);
    expect(p[0]!.message).toContain('It looks like you are trying to use a client-go credential plugin that is not installed.');
    expect(p[0]!.message.endsWith('\n\nbrew install x')).toBe(true);
  });

  it('a relative exec command is looked up against the kubeconfig folder, a bare one in PATH (conformance case 48)', () => {
    const dir = tempDir();
    const plugin = writeFile(dir, 'plugin', '#!/bin/sh\n');
    chmodSync(plugin, 0o755);
    const exec = (command: string) => ({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never' } });
    expect(validateUser('u', exec('./plugin'), { dir }, { execEnv: { PATH: '' } })).toEqual([]);
    expect(validateUser('u', exec('plugin'), { dir }, { execEnv: { PATH: '' } })).toHaveLength(1);
    expect(validateUser('u', exec('plugin'), { dir: '/' }, { execEnv: { PATH: dir } })).toEqual([]);
  });

  it('clusters: no server, CA with insecure, insecure alone is a warning, unreadable CA file', () => {
    expect(messages(validateCluster('k', {}))).toEqual(['no server found for cluster "k"']);
    expect(
      messages(validateCluster('k', { server: 'https://k', 'insecure-skip-tls-verify': true, 'certificate-authority': '/etc/hostname' })),
    ).toEqual(['specifying a root certificates file with the insecure flag is not allowed']);
    const warn = validateCluster('k', { server: 'https://k', 'insecure-skip-tls-verify': true });
    expect(warn).toEqual([expect.objectContaining({ level: 'warning', field: 'insecure-skip-tls-verify' })]);
    expect(warn[0]!.message).toContain('MITM');
    expect(messages(validateCluster('k', { server: 'https://k', 'certificate-authority': 'ca.crt' }, { dir: '/nonexistent' }))).toEqual([
      `unable to read certificate-authority ${join('/nonexistent', 'ca.crt')} for k due to ENOENT`,
    ]);
  });

  it("a context's missing cluster and user use client-go's texts", () => {
    const none = { cluster: () => false, user: () => false };
    expect(messages(validateContextRefs('c', { cluster: 'k', user: 'u' }, none))).toEqual([
      'user "u" was not found for context "c"',
      'cluster "k" was not found for context "c"',
    ]);
    expect(messages(validateContextRefs('c', { cluster: '', user: '' }, none))).toEqual([
      'user was not specified for context "c"',
      'cluster was not specified for context "c"',
    ]);
  });
});
