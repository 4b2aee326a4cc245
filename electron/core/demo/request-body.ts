// Request bodies for writes: at most 3 MiB (kube-apiserver's limit), JSON (YAML for
// server-side apply), with the apiserver's 400 texts for bodies that do not parse.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType } from './api-status.ts';
import { decodeReview, isK8sProtobuf } from './protobuf-body.ts';

const LIMIT = 3 * 1024 * 1024;

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > LIMIT) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(badRequest(err.message));
    });
  });
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON object body; `allowed` lists the content types this verb takes. */
export async function readObject(
  req: IncomingMessage,
  allowed: readonly string[],
): Promise<{ body: Record<string, unknown> | unknown[]; type: string }> {
  const type = mediaType(req) || 'application/json';
  if (!allowed.includes(type)) throw unsupportedMediaType(type);
  const raw = await readRaw(req);
  const text = raw.toString('utf8');
  let body: unknown;
  if (type === 'application/vnd.kubernetes.protobuf') {
    if (!isK8sProtobuf(raw)) throw badRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    try {
      body = decodeReview(raw);
    } catch (err) {
      throw badRequest(`unable to decode protobuf body: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else if (type === 'application/apply-patch+yaml' || type === 'application/yaml') {
    try {
      body = parseYaml(text);
    } catch (err) {
      throw badRequest(`error converting YAML to JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  } else {
    if (text.trim() === '') throw badRequest("couldn't get version/kind; json parse error: unexpected end of JSON input");
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw badRequest(`couldn't get version/kind; json parse error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (body === null || typeof body !== 'object')
    throw badRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${typeof body} into Go value of type struct`);
  return { body: body as Record<string, unknown> | unknown[], type };
}
