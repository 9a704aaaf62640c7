import { In, type EntityManager } from 'typeorm';
import { hashPin, newPin, seal, unseal } from '../auth/secrets';
import type { ContestFile } from '../contracts/contest-file';
import type { Problem } from '../contracts/errors';
import { AuthToken, Contest, ContestEvent, Contestant, Entry, FeedState, Judge } from '../database/entities';
import { hundredthsToNumber } from '../domain/scoring/decimal';
import { schemeFromEventFile } from '../domain/scoring/scheme';
import type { ContestChange, EditState } from './contest-diff';
import type { ContestSnapshot } from './contest-snapshot';

const CHUNK = 400;

export function editState(s: ContestSnapshot): EditState {
  const keyOfEvent = new Map(s.events.map((e) => [e.id, e.key]));
  const keyOfJudge = new Map(s.judges.map((j) => [j.id, j.key]));
  const judgesWithMarks = new Set<string>();
  for (const list of s.marks.values()) for (const m of list) judgesWithMarks.add(keyOfJudge.get(m.judgeId) ?? '');
  const bibsMarked = new Set<string>();
  for (const [eventId, entries] of s.entries) if (s.marked.has(eventId)) for (const x of entries) bibsMarked.add(x.bib);
  const bibsFinal = new Map<string, string[]>();
  for (const ev of s.events) {
    if (!ev.final) continue;
    for (const x of s.entries.get(ev.id) ?? []) bibsFinal.set(x.bib, [...(bibsFinal.get(x.bib) ?? []), ev.key]);
  }
  return {
    marked: new Set([...s.marked].map((id) => keyOfEvent.get(id)!)),
    final: new Set(s.events.filter((e) => e.final).map((e) => e.key)),
    judgesWithMarks,
    bibsMarked,
    bibsFinal,
  };
}

/**
 * Marks already stored must still be valid marks of the edited criteria: a max below a stored
 * mark, or a step it is not a multiple of, would leave sheets no judge could have submitted.
 */
export function storedMarkProblems(s: ContestSnapshot, next: ContestFile): Problem[] {
  const problems: Problem[] = [];
  next.events.forEach((ev, e) => {
    const stored = s.events.find((x) => x.key === ev.key);
    if (!stored || !s.marked.has(stored.id)) return;
    const scheme = schemeFromEventFile(ev);
    const entries = s.entries.get(stored.id) ?? [];
    scheme.criteria.forEach((c, i) => {
      let highest: { value: number; station: string } | null = null;
      let offStep: { value: number; station: string } | null = null;
      for (const x of entries) {
        for (const m of s.marks.get(x.entry.id) ?? []) {
          const v = m.scores[c.key];
          if (v === undefined) continue;
          if (v > c.max && (!highest || v > highest.value)) highest = { value: v, station: x.entry.station };
          if (v % c.step !== 0 && !offStep) offStep = { value: v, station: x.entry.station };
        }
      }
      const at = `events[${e}].criteria[${i}]`;
      if (highest) problems.push({ path: `${at}.max`, message: `a stored mark is ${hundredthsToNumber(highest.value)} (station ${highest.station}); max must be at least that` });
      if (offStep) problems.push({ path: `${at}.step`, message: `a stored mark ${hundredthsToNumber(offStep.value)} (station ${offStep.station}) is not a multiple of ${hundredthsToNumber(c.step)}` });
    });
  });
  return problems;
}

export interface JudgePlan {
  key: string;
  name: string;
  /** the PIN after the edit, when known */
  pin: string | null;
  /** a new judge, or a judge whose PIN is set anew: the hash and the sealed PIN are written */
  write: boolean;
  id: number | null;
}

/**
 * Each judge's PIN after the edit: the one written in the file, the one already stored when the
 * file leaves it out, or a new one for a new judge. No two judges of a contest may share a PIN.
 */
export function planJudges(s: ContestSnapshot, next: ContestFile, key: Buffer): { plan: JudgePlan[]; problems: Problem[] } {
  const stored = new Map(s.judges.map((j) => [j.key, j]));
  const known = new Map(s.judges.map((j) => [j.key, unseal(j.pinSealed, key)]));
  const plan: JudgePlan[] = next.judges.map((j) => {
    const old = stored.get(j.key);
    if (!old) return { key: j.key, name: j.name, pin: j.pin ?? null, write: true, id: null };
    const changed = j.pin !== undefined && j.pin !== known.get(j.key);
    return { key: j.key, name: j.name, pin: changed ? j.pin! : (known.get(j.key) ?? null), write: changed, id: old.id };
  });
  const taken = new Set(plan.map((p) => p.pin).filter((p): p is string => p !== null));
  for (const p of plan) {
    if (p.pin === null && p.write) {
      p.pin = newPin(taken);
      taken.add(p.pin);
    }
  }
  // a PIN the server can no longer read is compared by its hash
  const problems: Problem[] = [];
  const keptHashes = new Map(plan.filter((p) => !p.write && p.id !== null).map((p) => [stored.get(p.key)!.pinHash, p.key]));
  plan.forEach((p, i) => {
    if (!p.write) return;
    const owner = keptHashes.get(hashPin(p.pin!, s.contest.pinSalt));
    if (owner !== undefined && owner !== p.key) {
      if (next.judges[i].pin === undefined) {
        p.pin = newPin(taken);
        taken.add(p.pin);
      } else problems.push({ path: `judges[${i}].pin`, message: `same PIN as judge "${owner}"; each judge needs their own` });
    }
  });
  return { plan, problems };
}

async function insertChunks<T extends object>(repo: { insert: (rows: T[]) => Promise<unknown> }, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await repo.insert(rows.slice(i, i + CHUNK));
}

/**
 * Writes the edited file over the stored contest. Marks, sheet versions and deductions are never
 * deleted: an entry or event that is removed leaves them in place, and its audit record keeps
 * what it was.
 */
export async function applyEdit(em: EntityManager, s: ContestSnapshot, next: ContestFile, plan: JudgePlan[], changes: readonly ContestChange[], key: Buffer): Promise<number[]> {
  const contestId = s.contest.id;
  await em.getRepository(Contest).update({ id: contestId }, { title: next.title, venue: next.venue, locale: next.locale, teams: next.teams ?? null });

  const judges = em.getRepository(Judge);
  const keep = new Set(next.judges.map((j) => j.key));
  const gone = s.judges.filter((j) => !keep.has(j.key));
  if (gone.length) {
    await em.getRepository(AuthToken).delete({ judgeId: In(gone.map((j) => j.id)) });
    await judges.delete({ id: In(gone.map((j) => j.id)) });
  }
  const renewed = plan.filter((p) => p.write && p.id !== null);
  // PIN hashes are unique per contest: clear the renewed ones first, so two judges can swap PINs
  for (const p of renewed) await judges.update({ id: p.id! }, { pinHash: `~${p.id}` });
  for (const p of plan) {
    if (p.id === null) continue;
    const patch: Partial<Judge> = { name: p.name };
    if (p.write) Object.assign(patch, { pinHash: hashPin(p.pin!, s.contest.pinSalt), pinSealed: seal(p.pin!, key) });
    await judges.update({ id: p.id }, patch);
  }
  // a new PIN ends the judge's sessions: the old card may be in the wrong hands
  if (renewed.length) await em.getRepository(AuthToken).delete({ judgeId: In(renewed.map((p) => p.id!)) });
  await insertChunks(
    judges,
    plan.filter((p) => p.id === null).map((p) => ({ contestId, key: p.key, name: p.name, pinHash: hashPin(p.pin!, s.contest.pinSalt), pinSealed: seal(p.pin!, key) })),
  );

  const people = em.getRepository(Contestant);
  const storedPeople = new Map(s.contestants.map((c) => [c.bib, c]));
  const fresh: { contestId: number; bib: string; name: string; organization: string }[] = [];
  for (const c of next.contestants) {
    const o = storedPeople.get(c.bib);
    if (!o) fresh.push({ contestId, ...c });
    else if (o.name !== c.name || o.organization !== c.organization) await people.update({ id: o.id }, { name: c.name, organization: c.organization });
  }
  await insertChunks(people, fresh);
  const idOfBib = new Map((await people.findBy({ contestId })).map((c) => [c.bib, c.id]));

  const events = em.getRepository(ContestEvent);
  const entries = em.getRepository(Entry);
  const nextKeys = new Set(next.events.map((e) => e.key));
  for (const ev of s.events.filter((e) => !nextKeys.has(e.key))) {
    await entries.delete({ eventId: ev.id });
    await em.getRepository(FeedState).delete({ eventId: ev.id });
    await events.delete({ id: ev.id });
  }
  const changedEvents = new Set(changes.filter((c) => c.event).map((c) => c.event!));
  const touched: number[] = [];
  for (const [position, ev] of next.events.entries()) {
    const { entries: wanted, ...scheme } = ev;
    const stored = s.events.find((e) => e.key === ev.key);
    let eventId: number;
    if (!stored) {
      eventId = (await events.save({ contestId, key: ev.key, name: ev.name, position, scheme, final: false, frozen: false, revision: 0 })).id;
    } else {
      eventId = stored.id;
      await events.update({ id: eventId }, { name: ev.name, position, scheme });
      const have = s.entries.get(eventId) ?? [];
      const wantedStation = new Map(wanted.map((x) => [x.bib, x.station]));
      const removed = have.filter((x) => !wantedStation.has(x.bib));
      if (removed.length) await entries.delete({ id: In(removed.map((x) => x.entry.id)) });
      // stations are unique per event: free the moved ones before giving them their new stations
      const moved = have.filter((x) => wantedStation.has(x.bib) && wantedStation.get(x.bib) !== x.entry.station);
      for (const x of moved) await entries.update({ id: x.entry.id }, { station: `~${x.entry.id}` });
      for (const x of moved) await entries.update({ id: x.entry.id }, { station: wantedStation.get(x.bib)! });
    }
    const present = new Set((s.entries.get(eventId) ?? []).map((x) => x.bib));
    await insertChunks(
      entries,
      wanted.filter((x) => !present.has(x.bib)).map((x) => ({ eventId, contestantId: idOfBib.get(x.bib)!, station: x.station, status: 'competing' as const, statusReason: null })),
    );
    if (stored && changedEvents.has(ev.key)) await events.increment({ id: eventId }, 'revision', 1);
    if (!stored || changedEvents.has(ev.key)) touched.push(eventId);
  }

  const nextBibs = new Set(next.contestants.map((c) => c.bib));
  const leaving = s.contestants.filter((c) => !nextBibs.has(c.bib));
  if (leaving.length) await people.delete({ id: In(leaving.map((c) => c.id)) });

  // a new name or organization shows in every event's results
  if (changes.some((c) => c.what.startsWith('contestant ') && c.kind === 'changed')) {
    for (const ev of s.events) if (nextKeys.has(ev.key) && !touched.includes(ev.id)) touched.push(ev.id);
  }
  return touched;
}
