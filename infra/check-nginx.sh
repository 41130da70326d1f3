#!/usr/bin/env bash
# Checks infra/nginx.conf with the real nginx (CI): the compose service name `api` is swapped for
# a loopback address, since `nginx -t` resolves upstream hosts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sed 's/server api:3000;/server 127.0.0.1:3000;/' "$here/nginx.conf" > "$tmp/site.conf"
cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log stderr;
events {}
http {
  client_body_temp_path $tmp; proxy_temp_path $tmp; fastcgi_temp_path $tmp; uwsgi_temp_path $tmp; scgi_temp_path $tmp;
  include $tmp/site.conf;
}
CONF
nginx -t -q -c "$tmp/nginx.conf"
echo "infra/nginx.conf: ok"
