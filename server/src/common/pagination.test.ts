import { AppError } from './errors.js';
import { decodeCursor, encodeCursor, type CursorPart } from './pagination.js';

const refused = (values: unknown, parts: CursorPart[]) => {
  try {
    decodeCursor(Buffer.from(JSON.stringify(values)).toString('base64url'), parts);
    return false;
  } catch (err) {
    return err instanceof AppError && err.fields[0]?.field === 'cursor';
  }
};

describe('keyset cursors', () => {
  it('reads back every cursor the API writes', () => {
    for (const [values, parts] of [
      [['teacher.li'], ['text']],
      [
        ['2026-03-01 08:30:00.123456+08', '3f2b8c1e-6a4d-4e8f-9b7a-1c2d3e4f5a6b'],
        ['timestamp', 'uuid'],
      ],
      [
        ['2026-03-01T00:30:00Z', '3f2b8c1e-6a4d-4e8f-9b7a-1c2d3e4f5a6b'],
        ['timestamp', 'uuid'],
      ],
      [
        ['小王子', '3f2b8c1e-6a4d-4e8f-9b7a-1c2d3e4f5a6b'],
        ['text', 'uuid'],
      ],
      [
        ['search', 30],
        ['text', 'offset'],
      ],
    ] as [(string | number)[], CursorPart[]][])
      expect(decodeCursor(encodeCursor(values), parts)).toEqual(values);
    expect(decodeCursor(undefined, ['text'])).toBeNull();
  });

  it('refuses values of the wrong shape before they reach SQL', () => {
    const id = '3f2b8c1e-6a4d-4e8f-9b7a-1c2d3e4f5a6b';
    expect(refused(['2016-02-30 00:00:00+00', id], ['timestamp', 'uuid'])).toBe(true);
    expect(refused(['2016-01-01 24:00:00+00', id], ['timestamp', 'uuid'])).toBe(true);
    expect(refused(['2016-01-01 00:00:00+00', 'x'], ['timestamp', 'uuid'])).toBe(true);
    expect(refused(['a\u0000b'], ['text'])).toBe(true);
    expect(refused(['search', -1], ['text', 'offset'])).toBe(true);
    expect(refused(['search', 1e300], ['text', 'offset'])).toBe(true);
    expect(refused(['search', id], ['text', 'offset'])).toBe(true);
    expect(refused(['a', 'b'], ['text'])).toBe(true);
  });
});
