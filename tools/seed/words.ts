/** The words of a demo posting: title affixes, description snippets and the skill list. */
import type { RoleFamily } from '../../src/reference/taxonomy.js';
import { cumulative, type Rng } from './random.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

export const SENIORITY_PREFIX: Record<RoleFamily, readonly string[]> = {
  ai: ['Junior ', '', 'Senior ', 'Staff ', 'Principal '],
  software: ['Junior ', '', 'Senior ', 'Staff ', 'Principal '],
  business: ['Junior ', '', 'Senior ', 'Lead ', 'Principal '],
};
export const DOMAIN_SUFFIX = ['', ', Healthcare', ', Finance', ', Legal', ', Security'];
const DOMAIN_SKILLS: readonly (readonly string[])[] = [
  [],
  ['hipaa', 'fhir', 'hl7', 'clinical-data'],
  ['risk-modeling', 'fraud-detection', 'pci-dss', 'kyc'],
  ['e-discovery', 'contract-analysis', 'regulatory-compliance'],
  ['threat-modeling', 'soc2', 'siem', 'appsec'],
];
export const DOMAIN_BLURB = [
  '',
  ' You will work with clinical and patient data under HIPAA, alongside clinicians who use what you build.',
  ' You will work in a regulated financial setting where accuracy, auditability and risk controls matter.',
  ' You will partner with lawyers on contracts, discovery and compliance, where precision is non-negotiable.',
  ' You will work closely with our security team, where threat models and abuse resistance shape every design.',
];
export const REQUIREMENTS = [
  'Production experience with ',
  'Solid working knowledge of ',
  'A track record of shipping with ',
  'Comfort going deep on ',
];
export const CLOSINGS = [
  'We offer competitive pay, equity and a generous learning budget.',
  'Expect a small, senior team, real ownership and room to grow.',
  'We offer flexible hours, full health cover and time to learn.',
  'You will join a team that values clear writing, kindness and shipping.',
];

export const SKILL_COUNT_CUM = cumulative([10, 20, 25, 20, 15, 10]); // 3..8 skills

/** 3–8 distinct skills: usually the role's core skill first, a random draw of the rest, maybe a domain one. */
export function pickSkills(rng: Rng, pool: readonly string[], domain: number, count: number, scratch: number[]): string[] {
  scratch.length = 0;
  for (let i = 0; i < pool.length; i++) scratch.push(i);
  const domainSkill = domain !== 0 && rng.float() < 0.6 ? rng.pick(DOMAIN_SKILLS[domain]!) : null;
  const wanted = Math.min(pool.length, domainSkill ? count - 1 : count);
  const out: string[] = [];
  let from = 0;
  if (rng.float() < 0.85) {
    out.push(pool[0]!);
    from = 1;
  }
  // Partial Fisher–Yates over the remaining indexes.
  for (let i = from; out.length < wanted; i++) {
    const j = i + rng.int(scratch.length - i);
    const picked = scratch[j]!;
    scratch[j] = scratch[i]!;
    scratch[i] = picked;
    out.push(pool[picked]!);
  }
  if (domainSkill) out.push(domainSkill);
  return out;
}
