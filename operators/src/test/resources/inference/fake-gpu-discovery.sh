#!/usr/bin/env bash
# A stand-in for Flink's nvidia-gpu-discovery.sh on machines without GPUs. Flink's GPU driver calls it
# as `fake-gpu-discovery.sh <amount> <discovery-script.args>` and reads one line of comma-separated GPU
# indices. It prints the indices given with --indexes (default 0,1), or nothing with --none.
amount="$1"
shift
indexes="0,1"
while [ $# -gt 0 ]; do
  case "$1" in
    --indexes) indexes="$2"; shift 2 ;;
    --none) indexes=""; shift ;;
    *) shift ;;
  esac
done
if [ -z "$amount" ]; then
  echo "usage: fake-gpu-discovery.sh <amount> [--indexes i,j] [--none]" >&2
  exit 1
fi
echo "$indexes"
