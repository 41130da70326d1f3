import { defineMessages } from './i18n.js';

/**
 * The keys common code throws and renders: the request and error filter (`request.*`, `server.error`),
 * the guard (`auth.required|forbidden|roleForbidden|guardianRequired|mustChangePassword`), the validation pipe (`field.*`,
 * one per class-validator constraint it maps) and CSV decoding (`import.notCsv`). Imported by the
 * error filter, so they register with the app.
 */
export const commonMessages = defineMessages({
  'request.invalid': { zh: '请求参数有误', en: 'The request is invalid' },
  'request.malformedJson': { zh: '请求内容不是合法的 JSON', en: 'The request body is not valid JSON' },
  'import.notCsv': { zh: '请上传 CSV 文件（UTF-8 或 GBK 编码）', en: 'Please upload a CSV file (UTF-8 or GBK)' },
  'request.tooLarge': { zh: '请求内容过大', en: 'The request body is too large' },
  'request.jsonOnly': {
    zh: '请求内容必须是 JSON（上传文件时为 multipart）',
    en: 'The request body must be JSON (multipart when uploading a file)',
  },
  'request.tooDeep': {
    zh: '请求内容嵌套层级过深（最多 {n} 层）',
    en: 'The request body is nested too deeply (at most {n} levels)',
  },
  'request.notFound': { zh: '请求的地址不存在', en: 'No such endpoint' },
  'request.conflict': {
    zh: '数据已被修改或已存在，请刷新后重试',
    en: 'The data changed or already exists; reload and try again',
  },
  'server.error': { zh: '服务器出错了，请稍后再试', en: 'Something went wrong on the server; please try again later' },
  'auth.required': { zh: '请先登录', en: 'Please sign in first' },
  'auth.forbidden': { zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  'auth.roleForbidden': { zh: '您的角色无权执行此操作', en: 'Your role is not allowed to do this' },
  'auth.mustChangePassword': {
    zh: '您正在使用初始密码，请先修改密码再继续',
    en: 'You are using an initial password; change it before you continue',
  },
  'auth.guardianRequired': {
    zh: '未满 14 周岁的学生需先由家长完成监护绑定，才能使用此功能',
    en: 'Students under 14 need a linked guardian before they can use this',
  },
  'field.isString': { zh: '{field} 必须是文字', en: '{field} must be text' },
  'field.isNotEmpty': { zh: '{field} 不能为空', en: '{field} must not be empty' },
  'field.isDefined': { zh: '缺少 {field}', en: '{field} is required' },
  'field.maxLength': { zh: '{field} 不能超过 {n} 个字符', en: '{field} must be at most {n} characters' },
  'field.minLength': { zh: '{field} 至少需要 {n} 个字符', en: '{field} must be at least {n} characters' },
  'field.isInt': { zh: '{field} 必须是整数', en: '{field} must be a whole number' },
  'field.isNumber': { zh: '{field} 必须是数字', en: '{field} must be a number' },
  'field.min': { zh: '{field} 不能小于 {n}', en: '{field} must not be less than {n}' },
  'field.max': { zh: '{field} 不能大于 {n}', en: '{field} must not be greater than {n}' },
  'field.isIn': { zh: '{field} 的取值不在允许范围内', en: '{field} has a value that is not allowed' },
  'field.isEnum': { zh: '{field} 的取值不在允许范围内', en: '{field} has a value that is not allowed' },
  'field.isUuid': { zh: '{field} 不是有效的编号', en: '{field} is not a valid id' },
  'field.isBoolean': { zh: '{field} 必须是是/否', en: '{field} must be true or false' },
  'field.isArray': { zh: '{field} 必须是列表', en: '{field} must be a list' },
  'field.arrayMaxSize': { zh: '{field} 最多 {n} 项', en: '{field} may hold at most {n} items' },
  'field.arrayMinSize': { zh: '{field} 至少 {n} 项', en: '{field} must hold at least {n} items' },
  'field.matches': { zh: '{field} 格式不正确', en: '{field} has the wrong format' },
  'field.isDateString': { zh: '{field} 不是有效的日期', en: '{field} is not a valid date' },
  'field.isDate': { zh: '{field} 不是有效的日期', en: '{field} is not a valid date' },
  'field.unknown': { zh: '不允许的字段 {field}', en: 'Unknown field {field}' },
  'field.isObject': { zh: '{field} 格式不正确', en: '{field} has the wrong format' },
  'field.invalid': { zh: '{field} 不正确', en: '{field} is invalid' },
});

type Keys = { [K in keyof typeof commonMessages]: true };
declare module './i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
