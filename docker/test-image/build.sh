#!/usr/bin/env bash
# Builds the container tests' image without any registry:
#   1. image-restoration/debian-jre17:bookworm  Debian minbase + openjdk-17-jre-headless (build-base.sh)
#   2. image-restoration/flink-base:2.3.0-java17  + Flink's runtime from Maven artifacts, the official
#      image's layout and entry point commands (this folder's Dockerfile)
#   3. image-restoration:test  docker/Dockerfile on that base: the job image, as users build it on the official base
# Needs root, debootstrap, a running Docker engine and flink-job/target/image-restoration.jar
# (mvn -B package -DskipTests). MVN_FLAGS is passed to Maven (e.g. MVN_FLAGS=-o offline).
set -euo pipefail
cd "$(dirname "$0")/../.."

base=image-restoration/debian-jre17:bookworm
flink_base=image-restoration/flink-base:2.3.0-java17
test_image="${1:-image-restoration:test}"

docker/test-image/build-base.sh "$base"
# shellcheck disable=SC2086
nice -n 15 mvn -B -q ${MVN_FLAGS:-} -f docker/test-image/pom.xml package
DOCKER_BUILDKIT=0 nice -n 15 docker build -q --build-arg "BASE_IMAGE=$base" -t "$flink_base" docker/test-image
docker/build-image.sh --flink-image "$flink_base" --tag "$test_image"
