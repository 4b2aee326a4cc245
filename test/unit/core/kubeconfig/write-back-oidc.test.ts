import { readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBackOidcTokens } from '../../../../electron/core/kubeconfig/write-back-oidc.ts';
import { tempDir, writeFile } from '../../../support/kubedesk-fixtures.ts';

const TEXT = `# my clusters
apiVersion: v1
kind: Config
users:
- name: other
  user: {token: keep-me}
- name: dev # the OIDC one
  user:
    auth-provider:
      name: oidc
      config:
        client-id: kubectl
        id-token: old-id
        idp-issuer-url: https://idp.example
        refresh-token: old-refresh
`;

describe('OIDC tokens are written back into the kubeconfig (client-go persister)', () => {
  it('changes only id-token and refresh-token, keeps comments, through a symlink', async () => {
    const dir = tempDir();
    const real = writeFile(dir, 'real-config', TEXT);
    const link = join(dir, 'config');
    symlinkSync(real, link);
    await writeBackOidcTokens(link, 'dev', { idToken: 'new-id', refreshToken: 'new-refresh' });
    const after = readFileSync(real, 'utf8');
    expect(after).toBe(TEXT.replace('old-id', 'new-id').replace('old-refresh', 'new-refresh'));
    expect(statSync(link).isFile()).toBe(true);
    expect(readFileSync(link, 'utf8')).toBe(after);
  });

  it('a user that disappeared is an error; the file is unchanged', async () => {
    const file = writeFile(tempDir(), 'config', TEXT);
    await expect(writeBackOidcTokens(file, 'gone', { idToken: 'x' })).rejects.toThrow(`${file}: user "gone" is gone; tokens not saved`);
    expect(readFileSync(file, 'utf8')).toBe(TEXT);
  });
});
