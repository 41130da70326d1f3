import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { GetUrlSigner } from './url-signer.js';

/**
 * The fast signer must produce exactly the signature AWS's own SigV4 implementation computes for
 * the same request: s3rver (the embedded store) does not check V4 signatures, so only this test
 * stands between a signing bug and every lecture segment failing with 403 on MinIO or S3.
 */
type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data) =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: Data) {
    this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: Data): void {
    this.h.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

const config = {
  S3_ENDPOINT: 'http://minio:9000',
  S3_PUBLIC_ENDPOINT: 'https://files.mumian.example.cn/store',
  S3_BUCKET: 'mumian',
  S3_REGION: 'cn-north-1',
  S3_ACCESS_KEY: 'AKIAMUMIANEXAMPLE',
  S3_SECRET_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const when = new Date(Date.UTC(2026, 10, 22, 8, 30, 5));

async function awsSignature(url: string, ttl: number): Promise<string> {
  const u = new URL(url);
  const query: Record<string, string> = {};
  for (const [k, v] of u.searchParams) if (!k.startsWith('X-Amz-')) query[k] = v;
  const presigner = new S3RequestPresigner({
    credentials: { accessKeyId: config.S3_ACCESS_KEY, secretAccessKey: config.S3_SECRET_KEY },
    region: config.S3_REGION,
    sha256: NodeSha256,
  });
  const signed = await presigner.presign(
    {
      method: 'GET',
      protocol: u.protocol,
      hostname: u.hostname,
      port: u.port ? Number(u.port) : undefined,
      path: u.pathname,
      query,
      headers: { host: u.host },
    },
    { signingDate: when, expiresIn: ttl },
  );
  return String(signed.query?.['X-Amz-Signature']);
}

describe('GetUrlSigner', () => {
  it.each([
    ['path style behind a public endpoint with a base path', true, 'lectures/videos/ab/out/a1/720p/seg_00001.m4s', {}],
    ['virtual-hosted style', false, 'lectures/videos/ab/out/a1/720p/init_0.mp4', {}],
    ['a Chinese key with spaces and reserved characters', true, "resources/第十二章 全等三角形/教案 (1)+v2'!*.pdf", {}],
    [
      'response overrides (download name, type)',
      true,
      'blobs/ab/cd.pdf',
      {
        contentType: 'application/pdf',
        contentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent('第十二章 全等三角形 教案.pdf')}`,
      },
    ],
  ])('signs as AWS does: %s', async (_name, pathStyle, key, response) => {
    const signer = new GetUrlSigner({ ...config, S3_FORCE_PATH_STYLE: pathStyle });
    const url = signer.sign(key, 3600, when, response);
    const u = new URL(url);
    expect(u.host).toBe(pathStyle ? 'files.mumian.example.cn' : 'mumian.files.mumian.example.cn');
    expect(u.searchParams.get('X-Amz-Date')).toBe('20261122T083005Z');
    expect(u.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(u.searchParams.get('X-Amz-Signature')).toBe(await awsSignature(url, 3600));
  });

  it('a different secret gives a different signature', async () => {
    const url = new GetUrlSigner({ ...config, S3_SECRET_KEY: 'another', S3_FORCE_PATH_STYLE: true }).sign('a/b.m4s', 60, when);
    expect(new URL(url).searchParams.get('X-Amz-Signature')).not.toBe(await awsSignature(url, 60));
  });
});
