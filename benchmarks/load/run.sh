#!/usr/bin/env bash
# The busy afternoon against gunicorn + PostgreSQL + Redis on this machine (127.0.0.1 only).
# Usage: make load   (LOAD_RUN_TIME=60s LOAD_PORT=8077 LOAD_DB=truongap_load LOAD_WORKERS=3 to change)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
DB=${LOAD_DB:-truongap_load}
PORT=${LOAD_PORT:-8077}
RUN_TIME=${LOAD_RUN_TIME:-60s}
OUT=${LOAD_OUT:-benchmarks/load/out}
mkdir -p "$OUT"

# A throw-away local database: production settings (DEBUG off) but plain HTTP on the loopback.
# The key below encrypts this benchmark database only; it protects nothing real.
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export REDIS_URL="${LOAD_REDIS_URL:-redis://127.0.0.1:6379/8}"
export DEBUG=0 HTTPS=0 TESTING=0 ALLOWED_HOSTS=127.0.0.1,localhost
export SECRET_KEY="load-benchmark-only-8c1f0e4b7d2a49b6a3e5f9c0d1b2a3c4e5f60718293a"
export FIELD_ENCRYPTION_KEYS="1_lY-ieyRyK0kLbyyMKipWMSmc5gDHgPJCDfuDw-Mlw="

psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS ${DB}" -c "CREATE DATABASE ${DB}"
redis-cli -u "$REDIS_URL" flushdb >/dev/null
$PY manage.py migrate --noinput -v 0
$PY manage.py seed_demo >/dev/null
$PY manage.py collectstatic --noinput -v 0
$PY benchmarks/load/prepare.py > "$OUT/sessions.json"

.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${PORT}" --workers "${LOAD_WORKERS:-3}" \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:${PORT}/healthz" >/dev/null && break; sleep 1; done

LOAD_SESSIONS="$OUT/sessions.json" .venv/bin/locust -f benchmarks/load/locustfile.py --headless \
  --users 212 --spawn-rate 50 --run-time "$RUN_TIME" --stop-timeout 10 \
  --host "http://127.0.0.1:${PORT}" --csv "$OUT/afternoon" --only-summary
