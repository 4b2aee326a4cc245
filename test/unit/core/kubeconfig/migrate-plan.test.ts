import { describe, expect, it } from 'vitest';
import type { UserFields } from '../../../../electron/core/kubeconfig/kubeconfig-types.ts';
import { planMigration } from '../../../../electron/core/kubeconfig/migrate-plan.ts';

const plan = (user: UserFields) => planMigration([{ name: 'u', value: user }])[0]!;

describe('planMigration: what migrate does with each user (docs/kubeconfig.md, Migrating a kubeconfig)', () => {
  it('moves inline tokens, client keys with their certificate, and OIDC tokens', () => {
    expect(plan({ token: 't', as: 'jane' })).toEqual({ user: 'u', index: 0, action: 'move', fields: ['token'] });
    expect(plan({ 'client-certificate-data': 'Yw==', 'client-key-data': 'aw==' })).toMatchObject({
      action: 'move',
      fields: ['client-certificate-data', 'client-key-data'],
    });
    expect(
      plan({
        'auth-provider': { name: 'oidc', config: { 'client-id': 'k', 'id-token': 'i', 'refresh-token': 'r', 'client-secret': 's' } },
      }),
    ).toMatchObject({
      action: 'move',
      fields: ['auth-provider.config.id-token', 'auth-provider.config.refresh-token', 'auth-provider.config.client-secret'],
    });
  });

  it('leaves basic auth, secrets read from files and other auth providers, saying why', () => {
    expect(plan({ username: 'a', password: 'p' })).toMatchObject({
      action: 'leave',
      reason: 'basic auth, which an exec credential cannot carry',
    });
    expect(plan({ tokenFile: '/t' })).toMatchObject({ action: 'leave', reason: 'reads its secret from a file (tokenFile: /t); not moved' });
    expect(plan({ 'client-certificate': '/c.crt', 'client-key-data': 'aw==' })).toMatchObject({
      action: 'leave',
      reason: 'reads its secret from a file (client-certificate: /c.crt); not moved',
    });
    expect(plan({ 'client-key-data': 'aw==' })).toMatchObject({ action: 'leave' });
    expect(plan({ 'auth-provider': { name: 'gcp', config: { 'access-token': 'x' } } })).toMatchObject({
      action: 'leave',
      reason: 'auth-provider "gcp", which kubedesk credential does not serve',
    });
  });

  it('has nothing to do for exec plugins and users without secrets; recognises users it migrated', () => {
    expect(plan({ exec: { command: 'aws', args: ['eks', 'get-token'] } })).toMatchObject({ action: 'none' });
    expect(plan({})).toMatchObject({ action: 'none', reason: 'no secret in the file' });
    expect(plan({ exec: { command: '/usr/bin/kubedesk', args: ['credential', '--entry', 'kubeconfig:u#abc'] } })).toEqual({
      user: 'u',
      index: 0,
      action: 'migrated',
      account: 'kubeconfig:u#abc',
    });
  });
});
