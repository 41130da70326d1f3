import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { httpLogger, redactUrl } from './http-log.js';

describe('request logs', () => {
  let server: Server;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = httpLogger(pino({ level: 'info' }, sink));
    server = createServer((req, res) => {
      (req as unknown as { id: string }).id = 'r1';
      log(req, res);
      res.setHeader('Set-Cookie', 'mumian_refresh=0b6e-session.secret-part; HttpOnly');
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('keep method, path and status but never a token, a session cookie or a signed playback link', async () => {
    const token = 'A'.repeat(91);
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/lectures/play/${token}/720p.m3u8`, {
      headers: { authorization: 'Bearer eyJhbGciOi.secret-jwt', cookie: 'mumian_refresh=0b6e-session.secret-part' },
    });
    const text = lines.join('');
    expect(text).toContain('"method":"GET"');
    expect(text).toContain('/api/lectures/play/[redacted]/720p.m3u8');
    expect(text).toContain('"statusCode":200');
    for (const secret of [token, 'secret-jwt', 'secret-part']) expect(text).not.toContain(secret);
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/resources?q=圆')).toBe('/api/resources?q=圆');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
