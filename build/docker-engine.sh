#!/usr/bin/env bash
# Makes a Docker engine and the integration tests' RabbitMQ/PostgreSQL images available, then writes
# the environment Testcontainers needs to a file that callers source:
#
#   build/docker-engine.sh && . /tmp/networkhub-docker/env    (or: eval "$(build/docker-engine.sh)")
#
# Engine: an engine that answers `docker info` is used as it is. Otherwise (root on Debian) the
# docker.io package is installed when missing and dockerd is started in the background; its pid is
# written to $state_dir/dockerd.pid (stop it with: kill -TERM "$(cat /tmp/networkhub-docker/dockerd.pid)").
# Images: the official rabbitmq:4-management / postgres:17 when present locally; else the local
# equivalents (build/images/, tagged networkhub-local/*) when built earlier from the current sources;
# else the official ones when `docker pull` works; else the local equivalents are built from Debian
# packages (debootstrap for the base image).
# Idempotent: a second run only checks and takes seconds. Progress goes to stderr, the exports to stdout.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
images_dir="$repo_root/build/images"

# Machine-wide state (one engine serves every checkout); not under the repo, whose TestResults/ is
# wiped by build/test.sh. Other users than root get their own (they cannot write root's lock).
if [[ $(id -u) -eq 0 ]]; then
  state_dir="${NETWORKHUB_DOCKER_STATE_DIR:-/tmp/networkhub-docker}"
else
  state_dir="${NETWORKHUB_DOCKER_STATE_DIR:-/tmp/networkhub-docker-$(id -u)}"
fi
pid_file="$state_dir/dockerd.pid"
dockerd_log="$state_dir/dockerd.log"
env_file="$state_dir/env"
# While this file is recent, the registry is known to be unreachable and pulls are not tried again.
no_registry_marker="$state_dir/registry-unreachable"
no_registry_ttl_minutes=15

official_rabbitmq_image="rabbitmq:4-management"
official_postgres_image="postgres:17"
local_rabbitmq_image="networkhub-local/rabbitmq:4-management"
local_postgres_image="networkhub-local/postgres:17"
# Debian 13 ships rabbitmq-server 4.0 (Erlang 27) and postgresql-17, the versions the official images have.
debian_suite="trixie"
debian_mirror="http://deb.debian.org/debian"
debian_security_mirror="http://deb.debian.org/debian-security"
base_image="networkhub-local/debian:$debian_suite"
# The Ryuk (resource reaper) image Testcontainers 4.16 starts; see ResourceReaper.RyukImage.
ryuk_image="testcontainers/ryuk:0.14.0"
# Label holding a hash of what an image was built from; a changed recipe triggers a rebuild.
recipe_label="org.networkhub.recipe"

say() { printf 'docker-engine: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

mkdir -p "$state_dir"
# One run at a time: parallel test runs must not start two daemons or build the same image twice.
exec 9>"$state_dir/lock"
if ! flock -n 9; then
  say "another run holds $state_dir/lock; waiting for it"
  flock 9
fi

# The docker CLI (v28 here) negotiates the API version itself; a stale DOCKER_API_VERSION from the
# caller's environment could only make `docker info` fail against an older daemon.
unset DOCKER_API_VERSION

docker_ready() { docker info >/dev/null 2>&1; }

managed_dockerd_pid() {
  local pid
  [[ -s $pid_file ]] || return 1
  pid=$(<"$pid_file")
  [[ $pid =~ ^[0-9]+$ && -d /proc/$pid && $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]] || return 1
  echo "$pid"
}

# Installs the given Debian packages (root only); apt-get update runs once, right before.
apt_install() {
  (( $# > 0 )) || return 0
  local missing=("$@")
  say "installing ${missing[*]}"
  # Keep maintainer scripts from starting a docker service (no systemd here; this script starts dockerd).
  local policy_rc=/usr/sbin/policy-rc.d added_policy_rc=
  if [[ ! -e $policy_rc ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy_rc"
    chmod 755 "$policy_rc"
    added_policy_rc=1
  fi
  local status=0
  {
    apt-get update -o DPkg::Lock::Timeout=600 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}"
  } >&2 || status=$?
  [[ -z $added_policy_rc ]] || rm -f "$policy_rc"
  (( status == 0 )) || die "apt-get install ${missing[*]} failed"
}

start_dockerd() {
  local pid
  if pid=$(managed_dockerd_pid); then
    say "dockerd (pid $pid) is running but not answering yet; waiting for it"
  else
    say "starting dockerd (log: $dockerd_log)"
    # setsid: the daemon outlives this script and the caller's terminal session. 9>&-: it must not
    # inherit (and so hold forever) this script's lock. cd /: it must not pin the checkout.
    (cd / && exec setsid dockerd >>"$dockerd_log" 2>&1 </dev/null 9>&-) &
    pid=$!
    echo "$pid" > "$pid_file"
  fi
  local deadline=$((SECONDS + 60))
  until docker_ready; do
    if [[ ! -d /proc/$pid ]]; then
      tail -n 20 "$dockerd_log" >&2 || true
      rm -f "$pid_file"
      die "dockerd exited; see $dockerd_log"
    fi
    (( SECONDS < deadline )) || die "dockerd (pid $pid) did not answer within 60 s; see $dockerd_log"
    sleep 0.5
  done
  say "dockerd is up (pid $pid; stop it with: kill -TERM \$(cat $pid_file))"
}

ensure_engine() {
  if docker_ready; then
    say "docker engine reachable"
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    die "no Docker engine is reachable (docker info fails) and not running as root to start one;" \
        "start Docker (or run this script as root on Debian)"
  fi
  [[ -r /etc/debian_version ]] || die "no Docker engine is reachable and this is not Debian; start Docker first"
  local packages=()
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    packages+=(docker.io)
  fi
  # Needed later only if images must be built; installed together so apt runs once.
  command -v debootstrap >/dev/null 2>&1 || packages+=(debootstrap)
  apt_install "${packages[@]}"
  start_dockerd
}

# --- images ---------------------------------------------------------------------------------------

image_present() { docker image inspect "$1" >/dev/null 2>&1; }

image_label() {
  docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true
}

registry_known_unreachable() {
  [[ -n $(find "$no_registry_marker" -mmin "-$no_registry_ttl_minutes" 2>/dev/null) ]]
}

try_pull() {
  local image=$1 output
  if registry_known_unreachable; then
    say "not pulling $image: the registry was unreachable less than $no_registry_ttl_minutes min ago"
    return 1
  fi
  say "pulling $image"
  # Bounded: a registry that is blocked rather than refused would otherwise hang the run.
  if output=$(timeout 60 docker pull -q "$image" 2>&1); then
    rm -f "$no_registry_marker"
    return 0
  fi
  say "pull of $image failed: $(head -n 1 <<<"$output")"
  touch "$no_registry_marker"
  return 1
}

# Stable hash of a directory's files (names and contents), independent of where the repo is checked out.
tree_hash() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

base_recipe() {
  # The function text is the recipe: editing build_base_image rebuilds the base (and so the services).
  { declare -f build_base_image; echo "$debian_suite $debian_mirror $debian_security_mirror"; } |
    sha256sum | cut -c1-16
}

build_base_image() {
  local rootfs=$1
  [[ $(id -u) -eq 0 ]] || die "building $base_image needs root (debootstrap); or provide the official images"
  if ! command -v debootstrap >/dev/null 2>&1; then
    [[ -r /etc/debian_version ]] || die "debootstrap is needed to build $base_image"
    apt_install debootstrap
  fi
  say "debootstrap $debian_suite (minbase) into $rootfs"
  debootstrap --variant=minbase "$debian_suite" "$rootfs" "$debian_mirror" > "$state_dir/debootstrap.log" 2>&1 ||
    { tail -n 20 "$state_dir/debootstrap.log" >&2; die "debootstrap failed; see $state_dir/debootstrap.log"; }

  # Release, point-release updates and security updates, as in the official debian image.
  rm -f "$rootfs/etc/apt/sources.list"
  cat > "$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $debian_mirror
Suites: $debian_suite $debian_suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $debian_security_mirror
Suites: $debian_suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # Image conventions of the official debian image: services never start during builds, apt keeps
  # no caches, no translations, no recommends, and packages install without docs/man pages.
  printf '#!/bin/sh\nexit 101\n' > "$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  cat > "$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  cat > "$rootfs/etc/apt/apt.conf.d/docker-slim" <<'EOF'
Acquire::Languages "none";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
  cat > "$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  # Leftovers of the bootstrap: downloaded packages, indexes, logs, docs and translations (the same
  # paths as the excludes above), and the host's resolv.conf (Docker provides one per container).
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log \
         "$rootfs"/var/log/apt/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  find "$rootfs/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  : > "$rootfs/etc/resolv.conf"

  say "importing $base_image"
  tar --numeric-owner -C "$rootfs" -c . |
    docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' --change "LABEL $recipe_label=$(base_recipe)" \
      --message "debootstrap --variant=minbase $debian_suite" - "$base_image" >/dev/null
}

remove_rootfs() {
  local rootfs=$1 mount_point
  [[ -n $rootfs && -d $rootfs ]] || return 0
  # A failed debootstrap can leave proc/sys mounted inside; never delete through a mount.
  while read -r mount_point; do
    umount -l "$mount_point" 2>/dev/null || true
  done < <(awk -v root="$rootfs/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf --one-file-system "$rootfs"
}

base_image_current() {
  image_present "$base_image" && [[ $(image_label "$base_image" "$recipe_label") == "$(base_recipe)" ]]
}

ensure_base_image() {
  ! base_image_current || return 0
  local rootfs started=$SECONDS
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/networkhub-rootfs.XXXXXX")
  trap 'remove_rootfs "'"$rootfs"'"' EXIT
  build_base_image "$rootfs"
  remove_rootfs "$rootfs"
  trap - EXIT
  say "built $base_image in $((SECONDS - started)) s"
}

service_recipe() {
  local context=$1 base_id
  base_id=$(docker image inspect --format '{{.Id}}' "$base_image")
  printf '%s %s\n' "$(tree_hash "$context")" "$base_id" | sha256sum | cut -c1-16
}

local_image_current() {
  local tag=$1 context=$2
  base_image_current && image_present "$tag" &&
    [[ $(image_label "$tag" "$recipe_label") == "$(service_recipe "$context")" ]]
}

build_service_image() {
  local tag=$1 context=$2 name log started
  name=$(basename "$context")
  log="$state_dir/build-$name.log"
  ensure_base_image
  started=$SECONDS
  say "building $tag from $context (log: $log)"
  docker build --label "$recipe_label=$(service_recipe "$context")" --build-arg "BASE_IMAGE=$base_image" \
      -t "$tag" "$context" > "$log" 2>&1 ||
    { tail -n 30 "$log" >&2; die "docker build of $tag failed; see $log"; }
  say "built $tag in $((SECONDS - started)) s"
}

# Prints the image to use: the official one when present or pullable, otherwise the local build.
choose_image() {
  local official=$1 local_tag=$2 context=$3
  if image_present "$official"; then
    say "using $official (present)"
  elif local_image_current "$local_tag" "$context"; then
    say "using $local_tag (built earlier from $context)"
    echo "$local_tag"
    return 0
  elif try_pull "$official"; then
    say "using $official (pulled)"
  else
    build_service_image "$local_tag" "$context"
    echo "$local_tag"
    return 0
  fi
  echo "$official"
}

# --- main ------------------------------------------------------------------------------------------

ensure_engine

exports=()

# Testcontainers for .NET talks API 1.44 unless told otherwise; Debian 12's docker.io (20.10) speaks 1.41.
server_api=$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null || true)
if [[ $server_api =~ ^1\.([0-9]+)$ ]] && (( BASH_REMATCH[1] < 44 )); then
  export DOCKER_API_VERSION=$server_api
  exports+=("DOCKER_API_VERSION=$server_api")
fi

# Inside a container (/.dockerenv) Testcontainers assumes a sibling-container setup and would reach
# published ports through the bridge gateway. When the engine runs in this very machine (the one this
# script starts, or any whose host name is ours) the ports are published on 127.0.0.1.
if [[ -e /.dockerenv ]]; then
  if managed_dockerd_pid >/dev/null || [[ $(docker info --format '{{.Name}}' 2>/dev/null) == "$(uname -n)" ]]; then
    exports+=("TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1")
  fi
fi

rabbitmq_image=$(choose_image "$official_rabbitmq_image" "$local_rabbitmq_image" "$images_dir/rabbitmq")
postgres_image=$(choose_image "$official_postgres_image" "$local_postgres_image" "$images_dir/postgres")

# Rebuilt images leave their predecessors untagged; drop those (docker skips any a container still uses).
if [[ -n $(docker images -q --filter dangling=true --filter "label=$recipe_label") ]]; then
  say "removing superseded networkhub-local images"
  docker image prune -f --filter "label=$recipe_label" >/dev/null || true
fi

# Ryuk removes leftover containers after a test run; Testcontainers fails when it cannot get its image.
if image_present "$ryuk_image" || try_pull "$ryuk_image"; then
  say "using $ryuk_image"
else
  say "no $ryuk_image: Testcontainers runs without Ryuk (containers of crashed test runs stay behind)"
  exports+=("TESTCONTAINERS_RYUK_DISABLED=true")
fi

exports+=("NETWORKHUB_RABBITMQ_IMAGE=$rabbitmq_image" "NETWORKHUB_POSTGRES_IMAGE=$postgres_image")

{
  echo "# Written by $repo_root/build/docker-engine.sh; source this file before running the tests."
  printf 'export %s\n' "${exports[@]}"
} > "$env_file.tmp"
mv "$env_file.tmp" "$env_file"

say "environment written to $env_file:"
printf 'export %s\n' "${exports[@]}"
