# syntax=docker/dockerfile:1
# SkillScore: API, live feed, judge tablet app, organizer console and scoreboard in one image.
#   docker build -t skillscore .
#   docker run -p 3000:3000 -v skillscore-data:/app/data -e PUBLIC_URL=http://192.168.1.10:3000 skillscore
# compose.yaml runs two of these behind nginx with PostgreSQL and Redis; docs/deployment.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency, the apps and the server compiled ----------------------------
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary matches
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# swagger-ui-dist's dependency reports installs to a third party; npm 10 runs install scripts unasked
ENV SCARF_ANALYTICS=false NPM_CONFIG_AUDIT=false NPM_CONFIG_FUND=false NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY server/package.json server/
COPY judge-app/package.json judge-app/
COPY scoreboard/package.json scoreboard/
RUN npm ci
COPY scripts scripts
COPY server server
COPY judge-app judge-app
COPY scoreboard scoreboard
RUN npm run build
# Only what the server needs at run time: its production dependencies (better-sqlite3 compiled
# again here, for this image's Node), no test tools, no app build tools.
RUN rm -rf node_modules server/node_modules judge-app/node_modules scoreboard/node_modules \
 && npm ci --omit=dev --workspace server \
 && mkdir -p server/node_modules

# ---- runtime: non-root, production dependencies only ---------------------------------------
FROM ${NODE_IMAGE} AS runtime
# a Chinese font for the PDF exports (results, judge cards, feedback sheets)
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=sqlite:/app/data/scoring.sqlite \
    DEMO=0
WORKDIR /app
# code owned by root and read-only to the server's user; only /app/data is writable
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/server/package.json server/
COPY --from=build /src/server/node_modules server/node_modules
COPY --from=build /src/server/dist server/dist
COPY --from=build /src/judge-app/dist judge-app/dist
COPY --from=build /src/scoreboard/dist scoreboard/dist
COPY deploy/healthcheck.mjs deploy/healthcheck.mjs
# the SQLite database, secret.key and a generated organizer password live here (with PostgreSQL too)
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
CMD ["node", "--enable-source-maps", "server/dist/main.js"]
