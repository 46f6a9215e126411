#!/bin/sh
# `make pytest`: the whole suite on database files and, at the same time, the service,
# report and command-line tests again with their databases on a PostgreSQL server that
# the run starts and stops itself (tests/pg.py). Both must pass.
set -u
PY=${PY:-.venv/bin/python}
log=$(mktemp)
missing=$($PY -c 'from tests import pg; print(pg.available() or "")')
if [ -n "$missing" ]; then
    echo "test_both: not running the tests on PostgreSQL: $missing" > "$log"
    on_server_pid=""
else
    MUTUALDESK_TEST_BACKEND=postgresql QT_QPA_PLATFORM=offscreen \
        $PY -m pytest -n auto -q tests/services tests/cli tests/reports > "$log" 2>&1 &
    on_server_pid=$!
fi
QT_QPA_PLATFORM=offscreen $PY -m pytest -n auto --durations=15
files=$?
on_server=0
if [ -n "$on_server_pid" ]; then
    wait "$on_server_pid"
    on_server=$?
fi
echo
echo "==== the service, report and command-line tests on a PostgreSQL server ===="
grep -v '^\(XFAIL\|SKIPPED\) ' "$log" | tail -n 60
rm -f "$log"
[ "$files" -eq 0 ] && [ "$on_server" -eq 0 ]
