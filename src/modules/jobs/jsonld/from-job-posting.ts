/**
 * Partner input as schema.org JobPosting JSON-LD (`Content-Type: application/ld+json`) mapped to our
 * JobInput, with `hiringRadar:*` extension properties for the dimensions JobPosting lacks.
 *
 * Pure functions: no I/O. Reading never throws anything but a `ValidationProblem`, whatever the input.
 */
import { COUNTRY_CODES } from '../../../reference/countries.js';
import {
  DOMAIN_KEYS,
  ROLE_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
  type EmploymentType,
  type Seniority,
  type Workplace,
} from '../../../reference/taxonomy.js';
import { ValidationProblem } from '../../../lib/errors.js';
import type { JobInput } from '../../partner/partner.schemas.js';
import {
  EMPLOYMENT_TYPE_IN,
  GOOGLE_EMPLOYMENT_TYPES,
  HIRING_RADAR_NS,
  JOB_POSTING_TYPES,
  SCHEMA_ORG,
  UNIT_TEXT,
  UNIT_TEXT_LIST,
} from './vocabulary.js';
import { fail, from, hasError, isObject, listOf, own, readText, readTextAt, seg, textValue, type Ctx, type Obj } from './json-ld-reader.js';

export interface JobPostingMapping {
  /** `identifier` (a PropertyValue's `value`, or a string): the partner's own id of the posting. */
  externalId: string | null;
  input: JobInput;
  /**
   * For each JobInput pointer that was mapped (`/title`, `/salary/min`, `/location/country`, …, and
   * `/external_id`), the pointer of the JSON-LD property it came from. Use `jobPostingPointer` to name
   * the document's property when the mapped input fails validation.
   */
  sources: Record<string, string>;
}

/**
 * Maps a schema.org JobPosting JSON-LD document to our partner input. Type errors, missing required
 * properties and unknown vocabulary are collected and thrown as one `ValidationProblem` whose names
 * are JSON pointers into the document. Lengths and patterns are left to the JobInput schema.
 */
export function jobInputFromJobPosting(doc: unknown): JobPostingMapping {
  if (!isObject(doc)) {
    throw new ValidationProblem([{ name: '', reason: 'must be a JSON-LD object with "@type": "JobPosting"' }]);
  }
  const ctx: Ctx = { errors: [], sources: {} };

  // --- @context and @type
  if (!hasSchemaOrgContext(own(doc, '@context'))) {
    fail(ctx, '/@context', 'must be "https://schema.org" (or an array or context object that includes it)');
  }
  const type = own(doc, '@type');
  const types = Array.isArray(type) ? type : [type];
  if (!types.some((t) => typeof t === 'string' && JOB_POSTING_TYPES.has(t))) {
    fail(ctx, '/@type', 'must be "JobPosting" (or an array that includes it)');
  }

  // --- title, description
  const title = readText(ctx, doc, 'title');
  if (title === undefined && !hasError(ctx, '/title')) fail(ctx, '/title', 'is required');
  from(ctx, '/title', '/title');
  const description = readText(ctx, doc, 'description');
  if (description === undefined && !hasError(ctx, '/description')) fail(ctx, '/description', 'is required (HTML)');
  from(ctx, '/description', '/description');

  // --- our dimensions, as extension properties
  const role = readTerm(ctx, doc, 'role', ROLE_KEYS);
  if (role === undefined && !hasError(ctx, ctx.sources['/role']!)) {
    fail(ctx, ctx.sources['/role']!, `is required (JobPosting has no equivalent): one of ${ROLE_KEYS.join(', ')}`);
  }
  const domain = readTerm(ctx, doc, 'domain', DOMAIN_KEYS);
  const workplaceExt = readTerm(ctx, doc, 'workplace', WORKPLACE_KEYS);
  const seniorityExt = readTerm(ctx, doc, 'seniority', SENIORITY_KEYS);

  const employmentType = readEmploymentType(ctx, doc);
  const seniority = seniorityExt ?? (title !== undefined ? seniorityFromTitle(title, employmentType) : undefined);
  const skills = readSkills(ctx, doc);

  // --- workplace and location
  const telecommute = listOf(own(doc, 'jobLocationType')).some(([, v]) => {
    const t = textValue(v);
    return typeof t === 'string' && t.trim().toUpperCase() === 'TELECOMMUTE';
  });
  const workplace: Workplace = workplaceExt ?? (telecommute ? 'remote' : 'onsite');
  const place = readPlace(ctx, doc);
  const applicant = readApplicantCountry(doc);
  const country = workplace === 'remote' ? (applicant ?? place.country) : (place.country ?? applicant);
  const location = { city: place.city?.value ?? null, region: place.region?.value ?? null, country: country?.value ?? null };
  from(ctx, '/location', '/jobLocation');
  if (place.city) from(ctx, '/location/city', place.city.pointer);
  if (place.region) from(ctx, '/location/region', place.region.pointer);
  if (country) from(ctx, '/location/country', country.pointer);

  // --- dates, salary, identifier, apply URL
  const postedAt = readDate(ctx, doc, 'datePosted');
  from(ctx, '/posted_at', '/datePosted');
  const validThrough = readDate(ctx, doc, 'validThrough');
  from(ctx, '/valid_through', '/validThrough');
  const salary = readSalary(ctx, doc);
  const externalId = readIdentifier(ctx, doc);
  from(ctx, '/external_id', '/identifier');
  const applyUrl = readApplyUrl(ctx, doc);

  if (ctx.errors.length > 0) throw new ValidationProblem(ctx.errors);

  const input: JobInput = {
    title: title!,
    description: description!,
    role: role!,
    seniority: seniority!,
    ...(domain !== undefined ? { domain } : {}),
    skills,
    ...(employmentType !== undefined ? { employment_type: employmentType } : {}),
    workplace,
    location,
    salary,
    ...(postedAt !== undefined ? { posted_at: postedAt } : {}),
    valid_through: validThrough ?? null,
    apply_url: applyUrl,
  };
  return { externalId, input, sources: ctx.sources };
}

/**
 * The JSON-LD pointer to name for an error on a mapped JobInput pointer (e.g. from validating
 * `input` against the JobInput schema): the source of the pointer or of its nearest mapped parent.
 */
export function jobPostingPointer(sources: Record<string, string>, inputPointer: string): string {
  for (let p = inputPointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const source = sources[p];
    if (source !== undefined) return source;
  }
  if (inputPointer.startsWith('/location')) return '/jobLocation';
  if (inputPointer.startsWith('/salary')) return '/baseSalary';
  return inputPointer;
}

/** Seniority from the words of a title; mid-level when none says otherwise. */
export function seniorityFromTitle(title: string, employmentType?: EmploymentType): Seniority {
  const t = title.toLowerCase();
  if (/\b(principal|distinguished|fellow)\b/.test(t)) return 'principal';
  if (/\b(staff|lead)\b/.test(t)) return 'staff';
  if (/\b(senior|sr)\b/.test(t)) return 'senior';
  if (/\b(junior|jr|intern|internship|graduate|entry[\s-]level|trainee|apprentice)\b/.test(t) || employmentType === 'internship') {
    return 'junior';
  }
  return 'mid';
}

// --- readers ------------------------------------------------------------------------------------

/** A `hiringRadar:<name>` extension property (compact, or as the expanded IRI) holding a taxonomy key. */
function readTerm<K extends string>(ctx: Ctx, doc: Obj, name: string, allowed: readonly K[]): K | undefined {
  const compactKey = `hiringRadar:${name}`;
  const key = !Object.hasOwn(doc, compactKey) && Object.hasOwn(doc, HIRING_RADAR_NS + name) ? HIRING_RADAR_NS + name : compactKey;
  const pointer = seg(key);
  from(ctx, `/${name}`, pointer);
  const text = readTextAt(ctx, own(doc, key), pointer);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    fail(ctx, pointer, `must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return text as K;
}

/** `employmentType`: the first value we have an equivalent of; none (VOLUNTEER, OTHER…) leaves our default. */
function readEmploymentType(ctx: Ctx, doc: Obj): EmploymentType | undefined {
  let found: EmploymentType | undefined;
  from(ctx, '/employment_type', '/employmentType');
  for (const [p, item] of listOf(own(doc, 'employmentType'), '/employmentType')) {
    const v = textValue(item);
    if (typeof v !== 'string') {
      fail(ctx, p, `must be a string: one of ${GOOGLE_EMPLOYMENT_TYPES.join(', ')}`);
      continue;
    }
    const mapped = EMPLOYMENT_TYPE_IN[v.trim().toUpperCase().replace(/[\s-]+/g, '_')];
    if (mapped && !found) {
      found = mapped;
      from(ctx, '/employment_type', p);
    }
  }
  return found;
}

const SKILL_SLUG = /^[a-z0-9][a-z0-9+#.-]{0,39}$/;

/** `skills`: a string or an array of strings or DefinedTerms; comma-separated lists are split into slugs. */
function readSkills(ctx: Ctx, doc: Obj): string[] {
  const out = new Set<string>();
  from(ctx, '/skills', '/skills');
  for (const [p, item] of listOf(own(doc, 'skills'), '/skills')) {
    let v = textValue(item);
    if (isObject(v)) v = textValue(own(v, 'name'));
    if (typeof v !== 'string') {
      fail(ctx, p, 'must be a string (comma-separated skills), a DefinedTerm, or an array of them');
      continue;
    }
    for (const part of v.split(',')) {
      const slug = skillSlug(part);
      if (slug !== '') out.add(slug);
    }
  }
  return [...out];
}

/** "Machine Learning" → "machine-learning"; slugs that already fit (`c++`, `node.js`) stay as they are. */
export function skillSlug(text: string): string {
  const lower = text.trim().toLowerCase();
  if (SKILL_SLUG.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9+#.]+/g, '-')
    .replace(/^[-.+#]+|-+$/g, '');
}

interface Sourced<T> {
  value: T;
  pointer: string;
}
interface PlaceParts {
  city?: Sourced<string>;
  region?: Sourced<string>;
  country?: Sourced<string>;
}

/** `jobLocation`: the first Place with a PostalAddress (we hold one location per posting). */
function readPlace(ctx: Ctx, doc: Obj): PlaceParts {
  for (const [p, place] of listOf(own(doc, 'jobLocation'), '/jobLocation')) {
    if (!isObject(place)) {
      fail(ctx, p, 'must be a Place (or an array of Places)');
      return {};
    }
    const [ap, address] = listOf(own(place, 'address'), `${p}/address`)[0] ?? [`${p}/address`, undefined];
    if (address === undefined || typeof address === 'string') continue; // a free-text address says nothing we can map
    if (!isObject(address)) {
      fail(ctx, ap, 'must be a PostalAddress');
      return {};
    }
    const out: PlaceParts = {};
    const city = readTextAt(ctx, own(address, 'addressLocality'), `${ap}/addressLocality`);
    if (city !== undefined) out.city = { value: city, pointer: `${ap}/addressLocality` };
    const region = readTextAt(ctx, own(address, 'addressRegion'), `${ap}/addressRegion`);
    if (region !== undefined) out.region = { value: region, pointer: `${ap}/addressRegion` };
    const countryRaw = own(address, 'addressCountry');
    if (countryRaw !== undefined) {
      const cp = `${ap}/addressCountry`;
      const code = countryCode(countryRaw);
      if (code) out.country = { value: code, pointer: cp };
      else fail(ctx, cp, 'must be an ISO 3166-1 alpha-2 country code (e.g. "US"), a country name, or a Country with either as its name');
    }
    return out;
  }
  return {};
}

/** `applicantLocationRequirements`: the first Country we can name by its ISO code (other areas are ignored). */
function readApplicantCountry(doc: Obj): Sourced<string> | undefined {
  for (const [p, area] of listOf(own(doc, 'applicantLocationRequirements'), '/applicantLocationRequirements')) {
    const code = countryCode(area);
    if (code) return { value: code, pointer: p };
  }
  return undefined;
}

let countryNames: Map<string, string> | undefined;

/** English country names (and a few common short forms) to ISO codes, built once from ICU. */
function countryByName(name: string): string | undefined {
  if (!countryNames) {
    countryNames = new Map([
      ['usa', 'US'],
      ['u.s.', 'US'],
      ['u.s.a.', 'US'],
      ['united states of america', 'US'],
      ['uk', 'GB'],
      ['great britain', 'GB'],
    ]);
    try {
      const names = new Intl.DisplayNames(['en'], { type: 'region' });
      for (const code of COUNTRY_CODES) {
        const n = names.of(code);
        if (n && n !== code) countryNames.set(n.toLowerCase(), code);
      }
    } catch {
      // Without ICU region names only codes and the short forms above are understood.
    }
  }
  return countryNames.get(name.trim().toLowerCase());
}

/** An ISO 3166-1 alpha-2 code from a code, an English country name, or a Country object's name (or identifier). */
function countryCode(v: unknown, depth = 0): string | undefined {
  const text = textValue(v);
  if (isObject(text)) {
    if (depth > 0) return undefined;
    for (const key of ['name', 'identifier', 'alternateName']) {
      const code = countryCode(own(text, key), depth + 1);
      if (code) return code;
    }
    return undefined;
  }
  if (typeof text !== 'string') return undefined;
  const upper = text.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return COUNTRY_CODES.has(upper) ? upper : undefined;
  return countryByName(text);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A Date or DateTime (UTC when it has no offset) as an RFC 3339 UTC date-time. */
function readDate(ctx: Ctx, doc: Obj, key: string): string | undefined {
  const pointer = seg(key);
  const text = readTextAt(ctx, own(doc, key), pointer);
  if (text === undefined) return undefined;
  const iso = toInstant(text.trim());
  if (iso === undefined) fail(ctx, pointer, 'must be an ISO 8601 date (2026-03-01) or date-time (2026-03-01T09:00:00+01:00)');
  return iso;
}

/** `2026-03-01` → `2026-03-01T00:00:00.000Z`; impossible calendar values (2026-02-30, 24:00) are refused. */
export function toInstant(text: string): string | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, hh = '00', mi = '00', ss = '00', frac = '', zone = 'Z'] = m;
  const day = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.getUTCFullYear() !== Number(y) || day.getUTCMonth() + 1 !== Number(mo) || day.getUTCDate() !== Number(d)) {
    return undefined;
  }
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return undefined;
  let offset = 'Z';
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = digits.slice(0, 2);
    const om = digits.slice(2) || '00';
    if (om.length !== 2 || Number(oh) > 23 || Number(om) > 59) return undefined;
    offset = `${zone[0]}${oh}:${om}`;
  }
  const ms = (frac + '000').slice(0, 3);
  const date = new Date(`${y}-${mo}-${d}T${hh}:${mi}:${ss}.${ms}${offset}`);
  if (Number.isNaN(date.getTime())) return undefined;
  const out = date.toISOString();
  return /^\d{4}-/.test(out) ? out : undefined; // an offset may push year 0000 or 9999 out of RFC 3339's range
}

/** `baseSalary`: a MonetaryAmount whose value is a QuantitativeValue with minValue/maxValue (or value) and unitText. */
function readSalary(ctx: Ctx, doc: Obj): JobInput['salary'] {
  const items = listOf(own(doc, 'baseSalary'), '/baseSalary');
  if (items.length === 0) return null;
  if (items.length > 1) {
    fail(ctx, '/baseSalary', 'must be a single MonetaryAmount');
    return null;
  }
  const [p, raw] = items[0]!;
  from(ctx, '/salary', p);
  if (!isObject(raw)) {
    fail(ctx, p, `must be a MonetaryAmount with a currency and a QuantitativeValue (minValue, maxValue, unitText ${UNIT_TEXT_LIST})`);
    return null;
  }

  // currency: on the MonetaryAmount, or JobPosting's own salaryCurrency
  const onAmount = own(raw, 'currency') !== undefined;
  const currencyPointer = onAmount ? `${p}/currency` : '/salaryCurrency';
  from(ctx, '/salary/currency', currencyPointer);
  const currencyText = readTextAt(ctx, onAmount ? own(raw, 'currency') : own(doc, 'salaryCurrency'), currencyPointer);
  const currency = currencyText?.trim().toUpperCase();
  if (currency === undefined && !hasError(ctx, currencyPointer)) fail(ctx, `${p}/currency`, 'is required: an ISO 4217 code such as USD');

  const vp = `${p}/value`;
  const value = own(raw, 'value');
  if (!isObject(value)) {
    fail(ctx, vp, `must be a QuantitativeValue with minValue and maxValue (or value) and a unitText (${UNIT_TEXT_LIST})`);
    return null;
  }
  let min = readAmount(ctx, value, 'minValue', vp);
  let max = readAmount(ctx, value, 'maxValue', vp);
  const single = readAmount(ctx, value, 'value', vp);
  from(ctx, '/salary/min', `${vp}/${min === undefined && single !== undefined ? 'value' : 'minValue'}`);
  from(ctx, '/salary/max', `${vp}/${max === undefined && single !== undefined ? 'value' : 'maxValue'}`);
  min ??= single;
  max ??= single;
  // An open-ended range ("from 100,000") becomes a point: our salary always has both bounds.
  min ??= max;
  max ??= min;
  if ((min === undefined || max === undefined) && !hasError(ctx, vp)) fail(ctx, vp, 'needs minValue and maxValue, or value');

  const unitPointer = `${vp}/unitText`;
  from(ctx, '/salary/period', unitPointer);
  const unit = readTextAt(ctx, own(value, 'unitText'), unitPointer);
  const period = unit !== undefined ? UNIT_TEXT[unit.trim().toUpperCase()] : undefined;
  if (period === undefined && !hasError(ctx, unitPointer)) {
    fail(ctx, unitPointer, unit === undefined ? `is required: one of ${UNIT_TEXT_LIST}` : `must be one of ${UNIT_TEXT_LIST}`);
  }

  if (currency === undefined || min === undefined || max === undefined || period === undefined) return null;
  return { min, max, currency, period };
}

/** A number, or a plain decimal in a string. */
function readAmount(ctx: Ctx, value: Obj, key: string, vp: string): number | undefined {
  const raw = textValue(own(value, key));
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(raw)) return Number(raw);
  fail(ctx, `${vp}/${key}`, 'must be a number');
  return undefined;
}

/** `identifier`: a PropertyValue's `value`, or a string (the first when there are several). */
function readIdentifier(ctx: Ctx, doc: Obj): string | null {
  const [p, item] = listOf(own(doc, 'identifier'), '/identifier')[0] ?? ['', undefined];
  if (item === undefined) return null;
  let v = textValue(item);
  if (isObject(v)) v = textValue(own(v, 'value'));
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  fail(ctx, p, 'must be a string or a PropertyValue with a string value');
  return null;
}

/** The apply URL: `url`, else the first `sameAs`, when it is an https URL (other schemes are ignored). */
function readApplyUrl(ctx: Ctx, doc: Obj): string | null {
  from(ctx, '/apply_url', '/url');
  for (const key of ['url', 'sameAs']) {
    for (const [p, item] of listOf(own(doc, key), `/${key}`)) {
      const v = textValue(item);
      if (typeof v !== 'string') continue;
      const url = v.trim();
      if (/^https:\/\/\S+$/i.test(url)) {
        from(ctx, '/apply_url', p);
        return 'https://' + url.slice('https://'.length);
      }
    }
  }
  return null;
}

/** Whether an `@context` brings in schema.org: the IRI, a context object with it as `@vocab`, or an array with either. */
function hasSchemaOrgContext(context: unknown, depth = 0): boolean {
  if (typeof context === 'string') return SCHEMA_ORG.test(context.trim());
  if (Array.isArray(context)) return depth === 0 && context.some((c) => hasSchemaOrgContext(c, depth + 1));
  if (isObject(context)) {
    const vocab = own(context, '@vocab');
    return typeof vocab === 'string' && SCHEMA_ORG.test(vocab.trim());
  }
  return false;
}
