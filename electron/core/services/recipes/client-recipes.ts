// Client-library snippets, after "Programmatic access to the API" of the Kubernetes guide
// "Accessing Clusters" (docs/access-recipes.md): Go (client-go), Python (kubernetes) and
// JavaScript (@kubernetes/client-node) read the same kubeconfig kubectl does, with this context
// and namespace filled in. An imported context is first exported by `kubedesk export-kubeconfig`,
// whose users call `kubedesk credential`, so no file holds its secret.
import type { AccessRecipe } from '../../../shared/contract/services.ts';
import type { RecipeInput } from './recipe-input.ts';
import { codeString, shQuote, type CodeLanguage } from './quote.ts';

/** The file the export recipe writes and the snippets of an imported context load. */
const EXPORTED = 'kubedesk.kubeconfig';

/** The kubeconfig the snippets load: the exported one for an imported context, else kubectl's. */
function loadsExported(input: RecipeInput): boolean {
  return input.origin === 'imported';
}

function exportRecipe(input: RecipeInput): AccessRecipe {
  const lines = [
    '# The client libraries read a kubeconfig. For a context imported into KubeDesk, export one whose user',
    '# runs `kubedesk credential` (the secret stays in the keychain; the file holds none):',
    `${input.kubedesk} export-kubeconfig --context ${shQuote(input.context)} -o ${EXPORTED}`,
  ];
  if (input.origin === 'unknown') lines.push(`# Then load ${EXPORTED} in the snippets below instead of KUBECONFIG / ~/.kube/config.`);
  return { id: 'export-kubeconfig', title: 'A kubeconfig for client libraries', language: 'shell', text: `${lines.join('\n')}\n` };
}

function goSnippet(input: RecipeInput): string {
  const q = (s: string): string => codeString('go', s);
  const rules = loadsExported(input)
    ? `rules := &clientcmd.ClientConfigLoadingRules{ExplicitPath: ${q(EXPORTED)}}`
    : 'rules := clientcmd.NewDefaultClientConfigLoadingRules() // KUBECONFIG, else ~/.kube/config';
  return `package main

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	// clientcmd.BuildConfigFromFlags("", path) takes the file's current context; it calls
	// NewNonInteractiveDeferredLoadingClientConfig, as here, where ConfigOverrides picks the context.
	${rules}
	overrides := &clientcmd.ConfigOverrides{CurrentContext: ${q(input.context)}}
	config, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides).ClientConfig()
	if err != nil {
		panic(err)
	}
	clientset, err := kubernetes.NewForConfig(config)
	if err != nil {
		panic(err)
	}
	pods, err := clientset.CoreV1().Pods(${q(input.namespace)}).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("There are %d pods\\n", len(pods.Items))
	for _, pod := range pods.Items {
		fmt.Printf("%s\\t%s\\n", pod.Status.PodIP, pod.Name)
	}
}
`;
}

function pythonSnippet(input: RecipeInput): string {
  const q = (s: string): string => codeString('python', s);
  const load = loadsExported(input)
    ? `config.load_kube_config(config_file=${q(EXPORTED)}, context=${q(input.context)})`
    : `config.load_kube_config(context=${q(input.context)})  # KUBECONFIG, else ~/.kube/config`;
  return `# pip install kubernetes
from kubernetes import client, config

${load}
v1 = client.CoreV1Api()
ret = v1.list_namespaced_pod(${q(input.namespace)}, watch=False)
for pod in ret.items:
    print("%s\\t%s" % (pod.status.pod_ip, pod.metadata.name))
`;
}

function javascriptSnippet(input: RecipeInput): string {
  const q = (s: string): string => codeString('javascript', s);
  const load = loadsExported(input) ? `kc.loadFromFile(${q(EXPORTED)});` : 'kc.loadFromDefault(); // KUBECONFIG, else ~/.kube/config';
  return `// npm install @kubernetes/client-node; save as list-pods.mjs, run with node list-pods.mjs
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

const kc = new KubeConfig();
${load}
kc.setCurrentContext(${q(input.context)});
const core = kc.makeApiClient(CoreV1Api);
const pods = await core.listNamespacedPod({ namespace: ${q(input.namespace)} });
for (const pod of pods.items) console.log(\`\${pod.status?.podIP ?? ''}\\t\${pod.metadata?.name}\`);
`;
}

const SNIPPETS: Array<{ language: CodeLanguage; title: string; build: (input: RecipeInput) => string }> = [
  { language: 'go', title: 'Go (client-go)', build: goSnippet },
  { language: 'python', title: 'Python (kubernetes)', build: pythonSnippet },
  { language: 'javascript', title: 'JavaScript (@kubernetes/client-node)', build: javascriptSnippet },
];

export function clientRecipes(input: RecipeInput, warning: string | undefined): AccessRecipe[] {
  const snippets = SNIPPETS.map(({ language, title, build }) => ({
    id: language,
    title,
    language,
    text: build(input),
    ...(warning ? { warning } : {}),
  }));
  return input.origin === 'kubeconfig' ? snippets : [exportRecipe(input), ...snippets];
}
