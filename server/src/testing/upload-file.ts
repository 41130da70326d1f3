import type { TestApp } from './test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The browser's upload path: create, PUT parts with presigned URLs, record, complete, verify. */
export async function uploadFile(t: TestApp, token: string, file: Buffer, fileName: string): Promise<string> {
  const created = await t.http().post('/api/uploads').set(auth(token)).send({ purpose: 'resource', fileName, size: file.length });
  if (created.status !== 201) throw new Error(`upload create ${created.status} ${JSON.stringify(created.body)}`);
  const { id, partSize, partCount } = created.body as { id: string; partSize: number; partCount: number };
  for (let n = 1; n <= partCount; n++) {
    const part = file.subarray((n - 1) * partSize, n * partSize);
    const urls = await t
      .http()
      .post(`/api/uploads/${id}/part-urls`)
      .set(auth(token))
      .send({ partNumbers: [n] });
    const put = await fetch(urls.body.urls[0].url, { method: 'PUT', body: part });
    await t
      .http()
      .put(`/api/uploads/${id}/parts/${n}`)
      .set(auth(token))
      .send({ etag: put.headers.get('etag'), size: part.length });
  }
  await t.http().post(`/api/uploads/${id}/complete`).set(auth(token));
  await t.jobs.drain();
  return id;
}
