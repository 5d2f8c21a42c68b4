/** A valid partner posting body (REST field names), with `over` replacing fields. */
export const partnerPosting = (over: Record<string, unknown> = {}) => ({
  title: 'Senior LLM Engineer',
  description: '<p>Build <strong>evals</strong> and agents.</p>',
  role: 'llm_engineer',
  seniority: 'senior',
  workplace: 'hybrid',
  skills: ['python', 'evals'],
  location: { city: 'San Francisco', region: 'CA', country: 'US' },
  salary: { min: 200000, max: 300000, currency: 'USD', period: 'year' },
  apply_url: 'https://openai.example/careers/1',
  ...over,
});
