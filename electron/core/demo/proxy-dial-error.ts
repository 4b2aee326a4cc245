// The dial error texts the demo's proxy subresources put in their 503 Status, worded as Go's
// net package words them when the apiserver's proxy cannot reach the backend
// (apimachinery's pkg/util/proxy/upgradeaware.go; docs/service-proxy.md).

export function dialError(ip: string, port: number | string, err?: NodeJS.ErrnoException): string {
  const addr = `${ip}:${port}`;
  if (typeof port === 'string') return `dial tcp: lookup tcp/${port}: unknown port`;
  if (!err || err.code === 'ECONNREFUSED') return `dial tcp ${addr}: connect: connection refused`;
  if (err.code === 'ECONNRESET') return `read tcp ${addr}: read: connection reset by peer`;
  if (err.code === 'EPROTO' || /SSL|TLS|certificate/i.test(err.message)) return `tls: ${err.message}`;
  return `dial tcp ${addr}: ${err.message}`;
}
