#!/usr/bin/env bash
# A real S3 server for tests and local scale-out runs: Ceph 16.2 from Debian 12 — one monitor,
# one OSD on a sparse file, no mgr, no cephx — and radosgw (S3) on 127.0.0.1:7480. Ready in ~8 s.
# Env: CEPH_S3_DIR (data, wiped at every start), CEPH_S3_PORT, CEPH_S3_STORE (bluestore|memstore),
# S3_ACCESS_KEY, S3_SECRET_KEY. Ports 3300, 6789, 6800-6807 and the S3 port must be free.
# aws-sdk v3 clients must set requestChecksumCalculation and responseChecksumValidation to
# WHEN_REQUIRED (or the AWS_REQUEST_CHECKSUM_CALCULATION / AWS_RESPONSE_CHECKSUM_VALIDATION env vars):
# Pacific rejects aws-chunked streaming checksums with 411 MissingContentLength.
set -euo pipefail
B=${CEPH_S3_DIR:-${TMPDIR:-/tmp}/portico-s3}; PORT=${CEPH_S3_PORT:-7480}
STORE=${CEPH_S3_STORE:-bluestore}   # or memstore (all data in OSD RAM)
AK=${S3_ACCESS_KEY:-testaccesskey}; SK=${S3_SECRET_KEY:-testsecretkey1234567890}
C=$B/ceph.conf; MON="[v2:127.0.0.1:3300,v1:127.0.0.1:6789]"; T0=$SECONDS
# `command -v a b c` succeeds when any one is found: check each.
if ! { command -v radosgw && command -v ceph-mon && command -v ceph-osd && command -v ceph-authtool && command -v curl; } >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive; apt-get update -qq
  apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd ceph-common curl >/dev/null
fi
for p in $(cat "$B/pids" 2>/dev/null); do kill -0 "$p" 2>/dev/null && { echo "already running" >&2; exit 1; }; done
rm -rf "$B"; mkdir -p "$B"/{run,log,mon.a,osd.0}; : >"$B/pids"
fail() { set +e; echo "start-ceph-s3 FAILED, see $B/log" >&2; "$(dirname "$0")/stop.sh" >/dev/null; exit 1; }
trap fail ERR
waitfor() { for i in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.3; done; "$@"; }  # <= 90 s
FSID=$(cat /proc/sys/kernel/random/uuid)
cat >"$C" <<CONF
[global]
fsid = $FSID
mon host = $MON
public addr = 127.0.0.1
cluster addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
keyring = $B/keyring
run dir = $B/run
log file = $B/log/\$name.log
mon cluster log file = $B/log/cluster.log
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
osd crush chooseleaf type = 0
paxos propose interval = 0.05
paxos min wait = 0.01
[mon]
mon data = $B/mon.\$id
[osd]
osd data = $B/osd.\$id
osd objectstore = $STORE
memstore device bytes = 8589934592
bluestore block path = $B/osd.\$id/block.file
bluestore block create = true
bluestore block size = 8589934592
osd memory target = 939524096
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$PORT
ms mon client mode = crc
auth client required = none
CONF
ceph-authtool --create-keyring "$B/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --fsid "$FSID" --addv a "$MON" "$B/monmap" >/dev/null
ceph-mon -c "$C" --mkfs -i a --monmap "$B/monmap" --keyring "$B/keyring"
ceph-mon -c "$C" -i a -f >>"$B/log/mon.out" 2>&1 & echo $! >>"$B/pids"
waitfor ceph -c "$C" --connect-timeout 2 mon stat
U=$(cat /proc/sys/kernel/random/uuid); ceph -c "$C" osd new "$U" >/dev/null
ceph-osd -c "$C" -i 0 --mkfs --osd-uuid "$U" >>"$B/log/osd.out" 2>&1
ceph-osd -c "$C" -i 0 -f >>"$B/log/osd.out" 2>&1 & echo $! >>"$B/pids"
waitfor sh -c "ceph -c $C osd dump | grep -q '^osd.0 up'"
for pool in .rgw.root default.rgw.{log,control,meta,buckets.index,buckets.data,buckets.non-ec}; do
  ceph -c "$C" osd pool create "$pool" 8 8 >/dev/null 2>&1
  ceph -c "$C" osd pool application enable "$pool" rgw >/dev/null 2>&1
done
radosgw-admin -c "$C" user create --uid=test --display-name=test \
  --access-key="$AK" --secret-key="$SK" >"$B/user.json"
radosgw -c "$C" -n client.rgw -f >>"$B/log/rgw.out" 2>&1 & RGW=$!; echo $RGW >>"$B/pids"
for i in $(seq 300); do kill -0 $RGW; curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
sleep 0.3; kill -0 $RGW; curl -sf -o /dev/null "http://127.0.0.1:$PORT/"
trap - ERR
echo "ready in $((SECONDS-T0))s: http://127.0.0.1:$PORT key=$AK secret=$SK"
