#!/bin/bash
# Entrypoint of the local rabbitmq image: starts the broker the way the official image does.
set -euo pipefail

# Like the official image: options alone ("-something") are passed to rabbitmq-server.
if [[ ${1:-} == -* ]]; then
  set -- rabbitmq-server "$@"
fi

if [[ ${1:-} == rabbitmq-server ]]; then
  shift
  # exec, so the server script is PID 1: it turns docker stop's SIGTERM into a clean broker shutdown.
  exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
fi

exec "$@"
