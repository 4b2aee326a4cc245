// From inside a pod, after "Accessing the API from a Pod" of the Kubernetes guide "Accessing
// Clusters" (docs/access-recipes.md): the pod's own service account, not the user's credentials.
// The mounted paths and variables are those client-go's rest.InClusterConfig reads.
import type { AccessRecipe } from '../../../shared/contract/services.ts';

const CURL = `# Inside a pod of this cluster, in a container that has curl. Each container gets its service
# account's token, the cluster's CA and its namespace mounted here:
SA=/var/run/secrets/kubernetes.io/serviceaccount
# The apiserver is the \`kubernetes\` service of the default namespace. Without cluster DNS use
# https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT (an IPv6 host needs [brackets]).
APISERVER=https://kubernetes.default.svc
NAMESPACE="$(cat "$SA/namespace")"
# printf is built into the shell: the token never reaches a command line.
printf 'Authorization: Bearer %s\\n' "$(cat "$SA/token")" \\
  | curl --cacert "$SA/ca.crt" -H @- "$APISERVER/api"
# The pods of the pod's own namespace (the service account needs RBAC permission to list them):
printf 'Authorization: Bearer %s\\n' "$(cat "$SA/token")" \\
  | curl --cacert "$SA/ca.crt" -H @- "$APISERVER/api/v1/namespaces/$NAMESPACE/pods"
`;

const CLIENTS = `Inside a pod, the client libraries find the apiserver and the service account by themselves:
- Go: rest.InClusterConfig() (k8s.io/client-go/rest), then kubernetes.NewForConfig(config).
- Python: config.load_incluster_config() instead of config.load_kube_config().
- JavaScript: kc.loadFromCluster() instead of kc.loadFromDefault().
They read KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, and the token, ca.crt and namespace
files under /var/run/secrets/kubernetes.io/serviceaccount/. The token is rotated: read the file
again rather than keeping it (the libraries do).
Without a client library, a sidecar container running \`kubectl proxy\` serves the API on the pod's
localhost with the same service account.
`;

export function inPodRecipes(): AccessRecipe[] {
  return [
    { id: 'in-pod-curl', title: 'From inside a pod: curl', language: 'shell', text: CURL },
    { id: 'in-pod-clients', title: 'From inside a pod: client libraries', language: 'text', text: CLIENTS },
  ];
}
