# Slim, non-root image serving the OKR Coach API with several uvicorn workers.
#   docker build -t okr-coach . && docker run -p 8000:8000 -e OKR_COACH_API_KEYS=<digest> okr-coach
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
# Workers share /metrics through PROMETHEUS_MULTIPROC_DIR (set by `okr-coach serve`); rate-limit
# counters are per worker unless OKR_COACH_RATE_LIMIT_STORAGE_URI points at Redis (see README).
ENV OKR_COACH_HOST=0.0.0.0 OKR_COACH_PORT=8000 OKR_COACH_WORKERS=4 OKR_COACH_DATA_DIR=/data \
    OKR_COACH_RATE_LIMIT=120/minute PYTHONUNBUFFERED=1
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["okr-coach", "serve"]
