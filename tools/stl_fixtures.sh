#!/usr/bin/env bash
# Regenerates the STL reference fixtures in tests/fixtures/stl/ from statsmodels.
#
# Builds (once) a private Python venv at .venv-stl/ with numpy + statsmodels from PyPI, then
# runs tools/stl_fixtures.py. The fixtures are checked in; `cargo test` never needs Python.
#
# Usage: tools/stl_fixtures.sh            (from anywhere)
#        PYTHON=python3.11 tools/stl_fixtures.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-stl"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet -r "$root/tools/requirements-stl.txt"
fi
"$venv/bin/python" "$root/tools/stl_fixtures.py" "$root/tests/fixtures/stl"
