// What each hop is, in the words of the Kubernetes guide "Accessing Clusters", section "So Many
// Proxies" (kubernetes/website, content/en/docs/tasks/access-application-cluster/access-cluster.md),
// plus KubeDesk's own hops (docs/topology.md).
import type { TopologyNodeKind } from '../../shared/contract/topology.ts';

export const ABOUT: Record<TopologyNodeKind, string> = {
  browser: 'This laptop: your browser, kubectl and other tools.',
  'local-proxy':
    "The kubectl proxy (here, KubeDesk's): runs on your desktop, proxies from a localhost address to the Kubernetes apiserver; client to proxy uses HTTP, proxy to apiserver uses HTTPS; locates the apiserver and adds authentication headers.",
  'service-gateway':
    'A KubeDesk service gateway: a localhost origin of its own that serves one service at / through the apiserver proxy, and nothing else.',
  'port-forward':
    'A port-forward: a local port whose connections travel as streams through the apiserver and the kubelet to a port of a pod.',
  'apiserver-lb':
    'A proxy/load-balancer in front of the apiserver(s): existence and implementation vary from cluster to cluster (e.g. nginx); sits between all clients and one or more apiservers; acts as load balancer if there are several apiservers.',
  apiserver: 'A Kubernetes apiserver: locates, authenticates and authorizes every request.',
  'apiserver-proxy':
    'The apiserver proxy: a bastion built into the apiserver; connects a user outside of the cluster to cluster IPs which otherwise might not be reachable; runs in the apiserver processes; can be used to reach a Node, Pod, or Service; does load balancing when used to reach a Service.',
  kubelet: 'A node and its kubelet: runs the pods; port-forward streams end here.',
  'kube-proxy':
    'The kube proxy: runs on each node; proxies UDP and TCP; does not understand HTTP; provides load balancing; is just used to reach services.',
  service: 'A Service: a stable virtual IP and DNS name in front of the pods its selector matches.',
  pod: 'A pod: where the application listens.',
  'cloud-lb':
    'A cloud load balancer on an external service: provided by some cloud providers; created automatically when the Kubernetes service has type LoadBalancer; uses UDP/TCP only.',
};
