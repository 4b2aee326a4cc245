// Who am I (docs/kubeconfig.md, Who am I): a SelfSubjectReview, v1 (GA 1.28), then v1beta1 and v1alpha1 on 404.
import { KubeDeskError } from '../errors.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import { kubeJson } from './kube-request.ts';

export interface UserInfo {
  username: string;
  uid?: string | undefined;
  groups: string[];
  extra: Record<string, string[]>;
}

const VERSIONS = ['v1', 'v1beta1', 'v1alpha1'] as const;

export async function whoAmI(conn: ClusterConnection, signal?: AbortSignal): Promise<UserInfo> {
  for (const version of VERSIONS) {
    try {
      const review = await kubeJson<{ status?: { userInfo?: Partial<UserInfo> } }>(conn, {
        method: 'POST',
        path: `/apis/authentication.k8s.io/${version}/selfsubjectreviews`,
        body: { apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview' },
        signal,
        timeoutMs: 15_000,
      });
      const info = review.status?.userInfo ?? {};
      return { username: info.username ?? '', uid: info.uid, groups: info.groups ?? [], extra: info.extra ?? {} };
    } catch (err) {
      if (err instanceof KubeDeskError && err.code === 'not-found' && version !== 'v1alpha1') continue;
      if (err instanceof KubeDeskError && (err.code === 'not-found' || err.code === 'forbidden')) {
        throw new KubeDeskError(
          err.code,
          'the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it',
          {
            cause: err,
          },
        );
      }
      throw err;
    }
  }
  throw new KubeDeskError('internal', 'unreachable');
}

/** kubectl's `Groups: [a b]` format. */
export function formatGroups(groups: readonly string[]): string {
  return `[${groups.join(' ')}]`;
}
