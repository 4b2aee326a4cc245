// Timestamps as metav1.Time puts them on the wire: RFC 3339 in UTC with whole seconds
// (apimachinery/pkg/apis/meta/v1/time.go, MarshalJSON), e.g. `2025-01-02T03:04:05Z`.

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}
