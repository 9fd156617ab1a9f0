// SQL for 工作记录 (issue 15): visits, meetings, leader links and holidays. Records are withdrawn, never
// deleted; links and holidays replaced are kept with when they stopped standing; "as of" reads see what stood
// at that moment.
import type { Holiday, LeaderLink, Meeting, Visit } from '@tuanjian/shared';
import type { Db, Read } from './db';

interface VisitRow {
  id: string;
  visited_on: string;
  visitors_json: string;
  organizations_json: string;
  unit_codes_json: string;
  notes: string;
  recorded_by: string;
  recorded_at: string;
}

interface MeetingRow {
  id: string;
  held_on: string;
  attending_units_json: string;
  topics: string;
  decisions: string;
  recorded_by: string;
  recorded_at: string;
}

interface LeaderRow {
  leader: string;
  title: string;
  unit_codes_json: string;
  centre: number;
}

function strings(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

function toVisit(row: VisitRow): Visit {
  return {
    id: row.id,
    visitedOn: row.visited_on,
    visitors: strings(row.visitors_json),
    organizations: strings(row.organizations_json),
    unitCodes: strings(row.unit_codes_json),
    notes: row.notes,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    heldOn: row.held_on,
    attendingUnits: strings(row.attending_units_json),
    topics: row.topics,
    decisions: row.decisions,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

function toLink(row: LeaderRow): LeaderLink {
  return {
    leader: row.leader,
    title: row.title,
    unitCodes: strings(row.unit_codes_json),
    centre: row.centre === 1,
  };
}

/** Standing at `at` (an ISO instant; null: now): recorded by then and not withdrawn by then. */
const STANDING = `recorded_at <= ?3 AND (withdrawn_at IS NULL OR withdrawn_at > ?3)`;
const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

/** A year's visits standing at `at`, by day. */
export function visitsRead(db: Db, year: number, at: string | null = null): Read<Visit[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT * FROM work_visits WHERE visited_on BETWEEN ?1 AND ?2 AND ${STANDING} ORDER BY visited_on, recorded_at, id`,
        )
        .bind(`${year}-01-01`, `${year}-12-31`, at ?? FAR_FUTURE),
    ],
    map: ([rows]) => (rows as unknown as VisitRow[]).map(toVisit),
  };
}

/** A year's meetings standing at `at`, by day. */
export function meetingsRead(db: Db, year: number, at: string | null = null): Read<Meeting[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT * FROM work_meetings WHERE held_on BETWEEN ?1 AND ?2 AND ${STANDING} ORDER BY held_on, recorded_at, id`,
        )
        .bind(`${year}-01-01`, `${year}-12-31`, at ?? FAR_FUTURE),
    ],
    map: ([rows]) => (rows as unknown as MeetingRow[]).map(toMeeting),
  };
}

/** Links and holidays standing at ?2 (an ISO instant, FAR_FUTURE for now): set by then, not yet replaced then. */
const SET_STANDING = 'set_at <= ?2 AND (replaced_at IS NULL OR replaced_at > ?2)';

/** A year's leader links, as they stand now or stood at `at`. */
export function leaderLinksRead(db: Db, year: number, at: string | null = null): Read<LeaderLink[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT leader, title, unit_codes_json, centre FROM leader_links WHERE year = ?1 AND ${SET_STANDING}
           ORDER BY position`,
        )
        .bind(year, at ?? FAR_FUTURE),
    ],
    map: ([rows]) => (rows as unknown as LeaderRow[]).map(toLink),
  };
}

/** Holidays of a year (the cadence looks at no other), as they stand now or stood at `at`. */
export function holidaysRead(db: Db, year: number, at: string | null = null): Read<Holiday[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT date, name FROM holidays WHERE substr(date, 1, 4) = ?1 AND ${SET_STANDING} ORDER BY date`,
        )
        .bind(String(year), at ?? FAR_FUTURE),
    ],
    map: ([rows]) => rows as unknown as Holiday[],
  };
}

export function insertVisitsStatement(db: Db, visits: readonly Visit[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO work_visits (id, visited_on, visitors_json, organizations_json, unit_codes_json, notes,
         recorded_by, recorded_at)
       SELECT value->>'id', value->>'visitedOn', json(value->'visitors'), json(value->'organizations'),
         json(value->'unitCodes'), value->>'notes', value->>'recordedBy', value->>'recordedAt'
       FROM json_each(?1) WHERE true ON CONFLICT (id) DO NOTHING`,
    )
    .bind(JSON.stringify(visits));
}

export function insertMeetingsStatement(db: Db, meetings: readonly Meeting[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO work_meetings (id, held_on, attending_units_json, topics, decisions, recorded_by, recorded_at)
       SELECT value->>'id', value->>'heldOn', json(value->'attendingUnits'), value->>'topics', value->>'decisions',
         value->>'recordedBy', value->>'recordedAt'
       FROM json_each(?1) WHERE true ON CONFLICT (id) DO NOTHING`,
    )
    .bind(JSON.stringify(meetings));
}

/** Ids among `ids` already in `table` (withdrawn or not): a retried request records nothing twice. */
export async function existingIds(
  db: Db,
  table: 'work_visits' | 'work_meetings',
  ids: readonly string[],
): Promise<Set<string>> {
  const { results } = await db
    .prepare(`SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .all<{ id: string }>();
  return new Set(results.map((row) => row.id));
}

/** The record with `id` if it stands now, else null. */
export async function standingRecord(
  db: Db,
  table: 'work_visits' | 'work_meetings',
  id: string,
): Promise<{ id: string } | null> {
  return db
    .prepare(`SELECT id FROM ${table} WHERE id = ?1 AND withdrawn_at IS NULL`)
    .bind(id)
    .first<{ id: string }>();
}

export function withdrawStatement(
  db: Db,
  table: 'work_visits' | 'work_meetings',
  id: string,
  at: string,
  by: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE ${table} SET withdrawn_at = ?2, withdrawn_by = ?3 WHERE id = ?1 AND withdrawn_at IS NULL`,
    )
    .bind(id, at, by);
}

/** A year's links replaced as a whole at `at`: the standing ones end then (kept), the new ones start. */
export function replaceLeaderLinksStatements(
  db: Db,
  year: number,
  links: readonly LeaderLink[],
  at: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare('UPDATE leader_links SET replaced_at = ?2 WHERE year = ?1 AND replaced_at IS NULL')
      .bind(year, at),
    db
      .prepare(
        `INSERT INTO leader_links (year, position, leader, title, unit_codes_json, centre, set_at)
         SELECT ?1, key, value->>'leader', value->>'title', json(value->'unitCodes'), value->>'centre', ?3
         FROM json_each(?2)`,
      )
      .bind(year, JSON.stringify(links.map((link) => ({ ...link, centre: link.centre ? 1 : 0 }))), at),
  ];
}

/** A year's holiday list replaced as a whole at `at`: the standing days end then (kept), the new ones start. */
export function replaceHolidaysStatements(
  db: Db,
  year: number,
  holidays: readonly Holiday[],
  at: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare('UPDATE holidays SET replaced_at = ?2 WHERE substr(date, 1, 4) = ?1 AND replaced_at IS NULL')
      .bind(String(year), at),
    db
      .prepare(
        `INSERT INTO holidays (date, name, set_at) SELECT value->>'date', value->>'name', ?2 FROM json_each(?1)`,
      )
      .bind(JSON.stringify(holidays), at),
  ];
}
