-- Review jobs and their sets, for both engines (SQLite and Postgres read this file alike).
CREATE TABLE IF NOT EXISTS review_jobs (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    options TEXT NOT NULL,
    row_errors TEXT NOT NULL,
    warnings TEXT NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    report_head TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS review_sets (
    job_id TEXT NOT NULL REFERENCES review_jobs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    submission TEXT NOT NULL,
    result TEXT,
    claimed_by TEXT,
    claimed_until DOUBLE PRECISION,
    reviewed_by TEXT,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS review_jobs_open ON review_jobs(status, created_at);
CREATE INDEX IF NOT EXISTS review_sets_open ON review_sets(job_id, idx) WHERE result IS NULL;
