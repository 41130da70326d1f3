import { defineMessages } from '../../common/i18n.js';

export const identityMessages = defineMessages({
  // sign-in and sessions
  'auth.badCredentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.throttled': {
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  'auth.disabled': { zh: '该账号已停用，请联系学校管理员', en: 'This account is disabled; contact your school admin' },
  'auth.sessionExpired': { zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  // accounts
  'user.notFound': { zh: '用户不存在', en: 'User not found' },
  'user.usernameTaken': { zh: '用户名 {username} 已被使用', en: 'Username {username} is already taken' },
  'user.phoneTaken': { zh: '手机号已被其他账号使用', en: 'That phone number belongs to another account' },
  'user.weakPassword': {
    zh: '密码需为 8–72 位，且同时包含字母和数字',
    en: 'Passwords need 8–72 characters with letters and digits',
  },
  'user.wrongPassword': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'user.schoolRequired': { zh: '该角色必须属于一所学校', en: 'This role must belong to a school' },
  'user.groupRequired': { zh: '集团管理员必须指定所属集团', en: 'A group admin must belong to a group' },
  'user.roleNotAllowed': { zh: '您不能创建该角色的账号', en: 'You cannot create accounts with this role' },
  'user.gradeForStudents': { zh: '只有学生账号可以设置年级', en: 'Only students have a grade' },
  'user.notParentOrStudent': { zh: '只能把家长账号绑定到学生账号', en: 'Only a parent can be linked to a student' },
  // CSV import
  'import.tooLarge': { zh: 'CSV 文件不能超过 5 MB', en: 'The CSV file must be at most 5 MB' },
  'import.missingColumns': { zh: 'CSV 缺少必需的列：{columns}', en: 'The CSV lacks required columns: {columns}' },
  'import.unknownColumns': { zh: 'CSV 含有无法识别的列：{columns}', en: 'The CSV has unknown columns: {columns}' },
  'import.empty': { zh: 'CSV 中没有数据行', en: 'The CSV has no data rows' },
  'import.tooManyRows': { zh: '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  'import.notFound': { zh: '导入任务不存在', en: 'Import not found' },
  'import.row.username': { zh: '用户名需为 3–64 位字母、数字或 _.-', en: 'Username needs 3–64 letters, digits or _.-' },
  'import.row.usernameDup': { zh: '用户名在文件中重复', en: 'Username appears twice in the file' },
  'import.row.usernameTaken': { zh: '用户名已存在', en: 'Username already exists' },
  'import.row.name': { zh: '姓名不能为空且不超过 50 字', en: 'Name must be 1–50 characters' },
  'import.row.role': { zh: '角色只能是 学生/教师/家长', en: 'Role must be student, teacher or parent' },
  'import.row.grade': { zh: '学生的年级必须是 1–12', en: 'A student needs a grade from 1 to 12' },
  'import.row.birthDate': { zh: '出生日期格式应为 2015-09-01', en: 'Birth date must look like 2015-09-01' },
  'import.row.birthDateImpossible': {
    zh: '出生日期不存在（如 2 月 30 日）或晚于今天，请核对',
    en: 'The birth date does not exist (such as 30 February) or is in the future; please check it',
  },
  'import.jobFailed': {
    zh: '导入未能完成（已多次重试），没有创建任何账号；请重新上传文件，仍失败请联系管理员',
    en: 'The import could not finish after several attempts and created no accounts; upload the file again, and contact the administrator if it fails again',
  },
  'import.row.phone': { zh: '手机号格式不正确', en: 'Invalid phone number' },
  'import.row.phoneTaken': { zh: '手机号已被使用', en: 'Phone number already in use' },
  'import.row.password': {
    zh: '初始密码需为 8–72 位且包含字母和数字',
    en: 'Initial password needs 8–72 characters with letters and digits',
  },
});

export type IdentityMessageKey = keyof typeof identityMessages;
type Keys = { [K in IdentityMessageKey]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
