# The kg API (and CLI) image. Neo4j runs in its own container (see docker-compose.yml), so this
# image needs neither Java nor Maven: KG_NEO4J_URI must point at a Neo4j.
# The map's and GraphiQL's npm packages, installed from the lock file in a Node.js stage.
FROM node:20-slim AS web
WORKDIR /web
COPY kg/web/package.json kg/web/package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KG_DATA_DIR=/var/lib/kg \
    KG_API_HOST=0.0.0.0 \
    KG_ENV=production

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The code. An editable install keeps the source layout, so kg finds schema/*.cypher next to
# the kg package exactly as in a checkout.
COPY kg ./kg
COPY loaders ./loaders
COPY schema ./schema
COPY data ./data
COPY --from=web /web/node_modules ./kg/web/node_modules
RUN python -m kg.web.assets --copy-only && rm -rf kg/web/node_modules
RUN pip install --no-deps -e . \
    && useradd --system --create-home --home-dir /home/kg kg \
    && mkdir -p /var/lib/kg && chown kg:kg /var/lib/kg

USER kg
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"

CMD ["kg", "serve", "--host", "0.0.0.0"]
