/**
 * What a reading note shows of its author: the given name only. For a Chinese name the
 * surname is the first character, or the first two for the common compound surnames below
 * (欧阳, 司马, …); a name of one or two characters after that rule keeps its last character.
 * Names in Latin letters show the first word. Simple on purpose: it never shows more than the
 * full name minus the surname, and never the account.
 */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '南宫',
  '独孤',
  '澹台',
  '公冶',
  '申屠',
  '轩辕',
  '钟离',
  '闾丘',
  '太史',
  '西门',
];

export function givenName(fullName: string): string {
  const name = String(fullName ?? '').trim();
  if (!name) return '';
  if (/^[\p{Script=Han}·]+$/u.test(name)) {
    const chars = [...name];
    if (chars.length <= 1) return name;
    const compound = COMPOUND_SURNAMES.some((s) => name.startsWith(s)) && chars.length > 2;
    return chars.slice(compound ? 2 : 1).join('');
  }
  return name.split(/\s+/)[0];
}
