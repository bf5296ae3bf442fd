#!/usr/bin/env bash
# The one test command: installs what the suite needs (Debian packages, when run as root) and runs
# every test project. Integration specs start private RabbitMQ/PostgreSQL instances of their own;
# set RABBITMQ_URL (+ RABBITMQ_MANAGEMENT_URL) or POSTGRES_URL to point them at existing servers.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results_dir="$repo_root/TestResults"
policy_rc=/usr/sbin/policy-rc.d
added_policy_rc=

have_rabbitmq() { [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; }
have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_chromium() { [[ -x /usr/bin/chromium ]]; }

cleanup() {
  if [[ -n $added_policy_rc ]]; then
    rm -f "$policy_rc"
  fi
}
trap cleanup EXIT

# Stops system services that this run's package installation started: the specs need the default
# ports free of surprises, and a shared machine should not gain a broker nobody asked for.
stop_fresh_services() {
  local installed=" $* "
  if [[ $installed == *" rabbitmq-server "* ]]; then
    if pgrep -u rabbitmq -x beam.smp >/dev/null 2>&1; then
      echo "Stopping the rabbitmq-server service the package started"
      service rabbitmq-server stop >/dev/null 2>&1 || /etc/init.d/rabbitmq-server stop >/dev/null 2>&1 || true
    fi
    # The service's epmd (port 4369) outlives the broker; it belongs to the rabbitmq account.
    local pid
    for pid in $(pgrep -u rabbitmq -x epmd 2>/dev/null || true); do
      kill "$pid" 2>/dev/null || true
    done
  fi
  if [[ $installed == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null 2>&1; then
    local version name port status _
    while read -r version name port status _; do
      if [[ $status == online* ]]; then
        echo "Stopping the PostgreSQL $version/$name cluster the package started on port $port"
        pg_ctlcluster "$version" "$name" stop || true
      fi
    done < <(pg_lsclusters --no-header 2>/dev/null || true)
  fi
}

install_system_packages() {
  local missing=()
  have_rabbitmq || missing+=(rabbitmq-server)
  have_postgres || missing+=(postgresql)
  have_chromium || missing+=(chromium)
  if (( ${#missing[@]} == 0 )); then
    return 0
  fi

  if [[ $(id -u) -ne 0 ]]; then
    echo "warning: ${missing[*]} not installed and not running as root; specs needing them will fail" \
         "(or set RABBITMQ_URL / POSTGRES_URL)." >&2
    return 0
  fi

  echo "Installing ${missing[*]} (missing on this machine)"
  # Keep maintainer scripts from starting the system services at all (the Docker convention);
  # stop_fresh_services catches anything that starts regardless.
  if [[ ! -e $policy_rc ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy_rc"
    chmod 755 "$policy_rc"
    added_policy_rc=1
  fi
  apt-get update -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 rabbitmq-server postgresql chromium
  cleanup
  added_policy_rc=
  stop_fresh_services "${missing[@]}"
}

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

install_system_packages

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
