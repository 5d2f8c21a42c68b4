import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { takeContractViolations } from '../helpers/contract.js';

// The hook every test runs under (test/setup/response-contract.ts) must catch each kind of break.
describe('response contract hook', () => {
  let ctx: TestContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { RATE_LIMIT_ENABLED: 'false' }, ready: false });
    app = ctx.app;
    app.get(
      '/v1/contract-probe/:mode',
      {
        schema: {
          params: Type.Object({ mode: Type.String() }),
          response: { 200: Type.Object({ n: Type.Integer() }), 304: { description: 'Not modified.' } },
        },
      },
      async (request, reply) => {
        const { mode } = request.params as { mode: string };
        // The casts step outside the route's typed schema on purpose: that is what the hook must catch.
        if (mode === 'status') return reply.code(418 as 200).send({ n: 1 });
        if (mode === 'header') return reply.header('link', '</v1/x>; rel="next"').send({ n: 1 });
        if (mode === 'body') return reply.type('application/json').serializer(JSON.stringify).send({ n: 'one' });
        if (mode === 'media') return reply.type('text/plain').serializer(String).send('one');
        if (mode === 'not-modified') return reply.code(304).header('content-type', 'application/json').send();
        return { n: 1 };
      },
    );
    await app.ready();
  });
  afterAll(() => ctx.close());

  const probe = async (mode: string) => {
    takeContractViolations();
    await app.inject({ url: `/v1/contract-probe/${mode}` });
    return takeContractViolations().map((v) => v.problem);
  };

  it('passes a documented answer', async () => {
    expect(await probe('ok')).toEqual([]);
  });
  it('catches an undocumented status', async () => {
    expect(await probe('status')).toEqual([expect.stringMatching(/^status 418 is not documented/)]);
  });
  it('catches an undocumented contract header', async () => {
    expect(await probe('header')).toEqual(['header link is sent but not documented on 200']);
  });
  it('catches a body that does not match its schema', async () => {
    expect(await probe('body')).toEqual([expect.stringMatching(/^the body does not match the application\/json schema of 200: \/n must be integer/)]);
  });
  it('catches an undocumented media type', async () => {
    expect(await probe('media')).toEqual([expect.stringMatching(/^media type text\/plain is not documented on 200/)]);
  });
  it('catches body headers on a 304', async () => {
    expect(await probe('not-modified')).toEqual(['a 304 carries body headers or a body']);
  });
  it('checks answers of real routes too', async () => {
    takeContractViolations();
    const res = await app.inject({ url: '/v1/jobs?limit=0' });
    expect(res.statusCode).toBe(400);
    expect(takeContractViolations()).toEqual([]);
  });
});
