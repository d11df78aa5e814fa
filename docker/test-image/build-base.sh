#!/usr/bin/env bash
# Builds, without any image registry, a Debian bookworm image with Java 17 (JRE) only:
# debootstrap a minimal root from Debian packages and `docker import` it.
# Usage: docker/test-image/build-base.sh [IMAGE]   (default image-restoration/debian-jre17:bookworm)
# Needs root, debootstrap and a running Docker engine. Skips the build when IMAGE already exists.
set -euo pipefail
image="${1:-image-restoration/debian-jre17:bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image exists; remove it (docker rmi $image) to rebuild"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }

root="$(mktemp -d /tmp/debian-jre17.XXXXXX)"
trap 'rm -rf "$root"' EXIT
nice -n 15 debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  bookworm "$root" "$mirror"
# Package caches and lists are not needed at run time.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | nice -n 15 docker import \
  --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  - "$image"
docker run --rm --network none "$image" java -version
