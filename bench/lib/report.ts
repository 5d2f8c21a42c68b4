/** The results table (terminal and Markdown), the JSON record and the machine description. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { WorkloadId } from './options.js';

export interface Row {
  id: WorkloadId;
  workload: string;
  /** Unit of the throughput columns when not requests per second. */
  unit?: 'req/s' | 'rows/s' | 'MiB';
  rps?: number | undefined;
  p50?: number | undefined;
  p99?: number | undefined;
  limit?: string;
  limitRps?: number | undefined;
  limitP50?: number | undefined;
  limitP99?: number | undefined;
  ratio?: number | undefined;
  /** What the ratio divides, e.g. "req/s ÷ limit req/s". */
  ratioOf?: string;
  target?: string;
  met?: boolean | undefined;
  failures?: number;
  note?: string;
}

export interface Machine {
  nproc: number;
  ramGiB: number;
  cpu: string;
  node: string;
  postgres: string;
  loadAverage: number[];
}

export function machine(postgres: string): Machine {
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc').toString().trim());
  } catch {
    // os.cpus() is good enough
  }
  return {
    nproc,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const num = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n < 10 ? num(n, 2) : n < 100 ? num(n, 1) : num(n));
const metText = (m: boolean | undefined) => (m === undefined ? '–' : m ? 'met' : 'MISSED');

const HEAD = ['', 'workload', 'req/s', 'p50 ms', 'p99 ms', 'limit', 'limit req/s', 'limit p50', 'limit p99', 'ratio', 'target', ''];

function cells(r: Row): string[] {
  const unit = r.unit && r.unit !== 'req/s' ? ` ${r.unit}` : '';
  return [
    r.id,
    r.workload + (r.failures ? ` (${r.failures} failed)` : ''),
    r.rps === undefined ? '–' : num(r.rps, r.rps < 10 ? 1 : 0) + unit,
    ms(r.p50),
    ms(r.p99),
    r.limit ?? '–',
    r.limitRps === undefined ? '–' : num(r.limitRps, r.limitRps < 10 ? 1 : 0) + unit,
    ms(r.limitP50),
    ms(r.limitP99),
    r.ratio === undefined ? '–' : num(r.ratio, r.ratio >= 10 ? 1 : 2),
    r.target ?? '–',
    metText(r.met),
  ];
}

export function terminalTable(rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i >= 2 && i <= 4) || (i >= 6 && i <= 9) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)).join('  ');
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.id} ${r.workload}: ${r.note}`);
  return [line(HEAD), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cells(r))), '', ...notes].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const head = ['', 'workload', 'req/s', 'p50 ms', 'p99 ms', 'limit (same run)', 'limit req/s', 'limit p50', 'limit p99', 'ratio', 'target', 'met'];
  const out = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i >= 2 && i <= 4) || (i >= 6 && i <= 9) ? '---:' : '---').join(' | ')} |`];
  for (const r of rows) out.push(`| ${cells(r).map(esc).join(' | ')} |`);
  const notes = rows.filter((r) => r.note).map((r) => `- **${r.id}** ${esc(r.workload)}: ${r.note}`);
  return [...out, '', ...notes].join('\n');
}

export function writeJson(path: string, record: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of bench/README.md (between its markers) with this run's table. */
export function updateReadme(path: string, body: string): void {
  const text = readFileSync(path, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${path} has no ${START} … ${END} section`);
  writeFileSync(path, `${text.slice(0, a + START.length)}\n${body}\n${text.slice(b)}`);
}
