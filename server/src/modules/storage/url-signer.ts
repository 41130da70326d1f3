import { createHash, createHmac } from 'node:crypto';
import type { AppConfig } from '../../config/config.js';

/** Response header overrides a presigned GET may carry (S3 `response-*` parameters). */
export interface SignedGetResponse {
  contentType?: string;
  contentDisposition?: string;
}

/**
 * SigV4 query-string presigning of object GETs: the signing key is derived once per day and each
 * URL costs two HMACs (microseconds), where the SDK's presigner costs milliseconds per URL — it
 * matters for playlists listing hundreds of segments and for a class pressing play at once.
 * Same URLs the SDK makes (host-only signed headers, UNSIGNED-PAYLOAD); no network.
 */
export class GetUrlSigner {
  private readonly base: URL;
  private keyDate = '';
  private key: Buffer = Buffer.alloc(0);

  constructor(
    private readonly config: Pick<
      AppConfig,
      'S3_ENDPOINT' | 'S3_PUBLIC_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_FORCE_PATH_STYLE'
    >,
  ) {
    this.base = new URL(config.S3_PUBLIC_ENDPOINT ?? config.S3_ENDPOINT);
  }

  sign(key: string, ttlSeconds: number, now = new Date(), response: SignedGetResponse = {}): string {
    const amzDate = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    if (day !== this.keyDate) {
      const h = (k: Buffer | string, v: string) => createHmac('sha256', k).update(v).digest();
      this.key = h(h(h(h(`AWS4${this.config.S3_SECRET_KEY}`, day), this.config.S3_REGION), 's3'), 'aws4_request');
      this.keyDate = day;
    }
    const pathStyle = this.config.S3_FORCE_PATH_STYLE;
    const host = pathStyle ? this.base.host : `${this.config.S3_BUCKET}.${this.base.host}`;
    const basePath = this.base.pathname.replace(/\/$/, '');
    const path = `${basePath}${pathStyle ? `/${encode(this.config.S3_BUCKET)}` : ''}/${key.split('/').map(encode).join('/')}`;
    const scope = `${day}/${this.config.S3_REGION}/s3/aws4_request`;
    const query = [
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
      ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
      ['X-Amz-Credential', `${this.config.S3_ACCESS_KEY}/${scope}`],
      ['X-Amz-Date', amzDate],
      ['X-Amz-Expires', String(Math.max(1, Math.min(604800, Math.round(ttlSeconds))))],
      ['X-Amz-SignedHeaders', 'host'],
      // canonical order is by byte: lower-case `response-…` sorts after `X-Amz-…`
      ...(response.contentDisposition ? [['response-content-disposition', response.contentDisposition]] : []),
      ...(response.contentType ? [['response-content-type', response.contentType]] : []),
    ]
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .join('&');
    const canonical = `GET\n${path}\n${query}\nhost:${host}\n\nhost\nUNSIGNED-PAYLOAD`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', this.key).update(toSign).digest('hex');
    return `${this.base.protocol}//${host}${path}?${query}&X-Amz-Signature=${signature}`;
  }
}

/** RFC 3986: everything but unreserved characters percent-encoded. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
