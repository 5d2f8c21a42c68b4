/**
 * `npm start -w @hiring-radar/graphql-example` (HR_URL, default http://localhost:3000; HR_API_KEY optional):
 * prints the best-paid LLM and RAG roles and the companies hiring most.
 */
import { createGraphQLClient, hiringSnapshot } from './index.js';

const client = createGraphQLClient(process.env.HR_URL ?? 'http://localhost:3000', process.env.HR_API_KEY);
const snapshot = await hiringSnapshot(client, ['llm_engineer', 'rag_retrieval']);
console.log(`${snapshot.jobs.total} postings; best paid:`);
for (const job of snapshot.jobs.top) {
  const pay = job.salary ? `$${Math.round(job.salary.annualUsdMin / 1000)}K–$${Math.round(job.salary.annualUsdMax / 1000)}K` : 'pay not given';
  console.log(`  ${job.title} at ${job.company.name} (${job.company.company.openJobs} open): ${pay}`);
}
console.log('Hiring most:');
for (const c of snapshot.companies) console.log(`  ${c.name} (${c.category}): ${c.openJobs} open; newest: ${c.jobs.edges.map((e) => e.node.title).join('; ')}`);
