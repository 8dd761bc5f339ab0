/**
 * TaskIP's point in time: `date` (`15-Jan-2024`) plus `time` (`09:30AM`), wall-clock time in
 * the account's zone (UTC unless configured). Pure: the zone's offset is a parameter.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The instant of `date` + `time` in a zone `offsetMinutes` east of UTC (0 = UTC), or null
 * when the text is not a real date and time (e.g. `31-Feb-2024`, `13:00PM`).
 */
export function parseTaskipDateTime(date: string, time: string, offsetMinutes: number): Date | null {
  const d = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})\s?([AaPp])[Mm]$/.exec(time.trim());
  if (!d || !t) return null;
  const day = Number(d[1]);
  const month = MONTHS.indexOf((d[2] ?? '').toLowerCase());
  const year = Number(d[3]);
  const hour12 = Number(t[1]);
  const minute = Number(t[2]);
  if (month < 0 || hour12 < 1 || hour12 > 12 || minute > 59) return null;
  // 12:xxAM is just after midnight, 12:xxPM just after noon.
  const hour = (hour12 % 12) + ((t[3] ?? '').toLowerCase() === 'p' ? 12 : 0);
  const wall = Date.UTC(year, month, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day) return null;
  return new Date(wall - offsetMinutes * 60_000);
}
