// String formats of the fakes as Pydantic v2 parses the types FastAPI maps to them: `uuid` (UUID,
// the uuid crate's parser), `date` and `date-time` (date and datetime, the speedate crate's
// parsers with pydantic-core's lax fallbacks). Each check takes a request value as JSON or a
// query string gives it and returns the error Pydantic reports, or undefined when it accepts it.
// fakes.gen.ts embeds this file before runtime/fakes.ts; like it, it needs only TextEncoder.

/** A format's error as FastAPI's 422 lists it, without loc and input. */
export interface FormatProblem {
  type: string;
  msg: string;
  ctx?: Record<string, unknown>;
}

const HEX = /^[0-9a-fA-F]$/;
const HYPHENATED_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UUID_GROUP_ENDS = [8, 13, 18, 23];
const UUID_GROUP_STARTS = [0, 9, 14, 19, 24];
const UUID_GROUP_LENGTHS = [8, 4, 4, 4, 12];

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Why the uuid crate refuses text (the words Pydantic puts after "Input should be a valid UUID, "), or undefined when it parses. */
function uuidError(text: string): string | undefined {
  const length = utf8(text).length;
  if (length === 0 || length > 45) return "invalid length: found " + length;
  const braced = text.length >= 2 && text.startsWith("{") && text.endsWith("}");
  const urn = text.startsWith("urn:uuid:");
  if (length === 32 && /^[0-9a-fA-F]{32}$/.test(text)) return undefined;
  if (length === 36 && HYPHENATED_UUID.test(text)) return undefined;
  if (length === 38 && braced && HYPHENATED_UUID.test(text.slice(1, -1))) return undefined;
  if (length === 45 && urn && HYPHENATED_UUID.test(text.slice(9))) return undefined;
  // Which text the diagnosis reads, where its positions start, and whether it must have hyphens:
  // the four parseable lengths are read as the hyphenated form they ask for (positions inside the
  // braces or after the prefix); any other length as it is, braces or prefix counted in positions.
  let body = text;
  let offset = 0;
  let hyphenated = true;
  if (length === 38 && braced) body = text.slice(1, -1);
  else if (length === 45 && urn) body = text.slice(9);
  else if (length !== 36) {
    if (braced) [body, offset] = [text.slice(1, -1), 1];
    else if (urn) [body, offset] = [text.slice(9), 9];
    else hyphenated = false;
  }
  const hyphens: number[] = [];
  let index = 0;
  for (const character of body) {
    if (character === "-") hyphens.push(index);
    else if (!HEX.test(character)) return "invalid character: found `" + character + "` at " + (index + offset);
    index += 1;
  }
  if (hyphens.length === 0 && !hyphenated) return "invalid length: found " + length;
  if (hyphens.length !== 4) return "invalid group count: expected 5, found " + (hyphens.length + 1);
  for (let group = 0; group < 4; group += 1) {
    if (hyphens[group] !== UUID_GROUP_ENDS[group]) return groupLength(group, hyphens[group]! - UUID_GROUP_STARTS[group]!);
  }
  return groupLength(4, length - UUID_GROUP_STARTS[4]!);
}

function groupLength(group: number, found: number): string {
  return "invalid group length in group " + group + ": expected " + UUID_GROUP_LENGTHS[group] + ", found " + found;
}

/** A `uuid` value: text the uuid crate parses. */
function checkUuid(value: unknown): FormatProblem | undefined {
  if (typeof value !== "string") return { type: "uuid_type", msg: "UUID input should be a string, bytes or UUID object" };
  const error = uuidError(value);
  return error === undefined ? undefined : { type: "uuid_parsing", msg: "Input should be a valid UUID, " + error, ctx: { error } };
}

// speedate's errors, by the words pydantic-core reports them with.
const TOO_SHORT = "input is too short";
const EXTRA_CHARACTERS = "unexpected extra characters at the end of the input";
const DATE_TOO_SMALL = "dates before 0000 are not supported as unix timestamps";
const DATE_TOO_LARGE = "dates after 9999 are not supported as unix timestamps";
const NOT_EXACT = "Timestamp is not an exact date";
const YEAR_ZERO = "year 0 is out of range";

/** Above this a timestamp counts milliseconds, at or below it seconds (speedate's watershed). */
const MS_WATERSHED = 20_000_000_000;
const UNIX_0000 = -62_167_219_200;
const UNIX_0001 = -62_135_596_800;
const UNIX_9999 = 253_402_300_799;
const SECONDS_PER_DAY = 86_400;

/**
 * A parse: the value's seconds (since the epoch, or into the day for RFC 3339 text) and
 * microseconds for the zero-time test, its year for year 0; or speedate's error, `asDate` when a
 * datetime field reports the error of its date fallback.
 */
type Parsed = { seconds: number; microsecond: number; year: number } | { error: string; asDate?: boolean };

const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 48 && byte <= 57;

function leapYear(year: number): boolean {
  return year % 100 === 0 ? year % 400 === 0 : year % 4 === 0;
}

/** What each byte of YYYY-MM-DD is: a digit of a field, or the "-" separator. */
const DATE_LAYOUT = ["year", "year", "year", "year", "-", "month", "month", "-", "day", "day"];

/** YYYY-MM-DD at the start of bytes (speedate's Date::parse_bytes_partial): the year, or the error. */
function dateAt(bytes: Uint8Array): { year: number; error?: undefined } | { error: string } {
  if (bytes.length < 10) return { error: TOO_SHORT };
  for (const [index, field] of DATE_LAYOUT.entries()) {
    if (field === "-" && bytes[index] !== 45) return { error: "invalid date separator, expected `-`" };
    if (field !== "-" && !isDigit(bytes[index])) return { error: "invalid character in " + field };
  }
  const number = (from: number, to: number) => Number(String.fromCharCode(...bytes.subarray(from, to)));
  const [year, month, day] = [number(0, 4), number(5, 7), number(8, 10)];
  if (month < 1 || month > 12) return { error: "month value is outside expected range of 1-12" };
  const days = month === 2 ? (leapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > days) return { error: "day value is outside expected range" };
  return { year };
}

/** HH:MM[:SS[.ffffff]][Z|±HH[:]MM] from offset 11, then the end (speedate's Time::parse_bytes_offset): seconds into the day, or the error. */
function timeAt(bytes: Uint8Array): { seconds: number; microsecond: number } | { error: string } {
  const at = 11;
  if (bytes.length - at < 5) return { error: TOO_SHORT };
  if (!isDigit(bytes[at]) || !isDigit(bytes[at + 1])) return { error: "invalid character in hour" };
  if (bytes[at + 2] !== 58) return { error: "invalid time separator, expected `:`" };
  if (!isDigit(bytes[at + 3]) || !isDigit(bytes[at + 4])) return { error: "invalid character in minute" };
  const digit = (index: number) => bytes[index]! - 48;
  const hour = digit(at) * 10 + digit(at + 1);
  const minute = digit(at + 3) * 10 + digit(at + 4);
  if (hour > 23) return { error: "hour value is outside expected range of 0-23" };
  if (minute > 59) return { error: "minute value is outside expected range of 0-59" };
  let position = at + 5;
  let second = 0;
  let microsecond = 0;
  if (bytes[position] === 58) {
    if (!isDigit(bytes[position + 1]) || !isDigit(bytes[position + 2])) return { error: "invalid character in second" };
    second = digit(position + 1) * 10 + digit(position + 2);
    if (second > 59) return { error: "second value is outside expected range of 0-59" };
    position += 3;
    if (bytes[position] === 46 || bytes[position] === 44) {
      position += 1;
      let count = 0;
      // Digits past the sixth are read and dropped (pydantic's default: truncate).
      while (isDigit(bytes[position + count])) {
        if (count < 6) microsecond = microsecond * 10 + digit(position + count);
        count += 1;
      }
      if (count === 0) return { error: "second fraction digits missing after `.`" };
      microsecond *= 10 ** Math.max(0, 6 - count);
      position += count;
    }
  }
  const zone = bytes[position];
  if (zone !== undefined) {
    position += 1;
    if (zone !== 90 && zone !== 122) {
      // U+2212 MINUS SIGN, as ISO 8601 allows, is the bytes 226 136 146.
      const minus = zone === 226 && bytes[position] === 136 && bytes[position + 1] === 146;
      if (zone !== 43 && zone !== 45 && !minus) return { error: "invalid timezone sign" };
      if (minus) position += 2;
      if (!isDigit(bytes[position]) || !isDigit(bytes[position + 1])) return { error: "invalid timezone hour" };
      const hours = digit(position) * 10 + digit(position + 1);
      if (bytes[position + 2] === 58) position += 3;
      else if (isDigit(bytes[position + 2])) position += 2;
      else return { error: "invalid timezone minute" };
      if (!isDigit(bytes[position]) || !isDigit(bytes[position + 1])) return { error: "invalid timezone minute" };
      const minutes = digit(position) * 10 + digit(position + 1);
      if (minutes >= 60) return { error: "timezone minute value is outside expected range of 0-59" };
      if (hours * 3600 + minutes * 60 >= SECONDS_PER_DAY) return { error: "timezone offset must be less than 24 hours" };
      position += 2;
    }
  }
  if (bytes.length > position) return { error: EXTRA_CHARACTERS };
  return { seconds: hour * 3600 + minute * 60 + second, microsecond };
}

/** speedate's integer parse: an optional sign and ASCII digits that fit an i64; else the byte it stopped at. */
function integerOf(bytes: Uint8Array): { value: number } | { stop: number | undefined } {
  if (bytes.length === 0) return { stop: undefined };
  const signed = bytes.length > 1 && (bytes[0] === 45 || bytes[0] === 43);
  const limit = signed && bytes[0] === 45 ? "9223372036854775808" : "9223372036854775807";
  // The digits from the first significant one, compared as text: a JavaScript number cannot hold every i64.
  let significant = "";
  for (let index = signed ? 1 : 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    if (!isDigit(byte)) return { stop: byte };
    if (significant !== "" || byte !== 48) significant += String.fromCharCode(byte);
    if (significant.length > limit.length || (significant.length === limit.length && significant > limit)) return { stop: byte };
  }
  const magnitude = Number(significant || "0");
  return { value: signed && bytes[0] === 45 ? -magnitude : magnitude };
}

/** Seconds and microseconds of a whole timestamp, milliseconds when beyond the watershed. */
function splitTimestamp(timestamp: number): { seconds: number; microsecond: number } {
  if (Math.abs(timestamp) <= MS_WATERSHED) return { seconds: timestamp, microsecond: 0 };
  const seconds = Math.floor(timestamp / 1000);
  return { seconds, microsecond: (timestamp - seconds * 1000) * 1000 };
}

/** The datetime of seconds since the epoch (speedate's DateTime::from_timestamp_with_config), range checked. */
function fromSeconds(seconds: number, microsecond: number): Parsed {
  if (microsecond >= 1_000_000) [seconds, microsecond] = [seconds + Math.floor(microsecond / 1_000_000), microsecond % 1_000_000];
  if (seconds < UNIX_0000) return { error: DATE_TOO_SMALL };
  if (seconds > UNIX_9999) return { error: DATE_TOO_LARGE };
  return { seconds, microsecond, year: seconds < UNIX_0001 ? 0 : 1 };
}

function fromTimestamp(timestamp: number, microsecond = 0): Parsed {
  const split = splitTimestamp(timestamp);
  return fromSeconds(split.seconds, split.microsecond + microsecond);
}

/** A timestamp with a fraction (speedate's float branch): milliseconds beyond the watershed, then read as a whole timestamp again. */
function fromFraction(timestamp: number): Parsed {
  if (!Number.isFinite(timestamp)) return { error: timestamp > 0 ? DATE_TOO_LARGE : DATE_TOO_SMALL };
  const normalized = Math.abs(timestamp) > MS_WATERSHED ? timestamp / 1000 : timestamp;
  const seconds = Math.floor(normalized);
  return fromTimestamp(seconds, Math.round((normalized - seconds) * 1_000_000));
}

/** A JSON number as Python's int or float timestamp (pydantic-core's int_as_datetime and float_as_datetime). */
function fromNumber(value: number): Parsed {
  if (Number.isInteger(value)) return Math.abs(value) < 2 ** 63 ? fromTimestamp(value) : { error: value > 0 ? DATE_TOO_LARGE : DATE_TOO_SMALL };
  const unit = Math.abs(value) <= MS_WATERSHED ? 1_000_000 : 1_000;
  return fromTimestamp(Math.floor(value), Math.round(Math.abs(value % 1) * unit));
}

/** speedate's DateTime::parse_bytes: an RFC 3339 datetime, else a unix timestamp (whole or with a fraction). */
function parseDateTime(text: string, bytes: Uint8Array): Parsed {
  const date = dateAt(bytes);
  let error: string;
  if (date.error !== undefined) error = date.error;
  else if (![84, 116, 32, 95].includes(bytes[10] ?? 0)) error = "invalid datetime separator, expected `T`, `t`, `_` or space";
  else {
    const time = timeAt(bytes);
    if (!("error" in time)) return { seconds: time.seconds, microsecond: time.microsecond, year: date.year };
    error = time.error;
  }
  const integer = integerOf(bytes);
  if ("value" in integer) return fromTimestamp(integer.value);
  // Only where the integer stopped at a ".": a float is read when no other character came first.
  if (integer.stop === 46 && /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return fromFraction(Number(text));
  return { error };
}

/** speedate's Date::parse_bytes: exactly YYYY-MM-DD, else a whole unix timestamp at midnight. */
function parseDate(bytes: Uint8Array): Parsed {
  const date = dateAt(bytes);
  if (date.error === undefined && bytes.length === 10) return { seconds: 0, microsecond: 0, year: date.year };
  const error = date.error ?? EXTRA_CHARACTERS;
  const integer = integerOf(bytes);
  if (!("value" in integer)) return { error };
  const parsed = fromTimestamp(integer.value);
  if ("error" in parsed) return parsed;
  return mod(parsed.seconds, SECONDS_PER_DAY) === 0 && parsed.microsecond === 0 ? parsed : { error: NOT_EXACT };
}

const mod = (n: number, d: number): number => ((n % d) + d) % d;

/** Text as a `datetime` field reads it: a datetime, else a date at midnight; when neither, the date's error. */
function readDateTime(text: string, bytes: Uint8Array): Parsed {
  const datetime = parseDateTime(text, bytes);
  if (!("error" in datetime)) return datetime;
  const date = parseDate(bytes);
  return "error" in date ? { error: date.error, asDate: true } : date;
}

/** Text as a `date` field reads it: a date, else a datetime (whose time must then be zero). */
function readDate(text: string, bytes: Uint8Array): Parsed {
  const date = parseDate(bytes);
  return "error" in date ? parseDateTime(text, bytes) : date;
}

/** A JSON number as a timestamp, text as `read` reads it; undefined for any other value. */
function parseValue(value: unknown, read: (text: string, bytes: Uint8Array) => Parsed): Parsed | undefined {
  if (typeof value === "number") return fromNumber(value);
  return typeof value === "string" ? read(value, utf8(value)) : undefined;
}

/** A `date-time` value as a `datetime` field takes it: an RFC 3339 datetime, a date (at midnight), or a unix timestamp. */
function checkDateTime(value: unknown): FormatProblem | undefined {
  const parsed = parseValue(value, readDateTime);
  if (parsed === undefined) return { type: "datetime_type", msg: "Input should be a valid datetime" };
  if ("error" in parsed && parsed.asDate) return { type: "datetime_from_date_parsing", msg: "Input should be a valid datetime or date, " + parsed.error, ctx: { error: parsed.error } };
  if (!("error" in parsed) && parsed.year !== 0) return undefined;
  const error = "error" in parsed ? parsed.error : YEAR_ZERO;
  return { type: "datetime_parsing", msg: "Input should be a valid datetime, " + error, ctx: { error } };
}

/** A `date` value as a `date` field takes it: YYYY-MM-DD, or any datetime or timestamp whose time is zero. */
function checkDate(value: unknown): FormatProblem | undefined {
  const parsed = parseValue(value, readDate);
  if (parsed === undefined) return { type: "date_type", msg: "Input should be a valid date" };
  if ("error" in parsed) return { type: "date_from_datetime_parsing", msg: "Input should be a valid date or datetime, " + parsed.error, ctx: { error: parsed.error } };
  if (mod(parsed.seconds, SECONDS_PER_DAY) !== 0 || parsed.microsecond !== 0) {
    return { type: "date_from_datetime_inexact", msg: "Datetimes provided to dates should have zero time - e.g. be exact dates" };
  }
  return parsed.year === 0 ? { type: "date_parsing", msg: "Input should be a valid date in the format YYYY-MM-DD, " + YEAR_ZERO, ctx: { error: YEAR_ZERO } } : undefined;
}

/** The checks by JSON Schema format, for the formats whose Python type FastAPI maps to them. */
export const FORMAT_CHECKS: Readonly<Record<string, (value: unknown) => FormatProblem | undefined>> = {
  uuid: checkUuid,
  date: checkDate,
  "date-time": checkDateTime,
};
