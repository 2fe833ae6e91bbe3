#!/usr/bin/env bash
# The OpenFisca-France Web API (with openfisca-france-local) on loopback, for concerto.rights.
# Usage: tools/openfisca/serve.sh [PORT]   (default: the port of CONCERTO_OPENFISCA_URL, or 5001)
# The virtual environment is made by `make openfisca` (var/openfisca-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${OPENFISCA_VENV:-var/openfisca-venv}"
URL="${CONCERTO_OPENFISCA_URL:-http://127.0.0.1:5001}"
DEFAULT_PORT="${URL##*:}"
DEFAULT_PORT="${DEFAULT_PORT%%/*}"
PORT="${1:-$DEFAULT_PORT}"
if [ ! -x "$VENV/bin/openfisca" ]; then
  echo "OpenFisca n'est pas installé : lancez « make openfisca »." >&2
  exit 1
fi
# One worker: the tax and benefit system takes ~300 MB; a batch of households is one request.
# The time-out covers the first request (the model is loaded lazily, ~30 s) and big batches.
exec "$VENV/bin/openfisca" serve \
  --country-package openfisca_france \
  --extensions openfisca_france_local \
  --reforms openfisca_france_local.epci_test_factory.epci_reform \
  --bind "127.0.0.1:$PORT" --workers 1 --timeout "${OPENFISCA_TIMEOUT:-300}"
