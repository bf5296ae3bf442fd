#!/usr/bin/env bash
# The one test command: installs what the console's build and browser specs need when missing (npm for
# its browser packages, Chromium for the specs; as root on Debian, with apt), makes a Docker engine and
# the broker/database images available (build/docker-engine.sh: on a machine with Docker it uses that
# engine; as root on Debian it installs docker.io, starts dockerd and, where no registry is reachable,
# builds equivalent images from Debian's packages), then runs every test project. Integration specs start
# RabbitMQ and PostgreSQL containers of their own through Testcontainers.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results_dir="$repo_root/TestResults"

# Sums one counter attribute (e.g. passed) over every TRX file of this run.
trx_total() {
  local counter=$1 total=0 file value
  for file in "$results_dir"/*.trx; do
    [[ -e $file ]] || continue
    value=$(grep -o "<Counters [^>]*" "$file" | grep -o " $counter=\"[0-9]*\"" | grep -o '[0-9]\+' | head -n 1 || true)
    total=$(( total + ${value:-0} ))
  done
  echo "$total"
}

# npm installs the console's browser packages at build time; the browser specs drive Debian's Chromium.
missing=()
command -v npm >/dev/null || missing+=(nodejs npm)
[[ -x ${NETWORKHUB_CHROMIUM:-/usr/bin/chromium} ]] || missing+=(chromium)
if (( ${#missing[@]} > 0 )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]}" >&2
    apt-get update -o DPkg::Lock::Timeout=600 >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2
  else
    echo "test.sh: ${missing[*]} missing; install them (the console's build and browser specs need them)" >&2
  fi
fi

# Exports the engine settings and image names Testcontainers needs (NETWORKHUB_*_IMAGE, TESTCONTAINERS_*).
eval "$(bash build/docker-engine.sh)"

rm -rf "$results_dir"
status=0
dotnet test NetworkHub.sln -c Release \
  --logger "console;verbosity=normal" \
  --logger trx \
  --results-directory "$results_dir" \
  --blame-hang-timeout 20m --blame-hang-dump-type none \
  || status=$?

passed=$(trx_total passed)
failed=$(( $(trx_total failed) + $(trx_total error) + $(trx_total timeout) + $(trx_total aborted) ))
not_run=$(trx_total notExecuted)
if ! compgen -G "$results_dir/*.trx" >/dev/null; then
  echo "No test results were written (did the build fail?)" >&2
fi
if (( not_run > 0 )); then
  echo "$not_run skipped"
fi
echo "$passed passed, $failed failed"
exit "$status"
