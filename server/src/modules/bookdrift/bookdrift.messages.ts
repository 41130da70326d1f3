import { defineMessages } from '../../common/i18n.js';
import type { CopyState, ShipmentState } from './bookdrift.entities.js';
import type { ScheduleProblem } from './scheduler.js';

type Text = { zh: string; en: string };

/**
 * One message per value of a label table: `perValue('x.state', { a: {zh,en} }, template)` gives
 * `{ 'x.state.a': template with {label} filled }`, so a service throws `x.state.${value}` and the
 * error filter renders the label in the caller's language.
 */
function perValue<const P extends string, const K extends string>(
  prefix: P,
  labels: Record<K, Text>,
  template: Text,
): { [X in `${P}.${K}`]: Text } {
  return Object.fromEntries(
    Object.entries<Text>(labels).map(([k, l]) => [
      `${prefix}.${k}`,
      { zh: template.zh.replace('{label}', l.zh), en: template.en.replace('{label}', l.en) },
    ]),
  ) as { [X in `${P}.${K}`]: Text };
}

const SHIPMENT_STATES: Record<ShipmentState, Text> = {
  planned: { zh: '待打包', en: 'planned' },
  packed: { zh: '已打包', en: 'packed' },
  in_transit: { zh: '运输中', en: 'in transit' },
  received: { zh: '已签收', en: 'received' },
  passed_on: { zh: '已转出', en: 'passed on' },
  returned_home: { zh: '已归还', en: 'returned home' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/** Copy states that refuse sharing (on the shelf and drifting copies can be shared). */
const UNSHAREABLE_STATES: Record<Exclude<CopyState, 'on_shelf' | 'drifting'>, Text> = {
  missing: { zh: '缺失', en: 'missing' },
  lost: { zh: '丢失', en: 'lost' },
  damaged: { zh: '损坏', en: 'damaged' },
  withdrawn: { zh: '已剔除', en: 'withdrawn' },
};

const SCHEDULE_PROBLEMS: Record<ScheduleProblem['kind'], Text> = {
  two_batches_to_school: { zh: '同一所学校收到两批书', en: 'a school receives two batches' },
  batch_moves_twice: { zh: '同一批书一轮内移动两次', en: 'a batch moves twice in one round' },
  batch_visits_home: { zh: '批次被送回了自己学校', en: 'a batch is sent to its own school' },
  batch_revisits_school: { zh: '批次重复到访同一所学校', en: 'a batch visits the same school twice' },
};

/** Every text of the book-drift module: errors thrown by its services and labels rendered by its controllers. */
export const bookdriftMessages = defineMessages({
  // ---- catalogue import
  'bookdrift.import.notTable': {
    zh: '请上传 CSV（UTF-8 或 GBK）或 Excel .xlsx 文件',
    en: 'Please upload a CSV (UTF-8 or GBK) or an Excel .xlsx file',
  },
  'bookdrift.import.tooLarge': { zh: '文件不能超过 {mb} MB', en: 'The file must be at most {mb} MB' },
  'bookdrift.import.missingColumns': {
    zh: '缺少必需的列：{columns}（至少需要“ISBN”和“书名”）',
    en: 'Required columns are missing: {columns} (at least "ISBN" and "title")',
  },
  'bookdrift.import.unknownColumns': { zh: '无法识别的列：{columns}', en: 'Unknown columns: {columns}' },
  'bookdrift.import.empty': { zh: '文件中没有数据行', en: 'The file has no data rows' },
  'bookdrift.import.tooManyRows': { zh: '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  'bookdrift.import.rowsInvalid': {
    zh: '有 {count} 行数据有误，未导入任何图书，请修改后重新上传',
    en: '{count} rows have errors; nothing was imported. Fix them and upload again',
  },
  'bookdrift.row.isbn': {
    zh: '第 {row} 行：ISBN“{value}”无效（校验位不符或位数不对）',
    en: 'Row {row}: ISBN "{value}" is invalid (check digit or length)',
  },
  'bookdrift.row.title': { zh: '第 {row} 行：书名不能为空且不超过 300 字', en: 'Row {row}: the title must be 1–300 characters' },
  'bookdrift.row.year': { zh: '第 {row} 行：出版年应为 4 位年份', en: 'Row {row}: the year must be a 4-digit year' },
  'bookdrift.row.copies': {
    zh: '第 {row} 行：册数应为 1–500 的整数',
    en: 'Row {row}: copies must be a whole number from 1 to 500',
  },
  'bookdrift.row.tooLong': { zh: '第 {row} 行：{column} 过长', en: 'Row {row}: {column} is too long' },

  // ---- copies
  'bookdrift.copyNotFound': { zh: '图书不存在', en: 'Copy not found' },
  'bookdrift.copyNotYours': {
    zh: '只能操作本校的图书（《{title}》属于其他学校）',
    en: 'You can only act on your own school’s books ("{title}" belongs to another school)',
  },
  ...perValue('bookdrift.copyUnavailable', UNSHAREABLE_STATES, {
    zh: '《{title}》当前状态为“{label}”，不能共享',
    en: '"{title}" is {label} and cannot be shared',
  }),
  'bookdrift.copyInCampaign': {
    zh: '《{title}》正在漂流活动中，不能取消共享',
    en: '"{title}" is part of a drift campaign and cannot be unshared',
  },
  'bookdrift.labelsNeedShared': {
    zh: '只能为已共享（有漂流码）的图书打印标签',
    en: 'Labels can only be printed for shared copies (with a drift code)',
  },
  'bookdrift.codeInvalid': {
    zh: '“{code}”不是有效的漂流码（8 位，如 ABCD-EFGH，请检查是否输错）',
    en: '"{code}" is not a valid drift code (8 characters like ABCD-EFGH; check for typos)',
  },
  'bookdrift.codeUnknown': { zh: '漂流码 {code} 不存在', en: 'No copy has drift code {code}' },

  // ---- campaigns
  'bookdrift.campaignNotFound': { zh: '漂流活动不存在', en: 'Campaign not found' },
  'bookdrift.schoolsOutsideGroup': {
    zh: '参与学校必须都属于同一个教育集团',
    en: 'All participating schools must belong to one education group',
  },
  'bookdrift.duplicateSchools': { zh: '参与学校有重复', en: 'A school is listed twice' },
  ...perValue('bookdrift.scheduleInvalid', SCHEDULE_PROBLEMS, {
    zh: '轮换安排不合规：第 {round} 轮 {label}',
    en: 'The rotation breaks a rule in round {round}: {label}',
  }),
  'bookdrift.scheduleLocked': {
    zh: '第 {round} 轮及之前的运单已生成，只能调整之后的轮次',
    en: 'Shipments exist up to round {round}; only later rounds can be changed',
  },
  'bookdrift.schoolNotInCampaign': { zh: '该学校未参加此活动', en: 'That school is not in this campaign' },
  'bookdrift.schoolAlreadyInCampaign': { zh: '该学校已参加此活动', en: 'That school is already in this campaign' },
  'bookdrift.batchCopyInvalid': {
    zh: '《{title}》不能加入漂流批次：须为本校已共享、在架且未加入其他活动的图书',
    en: '"{title}" cannot join the batch: it must be a shared copy of the school, on the shelf and in no other campaign',
  },
  'bookdrift.batchLocked': { zh: '该批次已经出发，不能再修改', en: 'This batch has already left; it can no longer change' },
  'bookdrift.roundOutOfRange': { zh: '轮次 {round} 不在本活动范围内', en: 'Round {round} is not part of this campaign' },
  'bookdrift.roundAlreadyPlanned': { zh: '第 {round} 轮的运单已生成', en: 'Shipments for round {round} already exist' },
  'bookdrift.previousRoundOpen': {
    zh: '上一轮还有运单未签收，不能安排下一轮',
    en: 'Shipments of the previous round are not received yet',
  },

  // ---- shipments
  'bookdrift.shipmentNotFound': { zh: '运单不存在', en: 'Shipment not found' },
  ...perValue('bookdrift.shipmentState', SHIPMENT_STATES, {
    zh: '运单当前状态为“{label}”，不能执行此操作',
    en: 'The shipment is {label}; this step is not possible now',
  }),
  'bookdrift.alreadyReceived': { zh: '该运单已签收过了，无需重复签收', en: 'This shipment has already been received' },
  'bookdrift.notSender': { zh: '只有寄出学校的管理员可以执行此操作', en: 'Only the sending school’s admin can do this' },
  'bookdrift.notReceiver': { zh: '只有收书学校的管理员可以签收', en: 'Only the receiving school’s admin can receive it' },
  'bookdrift.otherCampaign': {
    zh: '《{title}》（{code}）属于另一个漂流活动，不在这个运单里',
    en: '"{title}" ({code}) belongs to another drift campaign, not this shipment',
  },
  'bookdrift.wrongSchool': {
    zh: '《{title}》（{code}）不在这个运单里，它应当送往：{school}',
    en: '"{title}" ({code}) is not in this shipment; it should go to {school}',
  },
  'bookdrift.emptyBatch': { zh: '批次里没有可寄出的图书', en: 'The batch has no copies to send' },
  // "where does this copy belong?" (rendered by the controller)
  'bookdrift.where.here': { zh: '《{title}》应当在本校。', en: '"{title}" belongs at this school.' },
  'bookdrift.where.elsewhere': { zh: '《{title}》应当送往：{school}', en: '"{title}" should go to {school}' },
  // notes the system writes on a copy's journey: stored as the key, rendered on the copy page
  'bookdrift.event.missingAtReceipt': { zh: '签收时未扫描到', en: 'Not scanned at receipt' },
  'bookdrift.event.lostPastDeadline': { zh: '缺失超过期限，记为丢失', en: 'Missing past the deadline; recorded as lost' },

  // ---- reading notes
  'bookdrift.noteNotFound': { zh: '漂流日记不存在', en: 'Reading note not found' },
  'bookdrift.noteAlreadyReviewed': { zh: '这篇漂流日记已经审核过了', en: 'This note has already been reviewed' },
  'bookdrift.noteNotYourSchool': {
    zh: '只能为本校学生的漂流日记审核',
    en: 'You can only review notes of your own school’s students',
  },
  'bookdrift.noteTooMany': { zh: '你已经为这本书写过 3 篇日记了', en: 'You have already written 3 notes on this copy' },
  'bookdrift.noteOutsideGroup': {
    zh: '这本书不在你所在的教育集团内漂流',
    en: 'This copy does not drift within your education group',
  },

  // ---- dashboard rows (rendered by the controller)
  'bookdrift.dashboard.round': { zh: '第 {round} 轮', en: 'Round {round}' },
  'bookdrift.dashboard.urban': { zh: '城区学校', en: 'Urban schools' },
  'bookdrift.dashboard.rural': { zh: '乡镇/农村学校', en: 'Township and rural schools' },

  // ---- reading lists
  'bookdrift.listNotFound': { zh: '书单不存在', en: 'Reading list not found' },
  'bookdrift.listIsbn': { zh: '第 {n} 本书的 ISBN“{value}”无效', en: 'Book {n}: ISBN "{value}" is invalid' },
  'bookdrift.listOwnSchool': { zh: '这是本校的书单，无需关注或复制', en: 'This list is your own school’s' },
  'bookdrift.listNoSchool': { zh: '需要属于某所学校才能使用书单', en: 'You need to belong to a school to use reading lists' },
});

export type BookdriftMessageKey = keyof typeof bookdriftMessages;

type Keys = { [K in BookdriftMessageKey]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
