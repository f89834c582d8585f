#!/usr/bin/env bash
# Build step: records class-data-sharing archives for bin/dmg and bin/daos_server by running each once the way users
# do. An archive is written to a temporary name and moved into lib/ only when complete: a truncated archive crashes
# the JVM that maps it. Failure here never fails the build; the launchers simply start without an archive.
set -u
home=$(cd "$1" && pwd -P)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# dmg: a storage scan against a closed port walks the whole gRPC client path.
DOCKMASTER_CDS_DUMP="$tmp/dmg.jsa" "$home/bin/dmg" -i -l 127.0.0.1:1 storage scan >/dev/null 2>&1
if [ -s "$tmp/dmg.jsa" ]; then mv "$tmp/dmg.jsa" "$home/lib/dmg.jsa"; else echo "warning: no CDS archive for dmg" >&2; fi

# daos_server: start on the shipped config, wait for the port, stop with SIGTERM (the archive is written at exit).
port=$(( 20000 + RANDOM % 20000 ))
DOCKMASTER_CDS_DUMP="$tmp/daos_server.jsa" "$home/bin/daos_server" start -o "$home/conf/daos_server.yml" \
  -p "$port" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -s "$tmp/daos_server.jsa" ]; then
  mv "$tmp/daos_server.jsa" "$home/lib/daos_server.jsa"
else
  echo "warning: no CDS archive for daos_server:" >&2
  cat "$tmp/server.log" >&2
fi
exit 0
