/**
 * The framework-overhead floor: Fastify with one route answering what /healthz answers (same
 * response schema, so the same serialiser), no plugins and no logger.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get(
  '/healthz',
  { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string', const: 'ok' } }, required: ['status'] } } } },
  async () => ({ status: 'ok' }),
);
await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
