import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { JobStream, type JobStreamSource } from '../modules/jobs/job-stream.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Postings published and closed on any instance over this database, as they become final in the change feed. */
    jobStream: JobStreamSource & { readonly stats: JobStream['stats'] };
  }
}

/** One JobStream per instance; closing the app releases its LISTEN connection. */
export default fp(
  async (app: FastifyInstance) => {
    const stream = new JobStream({
      db: app.deps.db,
      listen: app.database.listen,
      pollMs: app.config.jobStream.pollMs,
      log: app.log.child({ module: 'job-stream' }),
    });
    app.decorate('jobStream', stream);
    app.addHook('onClose', () => stream.close());
  },
  { name: 'job-stream', dependencies: ['app-context'] },
);
