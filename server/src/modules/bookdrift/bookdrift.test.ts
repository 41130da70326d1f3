import { newDriftCode, normaliseDriftCode, formatDriftCode, DRIFT_ALPHABET } from './drift-code.js';
import { givenName } from './given-name.js';
import { normaliseIsbn } from './isbn.js';
import { checkSchedule, lastRound, planRotation, withLateSchool, withoutSchool, type Leg } from './scheduler.js';

describe('ISBN', () => {
  it('accepts real ISBN-13s with hyphens or spaces', () => {
    // 红楼梦 (人民文学出版社), 青草国的鹅 (福建少年儿童出版社 2022), 熊猫小弟传奇 (海豚出版社 2012)
    expect(normaliseIsbn('978-7-02-000220-7')).toBe('9787020002207');
    expect(normaliseIsbn('978 7 5395 7681 7')).toBe('9787539576817');
    expect(normaliseIsbn('ISBN 978-7-5110-0554-0')).toBe('9787511005540');
  });
  it('turns real ISBN-10s (also with X) into ISBN-13', () => {
    expect(normaliseIsbn('7-02-000220-X')).toBe('9787020002207'); // 红楼梦, the same edition
    expect(normaliseIsbn('7-02-000220-x')).toBe('9787020002207');
    expect(normaliseIsbn('0-306-40615-2')).toBe('9780306406157');
    expect(normaliseIsbn('7-02-000220-9')).toBeNull(); // wrong check digit
  });
  it('refuses wrong check digits, lengths and prefixes', () => {
    expect(normaliseIsbn('978-7-02-000220-8')).toBeNull();
    expect(normaliseIsbn('0-306-40615-3')).toBeNull();
    expect(normaliseIsbn('12345')).toBeNull();
    expect(normaliseIsbn('977-7-02-000220-7')).toBeNull();
    expect(normaliseIsbn('')).toBeNull();
  });
});

describe('drift codes', () => {
  it('are 8 characters of the unambiguous alphabet and validate their own check character', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = newDriftCode();
      expect(c).toMatch(new RegExp(`^[${DRIFT_ALPHABET}]{8}$`));
      expect(normaliseDriftCode(c)).toBe(c);
      expect(normaliseDriftCode(formatDriftCode(c).toLowerCase())).toBe(c);
      seen.add(c);
    }
    expect(seen.size).toBe(2000);
  });
  it('catches every single-character typo and every neighbour swap', () => {
    const c = newDriftCode();
    for (let i = 0; i < 8; i++)
      for (const ch of DRIFT_ALPHABET) {
        if (ch === c[i]) continue;
        expect(normaliseDriftCode(c.slice(0, i) + ch + c.slice(i + 1))).toBeNull();
      }
    for (let i = 0; i < 7; i++) {
      if (c[i] === c[i + 1]) continue;
      expect(normaliseDriftCode(c.slice(0, i) + c[i + 1] + c[i] + c.slice(i + 2))).toBeNull();
    }
  });
  it('reads the code out of a scanned copy URL and refuses look-alike characters', () => {
    const c = newDriftCode();
    expect(normaliseDriftCode(`https://mumian.example/drift/${c}`)).toBe(c);
    expect(normaliseDriftCode('O1IL2345')).toBeNull();
  });
});

describe('given names on reading notes', () => {
  it('drops the surname, also compound ones', () => {
    expect(givenName('陈小雨')).toBe('小雨');
    expect(givenName('王芳')).toBe('芳');
    expect(givenName('欧阳娜娜')).toBe('娜娜');
    expect(givenName('司马光')).toBe('光');
    expect(givenName('Lily Chen')).toBe('Lily');
  });
});

function visits(legs: Leg[]) {
  return legs.map((l) => `${l.batch}>${l.to}`);
}

describe('rotation scheduler', () => {
  it('for 2 to 30 schools: every batch visits every other school exactly once, one batch per school per round', () => {
    for (let n = 2; n <= 30; n++) {
      const schools = Array.from({ length: n }, (_, i) => `s${i}`);
      const legs = planRotation(schools, n - 1);
      expect(checkSchedule(legs)).toEqual([]);
      expect(lastRound(legs)).toBe(n - 1);
      for (const b of schools) {
        const to = legs.filter((l) => l.batch === b).map((l) => l.to);
        expect(to.sort()).toEqual(schools.filter((s) => s !== b).sort());
      }
      for (let r = 1; r < n; r++) {
        const receivers = legs.filter((l) => l.round === r).map((l) => l.to);
        expect(new Set(receivers).size).toBe(receivers.length);
      }
      // legs chain: each leg starts where the batch was
      for (const b of schools) {
        const mine = legs.filter((l) => l.batch === b).sort((x, y) => x.round - y.round);
        mine.forEach((l, i) => expect(l.from).toBe(i === 0 ? b : mine[i - 1].to));
      }
    }
  });

  it('with fewer rounds than needed plans what fits and never breaks the rules', () => {
    const schools = ['a', 'b', 'c', 'd', 'e', 'f'];
    const legs = planRotation(schools, 3);
    expect(lastRound(legs)).toBe(3);
    expect(checkSchedule(legs)).toEqual([]);
  });

  it('finds an admin adjustment that sends two batches to one school', () => {
    const legs = planRotation(['a', 'b', 'c'], 2);
    legs[0] = { ...legs[0], to: legs[1].to };
    expect(checkSchedule(legs).map((p) => p.kind)).toContain('two_batches_to_school');
  });

  it('a school leaving keeps everyone else receiving the same batches in the same rounds', () => {
    const schools = ['a', 'b', 'c', 'd', 'e'];
    const legs = planRotation(schools, 4);
    const after = withoutSchool(legs, 'c', 3);
    expect(checkSchedule(after)).toEqual([]);
    for (const l of legs.filter((x) => x.to !== 'c' && x.batch !== 'c'))
      expect(after.find((y) => y.round === l.round && y.batch === l.batch)?.to).toBe(l.to);
    expect(after.filter((l) => l.round >= 3 && (l.to === 'c' || l.batch === 'c'))).toEqual([]);
  });

  it('a school joining late gets every batch and sends its batch everywhere, others unchanged', () => {
    const schools = ['a', 'b', 'c', 'd'];
    const legs = planRotation(schools, 3);
    const after = withLateSchool(legs, [...schools, 'x'], 'x', 2);
    expect(checkSchedule(after)).toEqual([]);
    const v = visits(after);
    for (const s of schools) {
      expect(v).toContain(`${s}>x`);
      expect(v).toContain(`x>${s}`);
    }
    for (const l of legs) expect(after.find((y) => y.round === l.round && y.batch === l.batch)?.to).toBe(l.to);
  });
});
