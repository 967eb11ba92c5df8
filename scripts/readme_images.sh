#!/usr/bin/env bash
# Redraw the README's pictures from examples/vmkf (never by hand):  scripts/readme_images.sh
# Uses the project's .venv (./dev creates it) unless MALMILJO names another `malmiljo`.
set -euo pipefail
cd "$(dirname "$0")/.."
run=${MALMILJO:-.venv/bin/malmiljo}
"$run" graph -e examples/vmkf -o docs/images/map.png
