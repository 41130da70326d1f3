import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../common/roles.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { User } from '../identity/identity.entities.js';
import { hashPassword } from '../identity/passwords.js';
import { playlistUris } from '../media/hls.js';
import { makeClip } from '../media/media-fixtures.js';
import { School } from '../organizations/organization.entities.js';
import { StorageService } from '../storage/storage.service.js';
import { LectureEpisode, LectureVideo } from './lectures.entities.js';
import { PlaybackService } from './playback.service.js';
import { VideoTranscoder } from './video-transcoder.js';
import { VideosService, videoPrefix } from './videos.service.js';

let t: TestApp;
let dir: string;
let storage: StorageService;
let lectures: VideosService;
let transcode: VideoTranscoder;
let teacher: string;
let student: string;
let seriesId: string;
let clip2s: string;

const teacherP = () => ({ userId: t.seed.users.teacher }) as Principal;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function newEpisode(title: string, series = seriesId): Promise<string> {
  const res = await t.http().post(`/api/lectures/series/${series}/episodes`).set(auth(teacher)).send({ title, teachingWeek: 3 });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Puts a source file in the store as the upload would, and registers it for the episode. */
async function addSource(episodeId: string, file: string, name = 'lecture.mp4'): Promise<LectureVideo> {
  const key = `test-sources/${randomUUID()}.mp4`;
  const body = await readFile(file);
  await storage.put(key, body, 'video/mp4');
  return lectures.addVideo(teacherP(), episodeId, { key, size: body.length, originalName: name });
}

const ctx = (signal = new AbortController().signal) => ({ signal, extendLease: async () => undefined });
const video = (id: string) => t.db.getRepository(LectureVideo).findOneByOrFail({ id });

beforeAll(async () => {
  t = await createTestApp({ HLS_URL_TTL_SECONDS: '1', VIEW_MIN_SECONDS: '30' });
  dir = await mkdtemp(join(tmpdir(), 'lectures-test-'));
  storage = t.app.get(StorageService);
  lectures = t.app.get(VideosService);
  transcode = t.app.get(VideoTranscoder);
  teacher = await t.login('teacher.li');
  student = await t.login('student.chen');
  clip2s = await makeClip(join(dir, 'clip2.mp4'), { width: 320, height: 240, seconds: 2 });
  const res = await t
    .http()
    .post('/api/lectures/series')
    .set(auth(teacher))
    .send({
      title: '名师辅导讲堂 · 初中数学 · 八年级上册',
      subject: 'math',
      grade: 8,
      term: 'first',
      visibility: 'group',
      lecturers: [{ userId: t.seed.users.teacher, name: '李老师', title: '正高级教师', school: '木棉县第一实验学校' }],
    });
  expect(res.status).toBe(201);
  seriesId = res.body.id;
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('transcode job', () => {
  it('a job killed mid-transcode finishes on retry and leaves no orphan objects', async () => {
    const ep = await newEpisode('第1讲 全等三角形');
    const src = await makeClip(join(dir, 'clip8.mp4'), { width: 640, height: 360, seconds: 8, fps: 30 });
    const v = await addSource(ep, src);
    expect((await video(v.id)).state).toBe('queued');
    const abort = new AbortController();
    const first = transcode.run(v.id, ctx(abort.signal));
    // kill the worker as soon as the first segments are published
    for (let i = 0; i < 400 && !(await video(v.id)).playable; i++) await new Promise((r) => setTimeout(r, 25));
    const midway = await video(v.id);
    abort.abort();
    await expect(first).rejects.toThrow();
    expect(midway.playable).toBe(true);
    const killed = await video(v.id);
    expect(killed.state).not.toBe('ready');
    const oldPrefix = killed.outputPrefix!;
    expect((await storage.listKeys(oldPrefix)).length).toBeGreaterThan(0);

    await transcode.run(v.id, ctx());
    const done = await video(v.id);
    expect(done.state).toBe('ready');
    expect(done.outputPrefix).not.toBe(oldPrefix);
    const keys = await storage.listKeys(`${videoPrefix(v.id)}out/`);
    expect(keys.every((k) => k.startsWith(done.outputPrefix!))).toBe(true);
    // every object is referenced: playlists + their URIs + poster, thumbnail, storyboard
    let expected = 3;
    for (const r of done.renditions) {
      const text = (await storage.getBuffer(`${done.outputPrefix}${r.name}/index.m3u8`)).toString();
      expected += 1 + playlistUris(text).length;
    }
    expect(keys.length).toBe(expected);
    expect(done.renditions.map((r) => r.name)).toEqual(['360p', '240p', 'audio']);
    const episode = await t.db.getRepository(LectureEpisode).findOneByOrFail({ id: ep });
    expect(episode.videoId).toBe(v.id);
  });

  it('a text file named .mp4 fails with a clear reason shown to the uploader, keeps the source, and can be retried by an admin', async () => {
    const ep = await newEpisode('第2讲 不是视频');
    const f = join(dir, 'fake.mp4');
    await writeFile(f, '第一课时教案\n'.repeat(100));
    const v = await addSource(ep, f, 'fake.mp4');
    await t.jobs.drain();
    const res = await t.http().get(`/api/lectures/episodes/${ep}/video`).set(auth(teacher));
    expect(res.body).toMatchObject({ state: 'failed', playable: false });
    expect(res.body.failure).toContain('不是可播放的视频文件');
    const en = await t.http().get(`/api/lectures/episodes/${ep}/video`).set(auth(teacher)).set('Accept-Language', 'en');
    expect(en.body.failure).toContain('not a playable video');
    expect(await storage.head(v.sourceKey)).not.toBeNull();
    expect(await storage.listKeys(`${videoPrefix(v.id)}out/`)).toEqual([]);
    // a teacher may not retry; an admin may
    expect((await t.http().post(`/api/lectures/videos/${v.id}/retry`).set(auth(teacher))).status).toBe(403);
    const admin = await t.login('admin');
    const retried = await t.http().post(`/api/lectures/videos/${v.id}/retry`).set(auth(admin));
    expect(retried.status).toBe(201);
    expect(retried.body.state).toBe('queued');
  });

  it('a 0-byte file and a corrupt file fail with their reasons', async () => {
    const ep = await newEpisode('第3讲 坏文件');
    const empty = join(dir, 'empty.mp4');
    await writeFile(empty, '');
    const v0 = await addSource(ep, empty);
    await t.jobs.drain();
    expect(await video(v0.id)).toMatchObject({ state: 'failed', failureKey: 'media.empty' });
    const good = await readFile(clip2s);
    const corrupt = join(dir, 'corrupt.mp4');
    await writeFile(corrupt, Buffer.concat([good.subarray(0, 40), Buffer.alloc(3000, 7)]));
    const v1 = await addSource(ep, corrupt);
    await t.jobs.drain();
    const failed = await video(v1.id);
    expect(failed.state).toBe('failed');
    expect(['media.corrupt', 'media.noVideoStream', 'media.noDuration']).toContain(failed.failureKey);
    const episode = await t.db.getRepository(LectureEpisode).findOneByOrFail({ id: ep });
    expect(episode.videoId).toBeNull();
  });
});

describe('upload → episode video', () => {
  /** The browser's path: create, PUT parts straight to the store, record, complete; then verification runs. */
  async function uploadWhole(token: string, file: Buffer, fileName: string, purpose = 'lecture') {
    const created = await t.http().post('/api/uploads').set(auth(token)).send({ purpose, fileName, size: file.length });
    expect(created.status).toBe(201);
    const { id, partSize, partCount } = created.body;
    for (let n = 1; n <= partCount; n++) {
      const part = file.subarray((n - 1) * partSize, n * partSize);
      const urls = await t
        .http()
        .post(`/api/uploads/${id}/part-urls`)
        .set(auth(token))
        .send({ partNumbers: [n] });
      const put = await fetch(urls.body.urls[0].url, { method: 'PUT', body: part });
      const rec = await t
        .http()
        .put(`/api/uploads/${id}/parts/${n}`)
        .set(auth(token))
        .send({ etag: put.headers.get('etag'), size: part.length });
      expect(rec.status).toBe(200);
    }
    expect((await t.http().post(`/api/uploads/${id}/complete`).set(auth(token))).status).toBe(200);
    await t.jobs.drain();
    return id as string;
  }

  it('a finished resumable upload becomes the episode’s video; its status is shown to the uploader until ready', async () => {
    const ep = await newEpisode('第5讲 上传的视频');
    const uploadId = await uploadWhole(teacher, await readFile(clip2s), '第5讲.mp4');
    const attached = await t.http().post(`/api/lectures/episodes/${ep}/video`).set(auth(teacher)).send({ uploadId });
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ state: 'queued', percent: 0, originalName: '第5讲.mp4' });
    // the same upload cannot be claimed twice
    expect(
      (await t.http().post(`/api/lectures/episodes/${ep}/video`).set(auth(teacher)).send({ uploadId })).status,
    ).toBeGreaterThanOrEqual(400);
    // a student cannot attach or see processing
    expect((await t.http().get(`/api/lectures/episodes/${ep}/video`).set(auth(student))).status).toBe(403);
    await t.jobs.drain();
    const status = await t.http().get(`/api/lectures/episodes/${ep}/video`).set(auth(teacher));
    expect(status.body).toMatchObject({ state: 'ready', percent: 100, playable: true, failure: null });
    expect(status.body.firstPlayableS).toBeGreaterThan(0);
  });
});

describe('playback', () => {
  let ep: string;
  beforeAll(async () => {
    ep = await newEpisode('第4讲 轴对称');
    await addSource(ep, clip2s);
    await t.jobs.drain();
  });

  it('serves master and media playlists with presigned segment URLs that expire', async () => {
    const pb = await t.http().get(`/api/lectures/episodes/${ep}/playback`).set(auth(student));
    expect(pb.status).toBe(200);
    expect(pb.body.renditions.map((r: { name: string }) => r.name)).toEqual(['240p']);
    const master = await t.http().get(pb.body.masterUrl).set(auth(student));
    expect(master.status).toBe(200);
    expect(master.headers['content-type']).toContain('mpegurl');
    expect(master.text).toContain('#EXT-X-STREAM-INF');
    expect(master.text).toContain('TYPE=AUDIO');
    const media = await t.http().get(`/api/lectures/episodes/${ep}/hls/240p.m3u8`).set(auth(student));
    const uris = playlistUris(media.text);
    expect(uris.length).toBeGreaterThan(1);
    for (const u of uris) expect(u).toMatch(/^http.*X-Amz-Signature=/);
    const fresh = await fetch(uris[1]);
    expect(fresh.status).toBe(200);
    expect((await fresh.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // ttl = HLS_URL_TTL_SECONDS (1) + duration (2 s)
    await new Promise((r) => setTimeout(r, 4500));
    expect((await fetch(uris[1])).status).toBe(403);
  });

  it('a signed link plays without an Authorization header (Safari native HLS) and ends with the session or its time', async () => {
    const viewer = await t.login('student.chen');
    const pb = await t.http().get(`/api/lectures/episodes/${ep}/playback`).set(auth(viewer));
    expect(pb.body.linkMasterUrl).toMatch(/^\/api\/lectures\/play\/[A-Za-z0-9_-]{91}\/master\.m3u8$/);
    const master = await t.http().get(pb.body.linkMasterUrl);
    expect(master.status).toBe(200);
    expect(master.headers['referrer-policy']).toBe('no-referrer');
    expect(master.text).toMatch(/^240p\.m3u8$/m); // relative: the native player stays under the signed link
    const mediaUrl = pb.body.linkMasterUrl.replace('master.m3u8', '240p.m3u8');
    const media = await t.http().get(mediaUrl);
    expect(media.status).toBe(200);
    for (const u of playlistUris(media.text)) expect(u).toMatch(/^http.*X-Amz-Signature=/);
    expect(pb.body.linkAudioOnlyUrl).toBe(pb.body.linkMasterUrl.replace('master.m3u8', 'audio.m3u8'));
    expect((await t.http().get(pb.body.linkAudioOnlyUrl)).status).toBe(200);
    // a forged or altered link, a link to another path: refused in the viewer's language
    const token = pb.body.linkMasterUrl.split('/')[4] as string;
    const forged = await t.http().get(`/api/lectures/play/${token.slice(0, 20)}X${token.slice(21)}/master.m3u8`);
    expect(forged.status).toBe(403);
    expect(forged.body.message).toContain('播放链接已失效');
    expect((await t.http().get(`/api/lectures/play/${token}/../../users`)).status).not.toBe(200);
    // signing out ends the link at once
    expect((await t.http().post('/api/auth/logout').set(auth(viewer))).status).toBeLessThan(300);
    expect((await t.http().get(mediaUrl)).status).toBe(403);
    // and it expires with the segment URLs (HLS_URL_TTL_SECONDS 1 + 2 s of video)
    const other = await t.login('student.chen');
    const pb2 = await t.http().get(`/api/lectures/episodes/${ep}/playback`).set(auth(other));
    expect((await t.http().get(pb2.body.linkMasterUrl)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3600));
    expect((await t.http().get(pb2.body.linkMasterUrl).set('Accept-Language', 'en')).body.message).toContain('expired');
  });

  it('media playlists go gzipped to players that accept it (the browser decodes them)', async () => {
    const plain = await t
      .http()
      .get(`/api/lectures/episodes/${ep}/hls/240p.m3u8`)
      .set(auth(student))
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = await t
      .http()
      .get(`/api/lectures/episodes/${ep}/hls/240p.m3u8`)
      .set(auth(student))
      .set('Accept-Encoding', 'gzip, br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(gz.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text));
    expect(gz.text).toBe(plain.text); // supertest inflates, as a browser does
  });

  it('a student outside the group cannot fetch a private (group) lecture’s playlist', async () => {
    const school = await t.db
      .getRepository(School)
      .save({ name: '外县中学', code: 'OUT-1', locality: 'urban', stage: 'junior', district: '' });
    await t.db.getRepository(User).save({
      username: 'student.out',
      displayName: '外校学生',
      role: 'student',
      schoolId: school.id,
      grade: 8,
      birthDate: '2010-01-01',
      titles: [],
      passwordHash: await hashPassword('Mumian2026'),
    });
    const outsider = await t.login('student.out');
    expect((await t.http().get(`/api/lectures/episodes/${ep}/hls/master.m3u8`).set(auth(outsider))).status).toBe(404);
    expect((await t.http().get(`/api/lectures/episodes/${ep}/hls/240p.m3u8`).set(auth(outsider))).status).toBe(404);
    expect((await t.http().get(`/api/lectures/episodes/${ep}/hls/master.m3u8`)).status).toBe(401);
  });

  it('heartbeats resume the viewer, count one view per window, and feed the stats', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t
        .http()
        .post(`/api/lectures/episodes/${ep}/progress`)
        .set(auth(student))
        .send({ position: 0.5 + i * 0.4, played: 0.4 });
      expect(r.status).toBe(200);
    }
    await t.app.get(PlaybackService).flush();
    const pb = await t.http().get(`/api/lectures/episodes/${ep}/playback`).set(auth(student));
    expect(pb.body.resumeAt).toBeCloseTo(1.3, 1);
    await t.http().post(`/api/lectures/episodes/${ep}/progress`).set(auth(student)).send({ position: 1.9, played: 0.5 });
    const stats = await t.http().get(`/api/lectures/episodes/${ep}/stats`).set(auth(teacher));
    expect(stats.body).toMatchObject({ views: 1, uniqueViewers: 1 });
    expect(stats.body.totalWatchS).toBeGreaterThan(0);
    expect(stats.body.byLocality).toEqual([{ key: 'township', label: 'township', views: 1 }]);
    expect((await t.http().get(`/api/lectures/episodes/${ep}/stats`).set(auth(student))).status).toBe(403);
    // the parent sees what the child watched
    const parent = await t.login('parent.chen');
    const hist = await t.http().get(`/api/lectures/children/${t.seed.users.student}/history`).set(auth(parent));
    expect(hist.status).toBe(200);
    expect(hist.body[0]).toMatchObject({ episodeId: ep, title: '第4讲 轴对称' });
    expect((await t.http().get(`/api/lectures/children/${t.seed.users.teacher}/history`).set(auth(parent))).status).toBe(403);
  });

  it('captions: SRT becomes WebVTT, other files are refused', async () => {
    const srt = '1\n00:00:00,500 --> 00:00:01,500\n同学们好\n\n2\n00:00:01,600 --> 00:00:02,000\n今天学习轴对称\n';
    const ok = await t.http().put(`/api/lectures/episodes/${ep}/captions`).set(auth(teacher)).send({ lang: 'zh', content: srt });
    expect(ok.status).toBe(200);
    const pb = await t.http().get(`/api/lectures/episodes/${ep}/playback`).set(auth(student));
    const vtt = await (await fetch(pb.body.captions[0].url)).text();
    expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.500 --> 00:00:01\.500\n同学们好/);
    const bad = await t
      .http()
      .put(`/api/lectures/episodes/${ep}/captions`)
      .set(auth(teacher))
      .send({ lang: 'en', content: '<html>not captions</html>' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('WebVTT');
  });

  it('replacing the video keeps the episode’s views and place, and removes the old outputs', async () => {
    const before = await t.db.getRepository(LectureEpisode).findOneByOrFail({ id: ep });
    const oldVideo = await video(before.videoId!);
    const corrected = await makeClip(join(dir, 'fix.mp4'), { width: 320, height: 240, seconds: 3 });
    const nv = await addSource(ep, corrected, 'corrected.mp4');
    await t.jobs.drain();
    const after = await t.db.getRepository(LectureEpisode).findOneByOrFail({ id: ep });
    expect(after.videoId).toBe(nv.id);
    expect(after.views).toBe(before.views);
    expect(after.number).toBe(before.number);
    expect(await storage.listKeys(oldVideo.outputPrefix!)).toEqual([]);
  });
});
