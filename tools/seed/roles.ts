/** The demo's model of each role: volume, seniority, domains, salaries, titles, skills. */
import { ROLES, type Domain, type RoleFamily, type RoleKey, type Seniority } from '../../src/reference/taxonomy.js';
import { cumulative } from './random.js';

export const SENIORITY_ORDER: readonly Seniority[] = ['junior', 'mid', 'senior', 'staff', 'principal'];
/**
 * Pay by seniority relative to senior. Deliberately compressed: the article's per-role p10–p90 bands
 * are narrow (e.g. 190K–320K) and must also absorb the domain premium and a year and a half of growth.
 */
export const SENIORITY_PAY = [0.85, 0.93, 1, 1.07, 1.14];

export const DOMAIN_ORDER: readonly Domain[] = ['general', 'healthcare', 'finance', 'legal', 'security'];
/** Specialist premium over `general` for the same role and seniority (article: +30–50%). */
export const DOMAIN_PAY = [1, 1.35, 1.38, 1.34, 1.36];
/** How specialist postings split over the four verticals. */
export const SPECIALIST_CUM = cumulative([0.28, 0.32, 0.15, 0.25]);

const MIX_AI = [0.08, 0.3, 0.38, 0.17, 0.07];
const MIX_SOFTWARE = [0.14, 0.34, 0.34, 0.13, 0.05];
const MIX_BUSINESS = [0.3, 0.42, 0.2, 0.06, 0.02];

interface RoleModel {
  key: RoleKey;
  family: RoleFamily;
  /** Relative posting volume at the start of the window, and its growth factor over the window. */
  volume: number;
  volumeGrowth: number;
  seniorityMix: number[];
  /** Share of postings in a specialist domain. */
  specialistShare: number;
  /** Annual USD midpoint for a senior, general-domain posting at `until` (before noise). */
  basePay: number;
  /** Year-over-year pay growth factor. */
  payGrowth: number;
  /** Lognormal noise (sd of log pay). */
  paySigma: number;
  titles: readonly string[];
  skills: readonly string[];
  blurbs: readonly string[];
}

/*
 * Calibration (checked in test/tools/seed/generator.test.ts, tuned on 1M-row runs): base pay and noise per
 * AI role were solved by simulation so each role's p10/p90 of annual USD midpoints hit the article's
 * table even after the seniority, domain (+34–38%) and trend factors widen the spread. AI roles whose
 * demand the article calls fast-growing also get the faster pay growth, and their rising share lifts
 * the AI-wide mean to ≈ +38% YoY while steady roles (applied ML, MLOps, architects) keep their bands
 * tight. Software base pay is set so AI pays ≈ 1.67× software at each seniority.
 */
export const ROLE_MODELS: RoleModel[] = [
  {
    key: 'llm_engineer',
    family: 'ai',
    volume: 22,
    volumeGrowth: 2.6,
    seniorityMix: MIX_AI,
    specialistShare: 0.4,
    basePay: 274_100,
    payGrowth: 1.4,
    paySigma: 0.1209,
    titles: ['LLM Engineer', 'LLM Engineer', 'Generative AI Engineer', 'LLM Applications Engineer'],
    skills: ['python', 'llm', 'rag', 'langchain', 'evals', 'vllm', 'typescript', 'fastapi', 'vector-search', 'pytorch', 'prompt-design', 'kubernetes'],
    blurbs: [
      'You will design, ship and operate product features built on large language models, from prompt and tool design to evaluation and monitoring in production.',
      'You will turn frontier models into dependable products: grounding, tool use, evaluation harnesses and the guardrails that keep answers correct.',
    ],
  },
  {
    key: 'llm_fine_tuning',
    family: 'ai',
    volume: 9,
    volumeGrowth: 2.8,
    seniorityMix: MIX_AI,
    specialistShare: 0.4,
    basePay: 267_400,
    payGrowth: 1.42,
    paySigma: 0.1083,
    titles: ['LLM Fine-Tuning Engineer', 'LLM Fine-Tuning Engineer', 'Model Training Engineer', 'LLM Post-Training Engineer'],
    skills: ['python', 'pytorch', 'lora', 'rlhf', 'deepspeed', 'fsdp', 'evals', 'data-curation', 'transformers', 'cuda', 'jax', 'distributed-training'],
    blurbs: [
      'You will adapt foundation models to proprietary data: curating datasets, running fine-tuning and preference-optimisation jobs, and proving the gains with rigorous evaluation.',
      'You will own post-training runs end to end, from data curation and training dynamics to the evaluations that decide what ships.',
    ],
  },
  {
    key: 'ml_infrastructure',
    family: 'ai',
    volume: 16,
    volumeGrowth: 2,
    seniorityMix: MIX_AI,
    specialistShare: 0.25,
    basePay: 227_300,
    payGrowth: 1.28,
    paySigma: 0.0983,
    titles: ['ML Infrastructure Engineer', 'ML Infrastructure Engineer', 'MLOps Engineer', 'ML Platform Engineer'],
    skills: ['python', 'kubernetes', 'cuda', 'triton', 'ray', 'vllm', 'terraform', 'mlflow', 'kubeflow', 'docker', 'go', 'observability'],
    blurbs: [
      'You will keep models running at scale: GPU clusters, training and serving pipelines, autoscaling and the observability that tells us when something drifts.',
      'You will build the platform our researchers and product teams train, deploy and monitor models on, with reliability and cost as first-class goals.',
    ],
  },
  {
    key: 'ai_safety_alignment',
    family: 'ai',
    volume: 6,
    volumeGrowth: 3,
    seniorityMix: [0.08, 0.3, 0.34, 0.18, 0.1],
    specialistShare: 0.3,
    basePay: 321_200,
    payGrowth: 1.45,
    paySigma: 0.1381,
    titles: ['AI Safety Researcher', 'AI Safety Researcher', 'Alignment Researcher', 'AI Safety Research Engineer'],
    skills: ['python', 'pytorch', 'evals', 'rlhf', 'interpretability', 'red-teaming', 'jax', 'statistics', 'reward-modeling', 'adversarial-testing'],
    blurbs: [
      'You will study how capable models behave, design evaluations for dangerous capabilities and build the guardrails and training methods that keep them aligned.',
      'You will run experiments on model behaviour, from interpretability to red-teaming, and turn the findings into safeguards that ship with every release.',
    ],
  },
  {
    key: 'rag_retrieval',
    family: 'ai',
    volume: 10,
    volumeGrowth: 2.4,
    seniorityMix: MIX_AI,
    specialistShare: 0.4,
    basePay: 234_400,
    payGrowth: 1.32,
    paySigma: 0.0873,
    titles: ['RAG Engineer', 'RAG Engineer', 'Retrieval Engineer', 'Search & Retrieval Engineer'],
    skills: ['python', 'rag', 'vector-search', 'embeddings', 'elasticsearch', 'pgvector', 'langchain', 'llamaindex', 'reranking', 'evals', 'information-retrieval', 'postgres'],
    blurbs: [
      'You will ground model answers in company data: ingestion, chunking, embeddings, hybrid search and reranking, measured with retrieval evaluations.',
      'You will build the retrieval-augmented generation pipelines that let customers trust answers drawn from their own documents.',
    ],
  },
  {
    key: 'applied_ml',
    family: 'ai',
    volume: 30,
    volumeGrowth: 1,
    seniorityMix: MIX_AI,
    specialistShare: 0.35,
    basePay: 206_100,
    payGrowth: 1.24,
    paySigma: 0.0786,
    titles: ['Applied ML Engineer', 'Applied ML Engineer', 'Machine Learning Engineer', 'Applied Scientist'],
    skills: ['python', 'pytorch', 'scikit-learn', 'tensorflow', 'sql', 'spark', 'xgboost', 'mlflow', 'recommendation-systems', 'experimentation', 'aws'],
    blurbs: [
      'You will ship machine-learning features into the product, from framing the problem and building datasets to online experiments and monitoring.',
      'You will work with product teams to turn data into models that customers feel every day: ranking, forecasting, classification and more.',
    ],
  },
  {
    key: 'ai_platform_architect',
    family: 'ai',
    volume: 3,
    volumeGrowth: 5,
    seniorityMix: [0, 0.08, 0.42, 0.36, 0.14],
    specialistShare: 0.25,
    basePay: 242_400,
    payGrowth: 1.26,
    paySigma: 0.0784,
    titles: ['AI Platform Architect', 'AI Platform Architect', 'AI Solutions Architect', 'Enterprise AI Architect'],
    skills: ['system-design', 'kubernetes', 'aws', 'gcp', 'azure', 'terraform', 'python', 'ray', 'vllm', 'governance', 'mlops', 'data-platforms'],
    blurbs: [
      'You will design the platforms AI systems run on across the organisation: model gateways, data access, evaluation, governance and cost controls.',
      'You will set the architecture for how teams build with models, balancing speed, security and spend, and guide them from prototype to production.',
    ],
  },
  {
    key: 'software_engineer',
    family: 'software',
    volume: 60,
    volumeGrowth: 0.9,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.38,
    basePay: 128_300,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['Software Engineer', 'Software Engineer', 'Backend Engineer', 'Full-Stack Engineer', 'Frontend Engineer'],
    skills: ['typescript', 'react', 'node', 'go', 'java', 'python', 'postgres', 'aws', 'graphql', 'kubernetes', 'rust', 'docker'],
    blurbs: [
      'You will build and run the services and interfaces our customers rely on, owning features from design review to production.',
      'You will write well-tested code across the stack, improve performance and reliability, and help shape our engineering practices.',
    ],
  },
  {
    key: 'devops_engineer',
    family: 'software',
    volume: 20,
    volumeGrowth: 1,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.35,
    basePay: 132_100,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['DevOps Engineer', 'DevOps Engineer', 'Site Reliability Engineer', 'Platform Engineer'],
    skills: ['kubernetes', 'terraform', 'aws', 'gcp', 'linux', 'prometheus', 'ci-cd', 'docker', 'go', 'bash', 'ansible', 'observability'],
    blurbs: [
      'You will keep our infrastructure fast, secure and boring: deployments, observability, incident response and capacity planning.',
      'You will automate how we build, ship and operate software, and raise the bar for reliability across teams.',
    ],
  },
  {
    key: 'data_engineer',
    family: 'software',
    volume: 18,
    volumeGrowth: 1.05,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.4,
    basePay: 128_300,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['Data Engineer', 'Data Engineer', 'Analytics Engineer', 'Data Platform Engineer'],
    skills: ['sql', 'python', 'spark', 'airflow', 'dbt', 'kafka', 'snowflake', 'bigquery', 'postgres', 'scala', 'data-modeling'],
    blurbs: [
      'You will build the pipelines and models that move data from our products into a warehouse the whole company trusts.',
      'You will design batch and streaming data flows, data contracts and the quality checks that keep them honest.',
    ],
  },
  {
    key: 'qa_engineer',
    family: 'software',
    volume: 16,
    volumeGrowth: 0.75,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.35,
    basePay: 105_100,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['QA Engineer', 'QA Engineer', 'Test Automation Engineer', 'Software Engineer in Test'],
    skills: ['playwright', 'selenium', 'cypress', 'python', 'typescript', 'test-automation', 'ci-cd', 'jira', 'api-testing', 'performance-testing'],
    blurbs: [
      'You will own the quality of our releases: automated test suites, release checks and the tooling that catches regressions early.',
      'You will build test automation across web and API layers and work with engineers to make quality everyone’s job.',
    ],
  },
  {
    key: 'data_analyst',
    family: 'business',
    volume: 30,
    volumeGrowth: 0.6,
    seniorityMix: MIX_BUSINESS,
    specialistShare: 0.45,
    basePay: 92_000,
    payGrowth: 1.02,
    paySigma: 0.17,
    titles: ['Data Analyst', 'Data Analyst', 'Business Intelligence Analyst', 'Reporting Analyst'],
    skills: ['sql', 'excel', 'tableau', 'looker', 'python', 'power-bi', 'statistics', 'dbt', 'reporting'],
    blurbs: [
      'You will answer business questions with data: recurring reports, dashboards and ad-hoc analysis for teams across the company.',
      'You will maintain our reporting and turn raw numbers into clear recommendations for stakeholders.',
    ],
  },
  {
    key: 'customer_support',
    family: 'business',
    volume: 36,
    volumeGrowth: 0.45,
    seniorityMix: MIX_BUSINESS,
    specialistShare: 0.4,
    basePay: 60_000,
    payGrowth: 1.02,
    paySigma: 0.17,
    titles: ['Customer Support Specialist', 'Customer Support Specialist', 'Customer Support Representative', 'Technical Support Specialist'],
    skills: ['zendesk', 'intercom', 'salesforce', 'jira', 'communication', 'troubleshooting', 'sql', 'knowledge-base'],
    blurbs: [
      'You will help customers get unstuck by email, chat and phone, resolve tier-1 and tier-2 issues and feed what you learn back to the product team.',
      'You will be the voice of our customers: answering questions, troubleshooting problems and keeping our help centre current.',
    ],
  },
  {
    key: 'content_moderation',
    family: 'business',
    volume: 21,
    volumeGrowth: 0.4,
    seniorityMix: MIX_BUSINESS,
    specialistShare: 0.3,
    basePay: 50_000,
    payGrowth: 1.02,
    paySigma: 0.17,
    titles: ['Content Moderator', 'Content Moderator', 'Trust & Safety Specialist', 'Content Review Specialist'],
    skills: ['trust-and-safety', 'policy-enforcement', 'content-review', 'escalation-handling', 'multilingual', 'zendesk', 'labeling'],
    blurbs: [
      'You will review user content against our policies, handle escalations with care and help refine the guidelines as new patterns emerge.',
      'You will keep our community safe by reviewing reports, applying policy consistently and flagging emerging abuse trends.',
    ],
  },
];

// Every taxonomy role needs a model, and no model may invent a role.
if (ROLE_MODELS.length !== ROLES.length || ROLES.some((r, i) => ROLE_MODELS[i]!.key !== r.key || ROLE_MODELS[i]!.family !== r.family)) {
  throw new Error('demo generator: ROLE_MODELS out of step with src/reference/taxonomy.ts ROLES');
}
