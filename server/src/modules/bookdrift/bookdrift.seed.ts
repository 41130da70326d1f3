import type { SeedContext } from '../../dev/seed-context.js';
import type { Principal, Role } from '../../common/roles.js';
import { CampaignsService } from './campaigns.service.js';
import { CatalogueImportService } from './catalogue-import.service.js';
import { CatalogueService } from './catalogue.service.js';
import { CopiesService } from './copies.service.js';
import { ListsService } from './lists.service.js';
import { NotesService } from './notes.service.js';
import { RoundPlannerService } from './round-planner.service.js';
import { ShipmentsService } from './shipments.service.js';

/**
 * Real editions (ISBN-13 check digits verified by normaliseIsbn on import):
 * 人民文学出版社's four classics, 汤汤《青草国的鹅》(福建少年儿童出版社 2022),
 * 孙幼军《熊猫小弟传奇》(海豚出版社 2012).
 */
const CORE_CSV = `ISBN,书名,作者,出版社,出版年,适读年级,分类,标签,架位,册数
978-7-02-000220-7,红楼梦,曹雪芹,人民文学出版社,1996,7-9,古典文学,名著,A-01,4
978-7-02-000873-5,西游记,吴承恩,人民文学出版社,1980,5-9,古典文学,名著;神话,A-02,6
978-7-02-000872-8,三国演义,罗贯中,人民文学出版社,1998,6-9,古典文学,名著;历史,A-03,4
978-7-02-001501-6,水浒传,施耐庵,人民文学出版社,1997,7-9,古典文学,名著,A-04,3
978-7-5395-7681-7,青草国的鹅,汤汤,福建少年儿童出版社,2022,3-6,童话,自立;成长,B-01,6
978-7-5110-0554-0,熊猫小弟传奇,孙幼军,海豚出版社,2012,1-4,童话,自强,B-02,5
`;
const RURAL_CSV = `书号,书名,作者,出版社,出版年,适读年级,册数
9787511005540,熊猫小弟传奇,孙幼军,海豚出版社,2012,1-4,3
9787020008735,西游记,吴承恩,人民文学出版社,1980,5-9,3
9787539576817,青草国的鹅,汤汤,福建少年儿童出版社,2022,3-6,2
`;

/** Demo data of this module for `npm start`; runs once, after the foundation seed. */
export async function seedBookdrift(ctx: SeedContext): Promise<void> {
  const allSchools = Object.values(ctx.schools);
  const as = (userId: string, role: Role, schoolId: string | null): Principal => ({
    userId,
    sessionId: 'seed',
    role,
    displayName: 'seed',
    schoolId,
    groupIds: [ctx.groupId],
    groupSchoolIds: allSchools,
    titles: [],
    restricted: false,
  });
  const coreAdmin = as(ctx.users.schoolAdmin, 'school_admin', ctx.schools.core);
  const ruralAdmin = as(ctx.users.ruralSchoolAdmin, 'school_admin', ctx.schools.rural);
  const groupAdmin = as(ctx.users.groupAdmin, 'group_admin', null);
  const importer = ctx.app.get(CatalogueImportService);
  const catalogue = ctx.app.get(CatalogueService);
  const copies = ctx.app.get(CopiesService);
  const campaigns = ctx.app.get(CampaignsService);
  const rounds = ctx.app.get(RoundPlannerService);
  const shipping = ctx.app.get(ShipmentsService);

  await importer.importCatalogue(coreAdmin, ctx.schools.core, Buffer.from(CORE_CSV));
  await importer.importCatalogue(ruralAdmin, ctx.schools.rural, Buffer.from(RURAL_CSV));
  const all = async (p: Principal, schoolId: string) => (await catalogue.listCopies(p, { schoolId, limit: 200 })).items;
  const core = await all(coreAdmin, ctx.schools.core);
  const rural = await all(ruralAdmin, ctx.schools.rural);
  const coreShare = ['青草国的鹅', '熊猫小弟传奇', '西游记'].flatMap((t) => core.filter((c) => c.title === t).slice(0, 3));
  const ruralShare = rural.filter((c) => c.title !== '熊猫小弟传奇' || rural.indexOf(c) % 2 === 0).slice(0, 5);
  const coreShared = await copies.setShared(
    coreAdmin,
    coreShare.map((c) => c.id),
    true,
  );
  const ruralShared = await copies.setShared(
    ruralAdmin,
    ruralShare.map((c) => c.id),
    true,
  );

  // ring: core → township → village → core (the township school has no books in this campaign)
  const campaign = await campaigns.create(groupAdmin, {
    name: '2026 春季图书漂流',
    schoolIds: [ctx.schools.core, ctx.schools.township, ctx.schools.rural],
    startDate: '2026-03-02',
    roundWeeks: 4,
    rounds: 2,
  });
  await campaigns.setBatch(
    coreAdmin,
    campaign.id,
    ctx.schools.core,
    coreShared.slice(0, 6).map((c) => c.id),
  );
  await campaigns.setBatch(
    ruralAdmin,
    campaign.id,
    ctx.schools.rural,
    ruralShared.map((c) => c.id),
  );
  const shipments = await rounds.planRound(groupAdmin, campaign.id, 1);
  // round 1 under way: the core school's batch has reached the township school (received by the
  // group admin for it); the village school's batch is on the road to the core school, for
  // school.admin to receive on the phone page
  for (const s of shipments) {
    const sender = s.fromSchoolId === ctx.schools.core ? coreAdmin : ruralAdmin;
    await shipping.pack(sender, s.id);
    const sent = await shipping.send(sender, s.id);
    if (s.fromSchoolId === ctx.schools.core) {
      for (const item of sent.items) await shipping.scan(groupAdmin, s.id, item.driftCode);
      await shipping.completeReceipt(groupAdmin, s.id);
    }
  }

  const lists = ctx.app.get(ListsService);
  await lists.create(as(ctx.users.teacher, 'teacher', ctx.schools.core), {
    name: '三年级暑假书单 · 自立自律自强',
    gradeBand: '3',
    visibility: 'group',
    entries: [
      { isbn: '9787539576817', title: '青草国的鹅', author: '汤汤', note: '草婴在两个世界之间做出选择：学会为自己负责。' },
      { isbn: '9787511005540', title: '熊猫小弟传奇', author: '孙幼军', note: '适合亲子共读，每天一章。' },
      { isbn: '9787020008735', title: '西游记', author: '吴承恩', note: '先读青少版，再挑战原著片段。' },
    ],
  });

  // a pupil's reading note on a copy that has arrived, approved so the copy page shows it
  const notes = ctx.app.get(NotesService);
  const student = as(ctx.users.student, 'student', ctx.schools.townshipMiddle);
  const note = await notes.writeNote(student, coreShared[0].driftCode!, '草婴和大白鹅的故事让我明白，做选择的时候要勇敢。', 5);
  await notes.review(as(ctx.users.platformAdmin, 'platform_admin', null), note.id, true);
  ctx.log(
    `book drift: ${core.length + rural.length} copies, ${coreShared.length + ruralShared.length} shared, campaign “${campaign.name}” round 1 under way`,
  );
}
