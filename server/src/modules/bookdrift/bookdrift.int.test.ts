import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import jsQRImport from 'jsqr';
import { PNG } from 'pngjs';
import { User } from '../identity/identity.entities.js';
import { hashPassword } from '../identity/passwords.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { MISSING_SWEEP_QUEUE } from './bookdrift.jobs.js';
import { LABEL_LAYOUT } from './labels.js';

/** jsqr is CommonJS with a default export; reach the function under both module systems. */
const jsQR = ((jsQRImport as unknown as { default?: unknown }).default ?? jsQRImport) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

const CORE_CSV = [
  'ISBN,书名,作者,出版社,出版年,适读年级,分类,标签,架位,册数',
  '978-7-02-000220-7,红楼梦,曹雪芹,人民文学出版社,1996,7-9,古典文学,名著,A-01,2',
  '9787020008735,西游记,吴承恩,人民文学出版社,1980,5-9,古典文学,名著;神话,A-02,1',
  '978 7 5395 7681 7,青草国的鹅,汤汤,福建少年儿童出版社,2022,3-6,童话,自立,B-01,1',
  '9787020002207,红楼梦,曹雪芹,人民文学出版社,1996,7-9,古典文学,名著,A-01,1',
].join('\n');

describe('book drift: catalogue, labels, campaigns, shipments, notes (real Postgres)', () => {
  let t: TestApp;
  let admin: string; // school.admin, core school librarian
  let rural: string; // rural.admin
  let group: string; // group.admin
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    [admin, rural, group] = await Promise.all([t.login('school.admin'), t.login('rural.admin'), t.login('group.admin')]);
  });
  afterAll(() => t.close());

  const importFile = (token: string, schoolId: string, buf: Buffer, name = 'books.csv') =>
    t.http().post('/api/bookdrift/catalogue/import').set(auth(token)).field('schoolId', schoolId).attach('file', buf, name);
  const copies = async (token: string, schoolId: string) =>
    (await t.http().get('/api/bookdrift/copies').query({ schoolId, limit: 200 }).set(auth(token))).body.items as {
      id: string;
      title: string;
      isbn: string;
      driftCode: string | null;
      state: string;
    }[];
  const countCopies = async () => Number((await t.db.query(`SELECT count(*) n FROM book_copy`))[0].n);

  let coreCopies: { id: string; title: string; driftCode: string | null }[] = [];
  let ruralCopies: { id: string; title: string; driftCode: string | null }[] = [];

  it('imports a GBK CSV with Chinese headers, merges duplicate ISBNs and reports row by row', async () => {
    const res = await importFile(admin, t.seed.schools.core, iconv.encode(CORE_CSV, 'gbk'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rows: 4, titlesCreated: 3, titlesMerged: 1, copiesCreated: 5 });
    expect(res.body.report[3]).toMatchObject({ row: 5, isbn: '9787020002207', outcome: 'merged', copies: 1 });
    expect(res.body.report[2].isbn).toBe('9787539576817');
    // the same file again: every row merges into the existing titles
    const again = await importFile(admin, t.seed.schools.core, Buffer.from(CORE_CSV, 'utf8'));
    expect(again.body).toMatchObject({ titlesCreated: 0, titlesMerged: 4, copiesCreated: 5 });
    coreCopies = await copies(admin, t.seed.schools.core);
    expect(coreCopies).toHaveLength(10);
    const hlm = coreCopies.filter((c) => c.title === '红楼梦');
    expect(hlm).toHaveLength(6);
  });

  it('imports an Excel .xlsx with English headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Books');
    ws.addRow(['ISBN', 'Title', 'Author', 'Publisher', 'Year', 'Copies']);
    ws.addRow(['9787511005540', '熊猫小弟传奇', '孙幼军', '海豚出版社', 2012, 2]);
    ws.addRow(['978-7-02-001501-6', '水浒传', '施耐庵', '人民文学出版社', 1997, 1]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importFile(rural, t.seed.schools.rural, buf, 'catalogue.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rows: 2, titlesCreated: 2, copiesCreated: 3 });
    ruralCopies = await copies(rural, t.seed.schools.rural);
    expect(ruralCopies.map((c) => c.title).sort()).toEqual(['水浒传', '熊猫小弟传奇', '熊猫小弟传奇']);
  });

  it('refuses wrong columns, invalid ISBNs and non-table files with a clear message, importing nothing', async () => {
    const before = await countCopies();
    const wrong = await importFile(admin, t.seed.schools.core, Buffer.from('编号,名称\n1,红楼梦\n'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('无法识别的列：编号、名称');
    const missing = await importFile(admin, t.seed.schools.core, Buffer.from('书名,作者\n红楼梦,曹雪芹\n'));
    expect(missing.body.message).toContain('缺少必需的列：ISBN');
    const bad = await importFile(
      admin,
      t.seed.schools.core,
      Buffer.from('ISBN,书名\n9787020002207,红楼梦\n978-7-02-000220-8,红楼梦（错）\n'),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('有 1 行数据有误，未导入任何图书');
    expect(bad.body.fields[0].message).toContain('第 3 行：ISBN“978-7-02-000220-8”无效');
    const en = await importFile(admin, t.seed.schools.core, Buffer.from('ISBN,title\n12345,x\n')).set('Accept-Language', 'en');
    expect(en.body.fields[0].message).toBe('Row 2: ISBN "12345" is invalid (check digit or length)');
    const png = await importFile(admin, t.seed.schools.core, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'books.csv');
    expect(png.status).toBe(400);
    expect(await countCopies()).toBe(before);
  });

  it('a school admin cannot import into, share or move another school’s copies', async () => {
    const imp = await importFile(rural, t.seed.schools.core, Buffer.from(CORE_CSV));
    expect(imp.status).toBe(403);
    const share = await t
      .http()
      .post('/api/bookdrift/copies/share')
      .set(auth(rural))
      .send({ copyIds: [coreCopies[0].id], shared: true });
    expect(share.status).toBe(403);
    expect(share.body.message).toContain('只能操作本校的图书');
    const report = await t
      .http()
      .post(`/api/bookdrift/copies/${coreCopies[0].id}/report`)
      .set(auth(rural))
      .send({ state: 'lost' });
    expect(report.status).toBe(403);
    expect((await copies(admin, t.seed.schools.core)).every((c) => c.state === 'on_shelf' && !c.driftCode)).toBe(true);
  });

  it('marks copies shared with unique drift codes and prints a label sheet with Chinese titles and one QR per copy', async () => {
    const pick = [
      ...coreCopies.filter((c) => c.title === '青草国的鹅').slice(0, 1),
      ...coreCopies.filter((c) => c.title === '红楼梦').slice(0, 3),
    ];
    const res = await t
      .http()
      .post('/api/bookdrift/copies/share')
      .set(auth(admin))
      .send({ copyIds: pick.map((c) => c.id), shared: true });
    expect(res.status).toBe(201);
    const codes = (res.body as { driftCode: string }[]).map((c) => c.driftCode);
    expect(new Set(codes).size).toBe(4);
    codes.forEach((c) => expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/));
    const r2 = await t
      .http()
      .post('/api/bookdrift/copies/share')
      .set(auth(rural))
      .send({ copyIds: ruralCopies.map((c) => c.id), shared: true });
    expect(r2.status).toBe(201);
    coreCopies = await copies(admin, t.seed.schools.core);
    ruralCopies = await copies(rural, t.seed.schools.rural);

    const pdf = await t
      .http()
      .post('/api/bookdrift/copies/labels')
      .set(auth(admin))
      .send({ copyIds: pick.map((c) => c.id) })
      .buffer(true)
      .parse((response, cb) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'labels-'));
    writeFileSync(join(dir, 'l.pdf'), pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('红楼梦');
    expect(text).toContain('青草国的鹅');
    expect(text).toContain('木棉县第一实验学校');
    execFileSync('pdftoppm', ['-r', '150', '-png', join(dir, 'l.pdf'), join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page'));
    expect(pages).toHaveLength(1);
    const png = PNG.sync.read(readFileSync(join(dir, pages[0])));
    const scale = 150 / 72;
    const L = LABEL_LAYOUT;
    const left = (595.28 - L.cols * L.width) / 2;
    const top = (841.89 - L.rows * L.height) / 2;
    const decoded: string[] = [];
    for (let slot = 0; slot < L.perPage; slot++) {
      const x0 = Math.round((left + (slot % L.cols) * L.width) * scale);
      const y0 = Math.round((top + Math.floor(slot / L.cols) * L.height) * scale);
      const w = Math.round(L.width * 0.55 * scale);
      const h = Math.round(L.height * scale);
      const crop = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const si = ((y0 + y) * png.width + (x0 + x)) * 4;
          crop.set(png.data.subarray(si, si + 4), (y * w + x) * 4);
        }
      const qr = jsQR(crop, w, h);
      if (qr) decoded.push(qr.data);
    }
    const byId = new Map(coreCopies.map((c) => [c.id, c.driftCode]));
    expect(decoded).toEqual(pick.map((c) => `${t.config.PUBLIC_URL}/drift/${byId.get(c.id)}`));
  });

  let campaignId = '';
  let otherCampaignCode = '';
  let missingCode = ''; // the copy not scanned at receipt
  const shipmentsOf = async (token: string, schoolId: string) =>
    (await t.http().get('/api/bookdrift/shipments').query({ schoolId }).set(auth(token))).body as {
      id: string;
      round: number;
      state: string;
      fromSchoolId: string;
      toSchoolId: string;
      isReturn: boolean;
    }[];

  it('a group admin creates a campaign with a round-robin schedule; librarians contribute batches', async () => {
    const { core, rural: ruralId, township } = t.seed.schools;
    const denied = await t
      .http()
      .post('/api/bookdrift/campaigns')
      .set(auth(admin))
      .send({ name: 'x', schoolIds: [core, ruralId], startDate: '2026-03-02', roundWeeks: 4, rounds: 2 });
    expect(denied.status).toBe(403);
    const res = await t
      .http()
      .post('/api/bookdrift/campaigns')
      .set(auth(group))
      .send({
        name: '2026 春季图书漂流',
        schoolIds: [core, ruralId, township],
        startDate: '2026-03-02',
        roundWeeks: 4,
        rounds: 2,
      });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
    expect(res.body.legs).toHaveLength(6);
    expect(
      res.body.legs
        .filter((l: { round: number }) => l.round === 1)
        .map((l: { toSchoolId: string }) => l.toSchoolId)
        .sort(),
    ).toEqual([core, ruralId, township].sort());
    const shared = coreCopies.filter((c) => c.driftCode);
    const batch = await t
      .http()
      .put(`/api/bookdrift/campaigns/${campaignId}/batches/${core}`)
      .set(auth(admin))
      .send({ copyIds: shared.slice(0, 3).map((c) => c.id) });
    expect(batch.status).toBe(200);
    const ruralBatch = await t
      .http()
      .put(`/api/bookdrift/campaigns/${campaignId}/batches/${ruralId}`)
      .set(auth(rural))
      .send({ copyIds: ruralCopies.map((c) => c.id) });
    expect(ruralBatch.body.schools.find((s: { schoolId: string }) => s.schoolId === ruralId).batchCopies).toBe(3);
    // a librarian cannot put another school's copies in a batch
    const theirs = await t
      .http()
      .put(`/api/bookdrift/campaigns/${campaignId}/batches/${core}`)
      .set(auth(rural))
      .send({ copyIds: [shared[0].id] });
    expect(theirs.status).toBe(403);
    // an admin adjustment that breaks the rules is refused
    const adjust = await t
      .http()
      .put(`/api/bookdrift/campaigns/${campaignId}/schedule`)
      .set(auth(group))
      .send({
        legs: [
          { round: 1, batchSchoolId: core, toSchoolId: ruralId },
          { round: 1, batchSchoolId: township, toSchoolId: ruralId },
        ],
      });
    expect(adjust.status).toBe(400);
    expect(adjust.body.message).toContain('同一所学校收到两批书');

    // a second campaign (core + township) with the last shared core copy
    const other = await t
      .http()
      .post('/api/bookdrift/campaigns')
      .set(auth(group))
      .send({ name: '秋季漂流', schoolIds: [core, township], startDate: '2026-09-01', roundWeeks: 4, rounds: 1 });
    await t
      .http()
      .put(`/api/bookdrift/campaigns/${other.body.id}/batches/${core}`)
      .set(auth(admin))
      .send({ copyIds: [shared[3].id] });
    otherCampaignCode = shared[3].driftCode!;
  });

  it('dispatches, receives with one copy missing, refuses strays and double receipt, and serialises two librarians', async () => {
    const { core, rural: ruralId } = t.seed.schools;
    const planned = await t.http().post(`/api/bookdrift/campaigns/${campaignId}/rounds/1/plan`).set(auth(group));
    expect(planned.status).toBe(201);
    expect(planned.body).toHaveLength(2); // the township batch is empty: no shipment
    const out = (await shipmentsOf(admin, core)).find((s) => s.fromSchoolId === core)!;
    expect(out.toSchoolId).toBe(ruralId);
    // the receiving school cannot pack or send the sender's copies
    expect((await t.http().post(`/api/bookdrift/shipments/${out.id}/pack`).set(auth(rural))).status).toBe(403);
    expect((await t.http().post(`/api/bookdrift/shipments/${out.id}/pack`).set(auth(admin))).status).toBe(200);
    const sent = await t.http().post(`/api/bookdrift/shipments/${out.id}/send`).set(auth(admin));
    expect(sent.body).toMatchObject({ state: 'in_transit', expected: 3 });
    const codes = (sent.body.items as { driftCode: string }[]).map((i) => i.driftCode);

    // a code from the other campaign, a mistyped code: clear messages, nothing changes
    const stray = await t
      .http()
      .post(`/api/bookdrift/shipments/${out.id}/scan`)
      .set(auth(rural))
      .send({ code: otherCampaignCode });
    expect(stray.status).toBe(400);
    expect(stray.body.message).toContain('属于另一个漂流活动');
    const typo = await t
      .http()
      .post(`/api/bookdrift/shipments/${out.id}/scan`)
      .set(auth(rural))
      .send({ code: codes[0].slice(0, 7) + (codes[0][7] === 'A' ? 'B' : 'A') });
    expect(typo.status).toBe(400);
    expect(typo.body.fields[0].message).toContain('不是有效的漂流码');
    // the sender cannot receive its own shipment
    expect(
      (await t.http().post(`/api/bookdrift/shipments/${out.id}/scan`).set(auth(admin)).send({ code: codes[0] })).status,
    ).toBe(403);

    // two librarians scan the same copy at once (one as a typed code, one from the QR URL)
    const [a, b] = await Promise.all([
      t.http().post(`/api/bookdrift/shipments/${out.id}/scan`).set(auth(rural)).send({ code: codes[0].toLowerCase() }),
      t
        .http()
        .post(`/api/bookdrift/shipments/${out.id}/scan`)
        .set(auth(group))
        .send({ code: `${t.config.PUBLIC_URL}/drift/${codes[0]}` }),
    ]);
    expect([a.body.result, b.body.result].sort()).toEqual(['already_received', 'received']);
    const second = await t
      .http()
      .post(`/api/bookdrift/shipments/${out.id}/scan`)
      .set(auth(rural))
      .send({ code: `${codes[1].slice(0, 4)}-${codes[1].slice(4)}` });
    expect(second.body).toMatchObject({ result: 'received', received: 2, expected: 3 });

    // both close the receipt at once: one wins, the other is told it is already received
    const [c1, c2] = await Promise.all([
      t.http().post(`/api/bookdrift/shipments/${out.id}/complete`).set(auth(rural)),
      t.http().post(`/api/bookdrift/shipments/${out.id}/complete`).set(auth(group)),
    ]);
    expect([c1.status, c2.status].sort()).toEqual([200, 409]);
    const loser = c1.status === 409 ? c1 : c2;
    expect(loser.body.message).toBe('该运单已签收过了，无需重复签收');
    const detail = await t.http().get(`/api/bookdrift/shipments/${out.id}`).set(auth(rural));
    expect(detail.body).toMatchObject({ state: 'received', received: 2, missing: 1 });
    expect(detail.body.history.map((h: { toState: string }) => h.toState)).toEqual([
      'planned',
      'packed',
      'in_transit',
      'received',
    ]);
    expect(detail.body.history[3].actor).toMatch(/孙老师|周主任/);
    const events = await t.db.query(
      `SELECT kind, count(*)::int n FROM copy_event WHERE shipment_id = $1 GROUP BY kind ORDER BY kind`,
      [out.id],
    );
    expect(events).toEqual([
      { kind: 'missing', n: 1 },
      { kind: 'received', n: 2 },
      { kind: 'sent', n: 3 },
    ]);
    // every copy is in exactly one place
    const places = await t.db.query(
      `SELECT drift_code, state, location_school_id, shipment_id FROM book_copy WHERE drift_code = ANY($1::text[]) ORDER BY drift_code`,
      [codes],
    );
    for (const pl of places) {
      if (pl.state === 'missing') expect([pl.location_school_id, pl.shipment_id]).toEqual([null, null]);
      else expect([pl.location_school_id, pl.shipment_id]).toEqual([ruralId, null]);
    }
    // receiving twice changes nothing
    const twice = await t.http().post(`/api/bookdrift/shipments/${out.id}/complete`).set(auth(rural));
    expect(twice.status).toBe(409);
    expect((await t.http().get(`/api/bookdrift/shipments/${out.id}`).set(auth(rural))).body.missing).toBe(1);

    missingCode = codes[2];

    // damage reported at the rural school, with who and when
    const damagedId = (await t.db.query(`SELECT id FROM book_copy WHERE drift_code = $1`, [codes[1]]))[0].id;
    const dmg = await t
      .http()
      .post(`/api/bookdrift/copies/${damagedId}/report`)
      .set(auth(rural))
      .send({ state: 'damaged', note: '封面撕破' });
    expect(dmg.body.state).toBe('damaged');
    const page = await t.http().get(`/api/bookdrift/drift/${codes[1]}`).set(auth(rural));
    expect(page.body.events.at(-1)).toMatchObject({
      kind: 'damaged',
      actor: '孙老师',
      note: '封面撕破',
      schoolName: '柳溪村小学',
    });
  });

  it('a copy missing at receipt becomes lost when the hourly job runs after the campaign’s deadline, not before', async () => {
    const stateOf = async () =>
      (await t.db.query(`SELECT state FROM book_copy WHERE drift_code = $1`, [missingCode]))[0].state as string;
    const queued = async () =>
      (await t.db.query(`SELECT run_after FROM job WHERE queue = $1 AND state = 'queued'`, [MISSING_SWEEP_QUEUE.name])) as {
        run_after: Date;
      }[];
    const missingFor = (days: number) =>
      t.db.query(`UPDATE book_copy SET missing_since = now() - make_interval(days => $2) WHERE drift_code = $1`, [
        missingCode,
        days,
      ]);
    /** The queued sweep falls due (as the clock would make it) and the worker runs what is due. */
    const runSweep = async () => {
      await t.db.query(`UPDATE job SET run_after = now() WHERE queue = $1 AND state = 'queued'`, [MISSING_SWEEP_QUEUE.name]);
      await t.jobs.drain();
    };
    const lostEvents = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM copy_event e JOIN book_copy c ON c.id = e.copy_id WHERE c.drift_code = $1 AND e.kind = 'lost'`,
          [missingCode],
        )
      )[0].n as number;
    const campaign = await t.http().get(`/api/bookdrift/campaigns/${campaignId}`).set(auth(group));
    expect(campaign.body.missingDays).toBe(14);
    expect(await stateOf()).toBe('missing');

    // scheduled at start-up: one sweep waiting for the next hour
    const first = await queued();
    expect(first).toHaveLength(1);
    expect(first[0].run_after.getTime()).toBeGreaterThan(Date.now());

    // before the deadline the job leaves the copy missing, and schedules its next run
    await runSweep();
    expect(await stateOf()).toBe('missing');
    await missingFor(13);
    await runSweep();
    expect(await stateOf()).toBe('missing');
    const next = await queued();
    expect(next).toHaveLength(1);
    expect(next[0].run_after.getTime()).toBeGreaterThan(first[0].run_after.getTime());

    // past the deadline, reading the campaign changes nothing: the job does it
    await missingFor(15);
    expect((await t.http().get(`/api/bookdrift/campaigns/${campaignId}`).set(auth(group))).status).toBe(200);
    expect(await stateOf()).toBe('missing');
    await runSweep();
    expect(await stateOf()).toBe('lost');
    expect(await lostEvents()).toBe(1);
    // running again changes nothing (idempotent), and the job keeps one run queued
    await runSweep();
    expect(await lostEvents()).toBe(1);
    expect(await queued()).toHaveLength(1);
  });

  it('passes batches on to the next school and returns them home at the end', async () => {
    const { core, rural: ruralId, township } = t.seed.schools;
    // round 1, rural batch → township (received by the group admin for the township school)
    const r1 = (await shipmentsOf(rural, ruralId)).find((s) => s.fromSchoolId === ruralId && s.round === 1)!;
    expect(r1.toSchoolId).toBe(township);
    await t.http().post(`/api/bookdrift/shipments/${r1.id}/pack`).set(auth(rural)).expect(200);
    const sent = await t.http().post(`/api/bookdrift/shipments/${r1.id}/send`).set(auth(rural)).expect(200);
    for (const i of sent.body.items)
      await t.http().post(`/api/bookdrift/shipments/${r1.id}/scan`).set(auth(group)).send({ code: i.driftCode }).expect(200);
    await t.http().post(`/api/bookdrift/shipments/${r1.id}/complete`).set(auth(group)).expect(200);

    // round 2: core batch rural → township, rural batch township → core
    const planned = await t.http().post(`/api/bookdrift/campaigns/${campaignId}/rounds/2/plan`).set(auth(group));
    expect(planned.status).toBe(201);
    const coreLeg = (planned.body as { fromSchoolId: string; toSchoolId: string; id: string }[]).find(
      (s) => s.fromSchoolId === ruralId,
    )!;
    expect(coreLeg.toSchoolId).toBe(township);
    await t.http().post(`/api/bookdrift/shipments/${coreLeg.id}/pack`).set(auth(rural)).expect(200);
    const packed = await t.http().get(`/api/bookdrift/shipments/${coreLeg.id}`).set(auth(rural));
    expect(packed.body.items).toHaveLength(1); // the damaged and the lost copy stay out
    await t.http().post(`/api/bookdrift/shipments/${coreLeg.id}/send`).set(auth(rural)).expect(200);
    const round1 = await t.http().get(`/api/bookdrift/shipments/${r1.id}`).set(auth(group));
    expect(round1.body.state).toBe('received');
    const coreRound1 = (await shipmentsOf(rural, ruralId)).find((s) => s.round === 1 && s.toSchoolId === ruralId)!;
    expect(coreRound1.state).toBe('passed_on');
    for (const i of packed.body.items)
      await t.http().post(`/api/bookdrift/shipments/${coreLeg.id}/scan`).set(auth(group)).send({ code: i.driftCode }).expect(200);
    await t.http().post(`/api/bookdrift/shipments/${coreLeg.id}/complete`).set(auth(group)).expect(200);

    const ruralLeg = (planned.body as { fromSchoolId: string; toSchoolId: string; id: string }[]).find(
      (s) => s.fromSchoolId === township,
    )!;
    expect(ruralLeg.toSchoolId).toBe(core);
    await t.http().post(`/api/bookdrift/shipments/${ruralLeg.id}/pack`).set(auth(group)).expect(200);
    const rs = await t.http().post(`/api/bookdrift/shipments/${ruralLeg.id}/send`).set(auth(group)).expect(200);
    // a copy scanned at the wrong school is told where it should go
    const where = await t.http().post('/api/bookdrift/where').set(auth(rural)).send({ code: rs.body.items[0].driftCode });
    expect(where.body.message).toBe(`《${rs.body.items[0].title}》应当送往：木棉县第一实验学校`);
    for (const i of rs.body.items)
      await t
        .http()
        .post(`/api/bookdrift/shipments/${ruralLeg.id}/scan`)
        .set(auth(admin))
        .send({ code: i.driftCode })
        .expect(200);
    await t.http().post(`/api/bookdrift/shipments/${ruralLeg.id}/complete`).set(auth(admin)).expect(200);

    // the trip home
    const home = await t.http().post(`/api/bookdrift/campaigns/${campaignId}/rounds/3/plan`).set(auth(group));
    expect(home.status).toBe(201);
    expect((home.body as { isReturn: boolean }[]).every((s) => s.isReturn)).toBe(true);
    const back = (home.body as { fromSchoolId: string; toSchoolId: string; id: string }[]).find((s) => s.toSchoolId === ruralId)!;
    expect(back.fromSchoolId).toBe(core);
    await t.http().post(`/api/bookdrift/shipments/${back.id}/pack`).set(auth(admin)).expect(200);
    const bs = await t.http().post(`/api/bookdrift/shipments/${back.id}/send`).set(auth(admin)).expect(200);
    for (const i of bs.body.items)
      await t.http().post(`/api/bookdrift/shipments/${back.id}/scan`).set(auth(rural)).send({ code: i.driftCode }).expect(200);
    const done = await t.http().post(`/api/bookdrift/shipments/${back.id}/complete`).set(auth(rural));
    expect(done.body.state).toBe('returned_home');
    const homeCopies = await copies(rural, ruralId);
    expect(homeCopies.every((c) => c.state === 'on_shelf')).toBe(true);
    // the journey of a rural copy: home, township, core, home
    const journey = await t.http().get(`/api/bookdrift/drift/${bs.body.items[0].driftCode}`).set(auth(rural));
    expect(journey.body.journey.map((j: { schoolName: string }) => j.schoolName)).toEqual([
      '柳溪村小学',
      '青石镇中心小学',
      '木棉县第一实验学校',
      '柳溪村小学',
    ]);
  });

  it('cancelling a shipment in transit puts its copies back at the sender', async () => {
    const { core, township } = t.seed.schools;
    const other = (await t.http().get('/api/bookdrift/campaigns').set(auth(group))).body.find(
      (c: { name: string }) => c.name === '秋季漂流',
    );
    const planned = await t.http().post(`/api/bookdrift/campaigns/${other.id}/rounds/1/plan`).set(auth(group));
    const s = (planned.body as { id: string; fromSchoolId: string; toSchoolId: string }[]).find((x) => x.fromSchoolId === core)!;
    expect(s.toSchoolId).toBe(township);
    await t.http().post(`/api/bookdrift/shipments/${s.id}/pack`).set(auth(admin)).expect(200);
    await t.http().post(`/api/bookdrift/shipments/${s.id}/send`).set(auth(admin)).expect(200);
    const cancelled = await t.http().post(`/api/bookdrift/shipments/${s.id}/cancel`).set(auth(admin));
    expect(cancelled.body.state).toBe('cancelled');
    const c = (
      await t.db.query(`SELECT state, location_school_id, shipment_id FROM book_copy WHERE drift_code = $1`, [otherCampaignCode])
    )[0];
    expect(c).toEqual({ state: 'on_shelf', location_school_id: core, shipment_id: null });
  });

  it('a student’s note stays hidden until a teacher of the student’s school approves it, and shows the given name only', async () => {
    const code = (
      await t.db.query(`SELECT drift_code FROM book_copy WHERE drift_code IS NOT NULL AND state = 'on_shelf' LIMIT 1`)
    )[0].drift_code as string;
    const student = await t.login('student.chen');
    const bad = await t.http().post(`/api/bookdrift/drift/${code}/notes`).set(auth(student)).send({ body: 'ok', rating: 9 });
    expect(bad.status).toBe(400);
    const note = await t
      .http()
      .post(`/api/bookdrift/drift/${code}/notes`)
      .set(auth(student))
      .send({ body: '桑桑的故事让我想起了自己的小学。', rating: 5 });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ author: '小雨', status: 'pending', schoolName: '青石镇初级中学' });
    const hidden = await t.http().get(`/api/bookdrift/drift/${code}`).set(auth(admin));
    expect(hidden.body.notes).toEqual([]);
    const mine = await t.http().get(`/api/bookdrift/drift/${code}`).set(auth(student));
    expect(mine.body.myPendingNotes).toHaveLength(1);
    expect(mine.body.events).toEqual([]); // pupils do not see who moved the book

    // teachers of another school neither see nor approve it
    const li = await t.login('teacher.li');
    expect((await t.http().get('/api/bookdrift/notes/pending').set(auth(li))).body).toEqual([]);
    expect(
      (await t.http().post(`/api/bookdrift/notes/${note.body.id}/review`).set(auth(li)).send({ approve: true })).status,
    ).toBe(403);

    // a teacher of the student's school approves
    await t.db.getRepository(User).save(
      t.db.getRepository(User).create({
        username: 'teacher.zhou',
        displayName: '周老师',
        role: 'teacher',
        schoolId: t.seed.schools.townshipMiddle,
        passwordHash: await hashPassword('Mumian2026'),
        titles: [],
      }),
    );
    const zhou = await t.login('teacher.zhou');
    const queue = await t.http().get('/api/bookdrift/notes/pending').set(auth(zhou));
    expect(queue.body).toHaveLength(1);
    expect(queue.body[0]).toMatchObject({ author: '小雨', driftCode: code });
    const ok = await t.http().post(`/api/bookdrift/notes/${note.body.id}/review`).set(auth(zhou)).send({ approve: true });
    expect(ok.body.status).toBe('approved');
    expect(
      (await t.http().post(`/api/bookdrift/notes/${note.body.id}/review`).set(auth(zhou)).send({ approve: false })).status,
    ).toBe(409);
    const shown = await t.http().get(`/api/bookdrift/drift/${code}`).set(auth(admin));
    expect(shown.body.notes).toHaveLength(1);
    expect(shown.body.notes[0]).toMatchObject({ author: '小雨', schoolName: '青石镇初级中学', rating: 5 });
    const raw = JSON.stringify(shown.body);
    expect(raw).not.toContain('陈小雨');
    expect(raw).not.toContain('student.chen');
    expect(raw).not.toContain(t.seed.users.student);
  });

  it('reading lists show what the viewer’s school holds and what could come by drift; other schools follow or copy', async () => {
    const li = await t.login('teacher.li');
    const bad = await t
      .http()
      .post('/api/bookdrift/lists')
      .set(auth(li))
      .send({ name: '三年级暑假书单', visibility: 'group', entries: [{ isbn: '978-7-02-000220-8', title: 'x' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].message).toContain('第 1 本书的 ISBN');
    const created = await t
      .http()
      .post('/api/bookdrift/lists')
      .set(auth(li))
      .send({
        name: '三年级暑假书单',
        gradeBand: '3',
        visibility: 'group',
        entries: [
          { isbn: '9787539576817', title: '青草国的鹅', author: '汤汤', note: '自立：草婴的选择' },
          { isbn: '9787511005540', title: '熊猫小弟传奇', note: '适合朗读' },
          { isbn: '9787020008728', title: '三国演义', note: '' },
        ],
      });
    expect(created.status).toBe(201);
    const wang = await t.login('teacher.wang');
    const seen = await t.http().get(`/api/bookdrift/lists/${created.body.id}`).set(auth(wang));
    expect(seen.body.entries.map((e: { held: number; byDrift: number }) => [e.held, e.byDrift])).toEqual([
      [0, 1], // the core school shares 青草国的鹅
      [2, 0], // the rural school holds two 熊猫小弟传奇
      [0, 0],
    ]);
    const followed = await t.http().post(`/api/bookdrift/lists/${created.body.id}/follow`).set(auth(wang));
    expect(followed.body.followedByMySchool).toBe(true);
    const copy = await t.http().post(`/api/bookdrift/lists/${created.body.id}/copy`).set(auth(wang));
    expect(copy.body).toMatchObject({ mine: true, visibility: 'school', copiedFrom: created.body.id, entryCount: 3 });
    // a school-only list stays within its school
    const other = await t.http().get(`/api/bookdrift/lists/${copy.body.id}`).set(auth(li));
    expect(other.status).toBe(404);
  });

  it('the campaign dashboard counts drifting, reached, read, notes, lost and damaged per school, round and locality', async () => {
    const d = await t.http().get(`/api/bookdrift/campaigns/${campaignId}/dashboard`).set(auth(group));
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ schoolsReached: 3, lost: 1, damaged: 1 });
    const core = d.body.perSchool.find((r: { key: string }) => r.key === t.seed.schools.core);
    expect(core).toMatchObject({ lost: 1, damaged: 1 });
    expect(d.body.perRound).toHaveLength(2);
    expect(d.body.perRound[0].copiesReceived).toBe(2 + 3);
    expect(d.body.perLocality.map((r: { key: string }) => r.key)).toEqual(['urban', 'rural']);
  });
});
