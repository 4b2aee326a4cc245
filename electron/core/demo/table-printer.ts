// What a server-side printer is: its column definitions (metav1.TableColumnDefinition) and a
// function from an object to its row's cells, as kube-apiserver's TableGenerator pairs them
// (pkg/printers/tablegenerator.go). Priority 1 columns show only with `kubectl get -o wide`.
import type { KubeObject } from '../kube/kube-objects.ts';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Printer {
  columns: Column[];
  row(o: KubeObject, now: number): unknown[];
}

export const col = (name: string, type = 'string', priority = 0, format = ''): Column => ({
  name,
  type,
  format,
  description: name,
  priority,
});
export const NAME = col('Name', 'string', 0, 'name');
export const AGE = col('Age');
