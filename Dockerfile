# Slim, non-root image of OKR Coach; it runs either role:
#   the API (default):  docker build -t okr-coach . && docker run -p 8000:8000 -e OKR_COACH_API_KEYS=<digest> okr-coach
#   a review worker:    docker run --no-healthcheck -e OKR_COACH_DATABASE_URL=postgresql://... okr-coach okr-coach worker
# Several replicas on Postgres and Redis: compose.yaml and README "Running several replicas".
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY rubric ./rubric
COPY coach ./coach
COPY prompts ./prompts
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 coach && install -d -o coach -g coach /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER coach
# The health check probes the API; run workers with --no-healthcheck (compose.yaml disables it).
# Workers share /metrics through PROMETHEUS_MULTIPROC_DIR (set by `okr-coach serve`); rate-limit
# counters and cached model answers are per process unless OKR_COACH_REDIS_URL points at Redis;
# review jobs live in SQLite under /data unless OKR_COACH_DATABASE_URL points at Postgres.
ENV OKR_COACH_HOST=0.0.0.0 OKR_COACH_PORT=8000 OKR_COACH_WORKERS=4 OKR_COACH_DATA_DIR=/data \
    OKR_COACH_RATE_LIMIT=120/minute PYTHONUNBUFFERED=1
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["okr-coach", "serve"]
