import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { GetUrlSigner } from './url-signer.js';

export interface ObjectHead {
  size: number;
  contentType?: string;
  etag?: string;
}

/**
 * The only code that talks to the object store (s3rver, MinIO or cloud S3).
 * The database stores keys; URLs are minted here, short-lived, on demand.
 */
@Injectable()
export class StorageService {
  private readonly logger = new Logger('Storage');
  /** talks to the store from the server */
  private readonly client: S3Client;
  /** signs URLs with the endpoint browsers reach */
  private readonly signer: S3Client;
  /** signs object GETs without the SDK's per-URL cost */
  private readonly getSigner: GetUrlSigner;
  readonly bucket: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const base: S3ClientConfig = {
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: config.S3_ACCESS_KEY, secretAccessKey: config.S3_SECRET_KEY },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    this.client = new S3Client({ ...base, endpoint: config.S3_ENDPOINT });
    this.signer = new S3Client({ ...base, endpoint: config.S3_PUBLIC_ENDPOINT ?? config.S3_ENDPOINT });
    this.getSigner = new GetUrlSigner(config);
    this.bucket = config.S3_BUCKET;
  }

  /** Creates the bucket and its CORS rules when the config allows it (embedded store, dev MinIO). */
  async ensureBucket(): Promise<void> {
    if (!this.config.S3_CREATE_BUCKET) return;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      this.logger.log(`created bucket ${this.bucket}`);
    }
    const origins = this.config.S3_CORS_ORIGINS.split(',').map((s) => s.trim());
    try {
      await this.client.send(
        new PutBucketCorsCommand({
          Bucket: this.bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: origins,
                AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD', 'DELETE'],
                AllowedHeaders: ['*'],
                ExposeHeaders: ['ETag', 'Content-Length', 'Content-Range'],
                MaxAgeSeconds: 3600,
              },
            ],
          },
        }),
      );
    } catch (err) {
      this.logger.warn(`could not set bucket CORS: ${(err as Error).message}`);
    }
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  async put(key: string, body: Buffer | Readable | string, contentType = 'application/octet-stream', contentLength?: number) {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ContentLength: contentLength }),
    );
  }

  async getStream(key: string, range?: string): Promise<Readable> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range }));
    return out.Body as Readable;
  }

  async getBuffer(key: string, range?: string): Promise<Buffer> {
    const stream = await this.getStream(key, range);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  /** null when the object does not exist */
  async head(key: string): Promise<ObjectHead | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: Number(out.ContentLength ?? 0), contentType: out.ContentType, etag: out.ETag };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (err as Error).name === 'NotFound' || (err as Error).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${encodeURIComponent(fromKey)}` }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      if (!chunk.length) continue;
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true } }),
      );
    }
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    await this.delete(keys);
    return keys.length;
  }

  /** A short-lived GET URL; `downloadName` makes the browser save with that (UTF-8) file name. */
  async presignGet(key: string, ttlSeconds = 300, opts: { downloadName?: string; contentType?: string; inline?: boolean } = {}) {
    return this.signGet(key, ttlSeconds, opts);
  }

  /** presignGet without the promise: microseconds per URL, for playlists signing hundreds at once. */
  signGet(key: string, ttlSeconds = 300, opts: { downloadName?: string; contentType?: string; inline?: boolean } = {}): string {
    const disposition = opts.downloadName
      ? `${opts.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(opts.downloadName)}`
      : undefined;
    return this.getSigner.sign(key, ttlSeconds, new Date(), { contentType: opts.contentType, contentDisposition: disposition });
  }

  async presignPut(key: string, ttlSeconds = 900, contentType?: string) {
    return getSignedUrl(this.signer, new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }), {
      expiresIn: ttlSeconds,
    });
  }

  async createMultipart(key: string, contentType = 'application/octet-stream'): Promise<string> {
    const out = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
    );
    if (!out.UploadId) throw new Error('object store returned no upload id');
    return out.UploadId;
  }

  async presignPart(key: string, uploadId: string, partNumber: number, ttlSeconds = 3600): Promise<string> {
    return getSignedUrl(
      this.signer,
      new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }),
      { expiresIn: ttlSeconds },
    );
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<string> {
    const out = await this.client.send(
      new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }),
    );
    return out.ETag ?? '';
  }

  async completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      }),
    );
  }

  /** Best effort: s3rver answers 405 to AbortMultipartUpload, so a failure is logged, not thrown. */
  async abortMultipart(key: string, uploadId: string): Promise<boolean> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
      return true;
    } catch (err) {
      this.logger.debug(`abort multipart ${key} failed: ${(err as Error).message}`);
      return false;
    }
  }

  /** Gives up an unfinished multipart upload and whatever object it left (stores without AbortMultipartUpload are tolerated). */
  async discardMultipart(key: string, uploadId: string): Promise<void> {
    await this.abortMultipart(key, uploadId);
    await this.delete([key]).catch(() => undefined);
  }
}
