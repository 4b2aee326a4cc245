// Writes refreshed OIDC tokens back into the kubeconfig file that holds the user, as client-go's
// persister does: only `id-token` and `refresh-token` change; comments and layout are kept
// (YAML document edit), the write is atomic and takes kubectl's `FILE.lock`.
import { readFile, realpath } from 'node:fs/promises';
import { isMap, isSeq, parseDocument } from 'yaml';
import { KubeDeskError } from '../errors.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { withFileLock } from '../store/file-lock.ts';

export async function writeBackOidcTokens(
  file: string,
  userName: string,
  tokens: { idToken: string; refreshToken?: string | undefined },
): Promise<void> {
  // Replace the target of a symlinked ~/.kube/config, not the link.
  const target = await realpath(file);
  await withFileLock(target, async () => {
    const doc = parseDocument(await readFile(target, 'utf8'), { version: '1.1' });
    const users = doc.get('users');
    if (!isSeq(users)) throw new KubeDeskError('not-found', `${file}: has no users any more; tokens not saved`);
    const index = users.items.findIndex((u) => isMap(u) && u.get('name') === userName);
    if (index < 0) throw new KubeDeskError('not-found', `${file}: user "${userName}" is gone; tokens not saved`);
    const path = ['users', index, 'user', 'auth-provider', 'config'];
    doc.setIn([...path, 'id-token'], tokens.idToken);
    if (tokens.refreshToken) doc.setIn([...path, 'refresh-token'], tokens.refreshToken);
    // kubectl's own layout (sequences not indented, flow maps unpadded): its files stay as they were.
    await writeFileAtomic(target, doc.toString({ indentSeq: false, flowCollectionPadding: false, lineWidth: 0 }));
  });
}
