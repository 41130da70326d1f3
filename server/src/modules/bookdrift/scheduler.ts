/**
 * Rotation schedules for drift campaigns. Pure functions, no I/O.
 *
 * Each participating school contributes one batch (identified by its home school). A leg says
 * "in round r, batch b travels to school `to`" (`from` is where the batch was before).
 *
 * The proposed plan is the cyclic round-robin (a Latin square): in round r the batch of the
 * i-th school goes to school (i + r) mod n. With n − 1 rounds every batch visits every other
 * school exactly once and every school receives exactly one batch per round, for any n ≥ 2
 * (odd or even: no bye is needed, which the pairing "circle method" would need for odd n).
 * Each hop goes to the next school on a fixed ring, so a batch is passed on rather than sent
 * back home between rounds; it returns home after the last round.
 */
export interface Leg {
  round: number;
  /** the batch, named by its home school */
  batch: string;
  from: string;
  to: string;
}

export function planRotation(schools: string[], rounds: number): Leg[] {
  const n = schools.length;
  if (new Set(schools).size !== n) throw new Error('duplicate school');
  const legs: Leg[] = [];
  const last = Math.min(rounds, n - 1);
  for (let r = 1; r <= last; r++)
    for (let i = 0; i < n; i++)
      legs.push({ round: r, batch: schools[i], from: schools[(i + r - 1) % n], to: schools[(i + r) % n] });
  return legs;
}

/** Recomputes every leg's `from` from the batch's previous leg (or its home). Sorted by round. */
export function relink(legs: Leg[]): Leg[] {
  const sorted = [...legs].sort((a, b) => a.round - b.round || a.batch.localeCompare(b.batch));
  const at = new Map<string, string>();
  return sorted.map((l) => {
    const from = at.get(l.batch) ?? l.batch;
    at.set(l.batch, l.to);
    return { ...l, from };
  });
}

export interface ScheduleProblem {
  round: number;
  kind: 'two_batches_to_school' | 'batch_moves_twice' | 'batch_visits_home' | 'batch_revisits_school';
  school?: string;
  batch?: string;
}

/** Checks the rules a schedule (proposed or adjusted by an admin) must keep. */
export function checkSchedule(legs: Leg[]): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const receivers = new Set<string>();
  const movers = new Set<string>();
  const visited = new Set<string>();
  for (const l of [...legs].sort((a, b) => a.round - b.round)) {
    if (receivers.has(`${l.round}|${l.to}`)) problems.push({ round: l.round, kind: 'two_batches_to_school', school: l.to });
    if (movers.has(`${l.round}|${l.batch}`)) problems.push({ round: l.round, kind: 'batch_moves_twice', batch: l.batch });
    if (l.to === l.batch) problems.push({ round: l.round, kind: 'batch_visits_home', batch: l.batch });
    if (visited.has(`${l.batch}|${l.to}`))
      problems.push({ round: l.round, kind: 'batch_revisits_school', batch: l.batch, school: l.to });
    receivers.add(`${l.round}|${l.to}`);
    movers.add(`${l.round}|${l.batch}`);
    visited.add(`${l.batch}|${l.to}`);
  }
  return problems;
}

/**
 * Places the wanted visits (batch → school) into the earliest rounds ≥ `fromRound` where the
 * school receives nothing and the batch does not move, adding rounds at the end when needed.
 * Existing legs are never moved, so no other school's schedule changes.
 */
export function placeVisits(legs: Leg[], wanted: { batch: string; to: string }[], fromRound: number): Leg[] {
  const receiving = new Set(legs.map((l) => `${l.round}|${l.to}`));
  const moving = new Set(legs.map((l) => `${l.round}|${l.batch}`));
  const added: Leg[] = [];
  for (const w of wanted) {
    let r = fromRound;
    while (receiving.has(`${r}|${w.to}`) || moving.has(`${r}|${w.batch}`)) r++;
    receiving.add(`${r}|${w.to}`);
    moving.add(`${r}|${w.batch}`);
    added.push({ round: r, batch: w.batch, from: '', to: w.to });
  }
  return relink([...legs, ...added]);
}

/**
 * A school leaves from round `fromRound` on: its own batch stops travelling (it goes home) and
 * visits to it are dropped; every other school still receives the same batches in the same
 * rounds (a batch that would have visited the leaving school stays a round where it is).
 */
export function withoutSchool(legs: Leg[], leaving: string, fromRound: number): Leg[] {
  return relink(legs.filter((l) => l.round < fromRound || (l.batch !== leaving && l.to !== leaving)));
}

/**
 * A school joins late, from round `fromRound`: its batch must visit every other school and every
 * other batch must visit it. Free slots are used first, then rounds are added at the end;
 * the legs already planned stay as they are.
 */
export function withLateSchool(legs: Leg[], schools: string[], joining: string, fromRound: number): Leg[] {
  const others = schools.filter((s) => s !== joining);
  const wanted: { batch: string; to: string }[] = [];
  for (let i = 0; i < others.length; i++) {
    wanted.push({ batch: others[i], to: joining });
    wanted.push({ batch: joining, to: others[(i + 1) % others.length] });
  }
  return placeVisits(legs, wanted, fromRound);
}

export function lastRound(legs: Leg[]): number {
  return legs.reduce((m, l) => Math.max(m, l.round), 0);
}
