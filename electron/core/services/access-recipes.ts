// The access recipes of a context (docs/access-recipes.md), after the Kubernetes guide "Accessing
// Clusters": curl straight to the apiserver or through `kubedesk proxy`, client-library snippets,
// and the way in from a pod. No recipe holds a secret: each reads it when it runs (`kubedesk
// credential`, kubectl, the proxy, the pod's mounted token). Nothing here reads a credential.
import type { AccessRecipe } from '../../shared/contract/services.ts';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { caFileFor, writeCaFile } from './recipes/ca-file.ts';
import { clientRecipes } from './recipes/client-recipes.ts';
import { directCurlRecipes, proxyCurlRecipe } from './recipes/curl-recipes.ts';
import { inPodRecipes } from './recipes/in-pod-recipes.ts';
import { recipeInput, tlsOf, tlsWarning } from './recipes/recipe-input.ts';

export interface RecipeDeps {
  /** KUBEDESK_HOME: the cluster CA is written under it for `curl --cacert`. */
  home: string;
  /**
   * Where the context comes from. `kubedesk credential` serves imported contexts only, so the token
   * recipes differ; absent: unknown, and the recipes for both are given.
   */
  origin?: 'kubeconfig' | 'imported' | undefined;
  /** The command that runs KubeDesk's CLI, as argv (default `kubedesk`; `['npx', 'kubedesk']` in a clone). */
  kubedesk?: readonly string[] | undefined;
}

export async function accessRecipes(conn: ClusterConnection, deps: RecipeDeps): Promise<AccessRecipe[]> {
  const caFile = caFileFor(deps.home, conn.context);
  const tls = tlsOf(conn, caFile);
  const input = recipeInput(conn, tls, deps.origin ?? 'unknown', deps.kubedesk ?? ['kubedesk']);
  const direct = directCurlRecipes(input);
  // Only a direct curl uses the CA file; the proxy verifies the apiserver itself.
  if (tls.kind === 'ca-file' && direct.length > 0) await writeCaFile(caFile, conn.tls.ca!);
  return [...direct, proxyCurlRecipe(input), ...clientRecipes(input, tlsWarning(tls)), ...inPodRecipes()];
}
