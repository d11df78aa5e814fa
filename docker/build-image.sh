#!/usr/bin/env bash
# Builds the job image from docker/Dockerfile.
# Usage: docker/build-image.sh [--cuda] [--tag IMAGE] [--flink-image BASE]
#   --cuda               PyTorch's CUDA natives (pytorch-native-cu128) and one GPU per TaskManager
#   --tag IMAGE          image name (default image-restoration:<project version>[-cuda])
#   --flink-image BASE   Flink 2.3 / Java 17 base image (default flink:2.3.0-java17, the official one)
# Needs flink-job/target/image-restoration.jar (mvn -B package -DskipTests). MVN_FLAGS is passed to Maven
# (e.g. MVN_FLAGS=-o offline).
set -euo pipefail
cd "$(dirname "$0")/.."

native=pytorch-native-cpu gpus=0 profile="" tag="" base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cuda) native=pytorch-native-cu128 gpus=1 profile=-Pcuda ;;
    --tag) tag="$2"; shift ;;
    --flink-image) base="$2"; shift ;;
    *) echo "unknown argument '$1'; usage: $0 [--cuda] [--tag IMAGE] [--flink-image BASE]" >&2; exit 2 ;;
  esac
  shift
done
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)"
tag="${tag:-image-restoration:${version}${profile:+-cuda}}"

jar=flink-job/target/image-restoration.jar
[ -f "$jar" ] || { echo "$jar is missing: build it first with 'mvn -B package -DskipTests'" >&2; exit 1; }

# DJL and the PyTorch natives for lib/ (docker/target/djl-<native artifact>/).
# shellcheck disable=SC2086 # MVN_FLAGS and the profile are split on purpose
nice -n 15 mvn -B -q ${MVN_FLAGS:-} -f docker/pom.xml $profile package

context=docker/target/image
rm -rf "$context"
mkdir -p "$context"
cp -rl "docker/target/djl-$native" "$context/"
cp "$jar" "$context/image-restoration.jar"

args=(--build-arg "PYTORCH_NATIVE=$native" --build-arg "GPUS_PER_TASKMANAGER=$gpus")
[ -n "$base" ] && args+=(--build-arg "FLINK_IMAGE=$base")
DOCKER_BUILDKIT=0 nice -n 15 docker build "${args[@]}" -f docker/Dockerfile -t "$tag" "$context"
echo "built $tag"
