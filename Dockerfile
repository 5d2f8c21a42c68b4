# syntax=docker/dockerfile:1
# test/app/image.test.ts replays these steps without a Docker engine (the stages in temporary folders,
# then CMD and HEALTHCHECK against PGlite and PostgreSQL); it knows the instructions used here and
# fails on any other, so a change to this file is checked by `npm test`.

# Build: type-check and compile with the dev dependencies, then collect the runtime files
# (scripts/image-files.mjs is their one list).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
RUN node scripts/image-files.mjs image

# Production dependencies only (none has an install script).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 PGLITE_DIR=/app/data/pglite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/image ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
# The first embedded start seeds the demo data before it listens, hence the start period.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The CLIs from the image: node dist/src/cli/migrate.js | seed.js | keys.js (or npm run migrate|seed|keys).
CMD ["node", "dist/src/main.js"]
