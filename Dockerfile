# syntax=docker/dockerfile:1
# sessions-bot: multi-stage, production dependencies only, runs as the unprivileged "node" user.

# Node.js 24, the active LTS line (20 reached its end of life on 2026-04-30); better-sqlite3 12 supports it.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 is a native addon: prebuilt binaries are fetched, with the tools to build it if none fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The compiled build (npm run build): the image runs JavaScript, with no TypeScript compiled at start.
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim
# The heap cap keeps memory flat under bursts (npm run bench measures it); answers need far less.
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=160" \
    PORT=3978 \
    DATABASE_URL=sqlite:/app/data/sessions-bot.db \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY manifests ./manifests
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/cli/bin.js", "serve"]
