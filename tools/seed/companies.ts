/**
 * Deterministic demo companies: the article's named players, fictional SaaS vendors and startups drawn
 * from the seed, and a few non-tech employers.
 */
import type { CompanyCategory, CompanySize } from '../../src/reference/taxonomy.js';
import { cumulative, pickCumulative, Rng } from './random.js';
import type { DemoCompany } from './types.js';

interface NamedCompany {
  name: string;
  website: string;
  hq: string;
  size: CompanySize;
  description: string;
}

const AI_NATIVE: NamedCompany[] = [
  { name: 'OpenAI', website: 'https://openai.com', hq: 'US', size: '1001-5000', description: 'AI research and deployment company behind ChatGPT and the GPT models.' },
  { name: 'Anthropic', website: 'https://www.anthropic.com', hq: 'US', size: '1001-5000', description: 'AI research company building reliable, interpretable and steerable AI systems.' },
  { name: 'xAI', website: 'https://x.ai', hq: 'US', size: '1001-5000', description: 'AI company building the Grok models.' },
  { name: 'Cohere', website: 'https://cohere.com', hq: 'CA', size: '201-1000', description: 'Enterprise AI platform for language models, search and retrieval.' },
  { name: 'Mistral AI', website: 'https://mistral.ai', hq: 'FR', size: '201-1000', description: 'European AI lab shipping open-weight and commercial language models.' },
  { name: 'Hugging Face', website: 'https://huggingface.co', hq: 'US', size: '201-1000', description: 'The open platform where the machine-learning community shares models and datasets.' },
  { name: 'Perplexity', website: 'https://www.perplexity.ai', hq: 'US', size: '201-1000', description: 'AI-powered answer engine.' },
  { name: 'Scale AI', website: 'https://scale.com', hq: 'US', size: '1001-5000', description: 'Data and evaluation infrastructure for training frontier AI models.' },
  { name: 'Together AI', website: 'https://www.together.ai', hq: 'US', size: '201-1000', description: 'Cloud platform for training, fine-tuning and serving open models.' },
  { name: 'Aleph Alpha', website: 'https://aleph-alpha.com', hq: 'DE', size: '201-1000', description: 'Sovereign generative AI for enterprises and governments.' },
];

const BIG_TECH: NamedCompany[] = [
  { name: 'Google', website: 'https://www.google.com', hq: 'US', size: '10001+', description: 'Search, cloud, Android and the Gemini models.' },
  { name: 'Microsoft', website: 'https://www.microsoft.com', hq: 'US', size: '10001+', description: 'Cloud, productivity software and Copilot.' },
  { name: 'Meta', website: 'https://www.meta.com', hq: 'US', size: '10001+', description: 'Social apps, the Llama models and reality hardware.' },
  { name: 'Amazon', website: 'https://www.amazon.com', hq: 'US', size: '10001+', description: 'E-commerce, AWS cloud and devices.' },
  { name: 'Apple', website: 'https://www.apple.com', hq: 'US', size: '10001+', description: 'Consumer hardware, software and services.' },
  { name: 'NVIDIA', website: 'https://www.nvidia.com', hq: 'US', size: '10001+', description: 'Accelerated computing: the GPUs and software stack AI runs on.' },
];

const LEGACY: NamedCompany[] = [
  { name: 'Oracle', website: 'https://www.oracle.com', hq: 'US', size: '10001+', description: 'Databases, enterprise applications and cloud infrastructure.' },
  { name: 'Dell', website: 'https://www.dell.com', hq: 'US', size: '10001+', description: 'PCs, servers and storage for consumers and enterprises.' },
  { name: 'Intel', website: 'https://www.intel.com', hq: 'US', size: '10001+', description: 'Semiconductor design and manufacturing.' },
  { name: 'IBM', website: 'https://www.ibm.com', hq: 'US', size: '10001+', description: 'Hybrid cloud, consulting and enterprise AI.' },
  { name: 'Cisco', website: 'https://www.cisco.com', hq: 'US', size: '10001+', description: 'Networking hardware, software and collaboration tools.' },
  { name: 'HP', website: 'https://www.hp.com', hq: 'US', size: '10001+', description: 'Personal computers, printers and workplace devices.' },
  { name: 'SAP', website: 'https://www.sap.com', hq: 'DE', size: '10001+', description: 'Enterprise resource planning and business software.' },
];

/** Fictional mid-tier SaaS vendors whose support, moderation and reporting teams AI is replacing. */
const NAMED_SAAS: NamedCompany[] = [
  { name: 'Helpwell', website: 'https://www.helpwell.com', hq: 'US', size: '1001-5000', description: 'Help-desk and customer-service software for mid-sized businesses.' },
  { name: 'Brightdesk', website: 'https://www.brightdesk.io', hq: 'US', size: '1001-5000', description: 'Omnichannel customer support platform.' },
  { name: 'Clearpath CRM', website: 'https://www.clearpathcrm.com', hq: 'US', size: '1001-5000', description: 'CRM and sales pipeline software.' },
  { name: 'Trustlayer', website: 'https://www.trustlayer.io', hq: 'US', size: '201-1000', description: 'Content moderation and community management tools.' },
  { name: 'Tallyhive', website: 'https://www.tallyhive.com', hq: 'GB', size: '201-1000', description: 'Self-serve reporting and dashboards for operations teams.' },
  { name: 'Pagewise', website: 'https://www.pagewise.com', hq: 'CA', size: '201-1000', description: 'Knowledge-base and documentation software.' },
];

/** Fictional non-tech employers: they hire AI talent for a vertical, so their postings lean to a domain. */
const OTHER: NamedCompany[] = [
  { name: 'Meridian Health System', website: 'https://www.meridianhealthsystem.org', hq: 'US', size: '10001+', description: 'Regional hospital network and health system.' },
  { name: 'Riverbend Medical Group', website: 'https://www.riverbendmedical.com', hq: 'US', size: '5001-10000', description: 'Multi-specialty medical practice and clinics.' },
  { name: 'Northbridge Bank', website: 'https://www.northbridgebank.com', hq: 'US', size: '10001+', description: 'Retail and commercial bank.' },
  { name: 'Halcyon Insurance Group', website: 'https://www.halcyoninsurance.com', hq: 'US', size: '5001-10000', description: 'Property, casualty and life insurance.' },
  { name: 'Keystone Capital Markets', website: 'https://www.keystonecm.com', hq: 'GB', size: '1001-5000', description: 'Investment bank and capital markets advisory.' },
  { name: 'Carver Holt LLP', website: 'https://www.carverholt.com', hq: 'US', size: '1001-5000', description: 'Corporate law firm.' },
  { name: 'Sterling Ashby Legal', website: 'https://www.sterlingashby.co.uk', hq: 'GB', size: '1001-5000', description: 'Law firm advising on litigation and regulation.' },
  { name: 'Bastion Cyber Defense', website: 'https://www.bastioncyber.com', hq: 'US', size: '1001-5000', description: 'Managed cybersecurity and incident response.' },
  { name: 'Crescent Logistics', website: 'https://www.crescentlogistics.com', hq: 'US', size: '10001+', description: 'Freight, warehousing and last-mile delivery.' },
  { name: 'Evergreen Retail Group', website: 'https://www.evergreenretail.com', hq: 'US', size: '10001+', description: 'Grocery and home-goods retailer.' },
];

const NAME_STEMS = [
  'Ledger', 'Pulse', 'Beacon', 'Harbor', 'Summit', 'Vector', 'Canopy', 'Quill', 'Relay', 'Tandem', 'Orbit', 'Lumen',
  'Cobalt', 'Juniper', 'Kestrel', 'Maple', 'Nimbus', 'Onyx', 'Prism', 'Quartz', 'Sable', 'Tidal', 'Verve', 'Willow',
  'Zephyr', 'Bramble', 'Cinder', 'Drift', 'Ember', 'Fathom', 'Granite', 'Hearth', 'Aurora', 'Basalt', 'Cedar', 'Fern',
  'Helix', 'Iris', 'Jasper', 'Kite', 'Lattice', 'Nova', 'Quanta', 'Ripple', 'Sierra', 'Terra', 'Vela', 'Wren', 'Yarrow',
  'Zenith', 'Crest', 'Dune', 'Echo', 'Flux', 'Halo', 'Loom', 'Mica', 'Opal', 'Quasar', 'Spire', 'Umbra', 'Vireo',
];
const SAAS_TAILS = ['desk', 'flow', 'stack', 'base', 'hub', 'works', 'grid', 'ly', 'metrics', 'sync', 'form', 'cloud', 'dock', 'board'];
const SAAS_PRODUCTS = [
  'help-desk', 'CRM', 'invoicing', 'HR and payroll', 'scheduling', 'product analytics', 'e-commerce', 'marketing automation',
  'survey', 'expense management', 'project management', 'customer messaging', 'community', 'e-signature', 'recruiting',
];
const SAAS_AUDIENCES = ['small businesses', 'mid-market companies', 'enterprise teams', 'agencies', 'online retailers', 'support teams'];
const STARTUP_TAILS = ['mind', 'forge', 'shift', 'path', 'point', 'field', 'bit', 'core', 'scale', 'sense', 'wave', 'light', 'gate', 'mark', 'loop', 'ray'];
const STARTUP_KINDS: ReadonlyArray<readonly [suffix: string, tld: string, description: string, weight: number]> = [
  [' AI', 'ai', 'Startup building AI agents for {x}.', 30],
  [' Labs', 'io', 'Seed-stage lab working on {x}.', 18],
  ['', 'io', 'Developer tools for {x}.', 12],
  [' Data', 'io', 'Data infrastructure for {x}.', 8],
  [' Health', 'com', 'AI for healthcare: clinical documentation and patient triage.', 10],
  [' Finance', 'com', 'AI for finance: fraud detection and risk analytics for banks and fintechs.', 8],
  [' Legal', 'com', 'AI for legal teams: contract review and discovery.', 5],
  [' Security', 'io', 'AI-native security: threat detection and response.', 9],
];
const STARTUP_TOPICS = [
  'customer support automation', 'code review', 'document understanding', 'voice agents', 'model evaluation', 'LLM observability',
  'synthetic data', 'enterprise search', 'inference optimisation', 'robotics software', 'sales automation', 'data labelling',
];
const STARTUP_KIND_CUM = cumulative(STARTUP_KINDS.map((k) => k[3]));
const GENERATED_HQ: ReadonlyArray<readonly [string, number]> = [
  ['US', 66],
  ['GB', 8],
  ['DE', 5],
  ['FR', 5],
  ['CA', 5],
  ['IN', 4],
  ['SG', 2],
  ['CH', 2],
  ['PL', 2],
  ['NL', 1],
];
const GENERATED_HQ_CUM = cumulative(GENERATED_HQ.map(([, w]) => w));

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The demo companies: the article's named players in their categories, fictional mid-tier SaaS and
 * startups (names drawn from the seed) and a few non-tech employers. Stable order, deterministic ids.
 */
export function demoCompanies(seed: number): DemoCompany[] {
  const rng = new Rng(seed, 1);
  const out: DemoCompany[] = [];
  const slugs = new Set<string>();
  const add = (category: CompanyCategory, c: NamedCompany): void => {
    const slug = slugify(c.name);
    if (slugs.has(slug)) return;
    slugs.add(slug);
    out.push({ id: rng.uuid(), slug, name: c.name, category, website: c.website, hqCountry: c.hq, size: c.size, description: c.description });
  };
  AI_NATIVE.forEach((c) => add('ai_native', c));
  BIG_TECH.forEach((c) => add('big_tech', c));
  LEGACY.forEach((c) => add('legacy_enterprise', c));
  NAMED_SAAS.forEach((c) => add('saas', c));
  OTHER.forEach((c) => add('other', c));

  const hq = (): string => GENERATED_HQ[pickCumulative(GENERATED_HQ_CUM, 0, GENERATED_HQ_CUM.length, rng.float())]![0];
  let saas = 0;
  for (let guard = 0; saas < 60 && guard < 10_000; guard++) {
    const stem = rng.pick(NAME_STEMS);
    const name = stem + rng.pick(SAAS_TAILS);
    if (slugs.has(slugify(name))) continue;
    const size: CompanySize = rng.pick(['201-1000', '201-1000', '1001-5000', '1001-5000', '5001-10000'] as const);
    const tld = rng.float() < 0.6 ? 'com' : 'io';
    add('saas', {
      name,
      website: `https://www.${slugify(name)}.${tld}`,
      hq: hq(),
      size,
      description: `${name} makes ${rng.pick(SAAS_PRODUCTS)} software for ${rng.pick(SAAS_AUDIENCES)}.`,
    });
    saas++;
  }
  let startups = 0;
  const bases = new Set<string>(); // one company per brand, so no two share a web host
  for (let guard = 0; startups < 120 && guard < 10_000; guard++) {
    const [suffix, tld, template] = STARTUP_KINDS[pickCumulative(STARTUP_KIND_CUM, 0, STARTUP_KIND_CUM.length, rng.float())]!;
    const base = rng.pick(NAME_STEMS) + rng.pick(STARTUP_TAILS);
    const name = base + suffix;
    if (bases.has(base) || slugs.has(slugify(name))) continue;
    bases.add(base);
    const size: CompanySize = rng.pick(['1-10', '11-50', '11-50', '11-50', '51-200', '51-200', '51-200'] as const);
    add('startup', {
      name,
      website: `https://${slugify(base)}.${tld}`,
      hq: hq(),
      size,
      description: template.replace('{x}', rng.pick(STARTUP_TOPICS)),
    });
    startups++;
  }
  return out;
}
