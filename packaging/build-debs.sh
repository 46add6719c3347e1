#!/usr/bin/env bash
# Maven's entry into the Debian packaging (package phase): builds TARGET/onegrid-gateway_V_all.deb and
# TARGET/onegrid-hub_V_all.deb from the built jars with dpkg-deb alone (no debhelper, no internet), so the
# packages come out of the normal build. Usage: build-debs.sh MAVEN_VERSION TARGET_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
[[ $# -eq 2 ]] || { echo "usage: build-debs.sh MAVEN_VERSION TARGET_DIR" >&2; exit 2; }
maven_version="$1" target="$2"
if ! command -v dpkg-deb >/dev/null 2>&1; then
  # Not on Debian: the rest of the build stays usable; CI builds on Debian, where a missing tool is a failure.
  [[ "${CI:-}" == "true" ]] && { echo "packaging: dpkg-deb not found (apt-get install dpkg)" >&2; exit 2; }
  echo "packaging: WARNING dpkg-deb not found, so no .deb is built here (the packages are built on Debian)" >&2
  exit 0
fi

# Debian orders '~' before everything, so 0.1.0~snapshot sorts below the 0.1.0 release that follows it.
version="$(printf '%s' "$maven_version" | tr '[:upper:]' '[:lower:]' | tr '-' '~')"
# Reproducible: every file dated by the last commit (or a fixed date outside git), as dpkg-deb dates the archive.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 1767225600)}"

# stage PACKAGE : an empty staging tree under TARGET/deb/PACKAGE with its DEBIAN folder
stage() {
  local dir="$target/deb/$1"
  rm -rf "$dir" && mkdir -p "$dir/DEBIAN"
  printf '%s' "$dir"
}

# put MODE SOURCE DEST-IN-TREE
put() { install -D -m "$1" "$2" "$tree/$3"; }

# docs PACKAGE : copyright, changelog.gz and the man page of /usr/bin/PACKAGE
docs() {
  local pkg="$1" date
  date="$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
  put 0644 "$here/copyright" "usr/share/doc/$pkg/copyright"
  mkdir -p "$tree/usr/share/doc/$pkg" "$tree/usr/share/man/man1"
  printf '%s (%s) unstable; urgency=medium\n\n  * Built from the OneGrid repository (Maven version %s).\n\n -- %s  %s\n' \
    "$pkg" "$version" "$maven_version" "OneGrid team <onegrid@onegrid.io>" "$date" \
    | gzip -9n > "$tree/usr/share/doc/$pkg/changelog.gz"
  sed "s/@VERSION@/$version/" "$here/$pkg/$pkg.1" | gzip -9n > "$tree/usr/share/man/man1/$pkg.1.gz"
  chmod 0644 "$tree/usr/share/doc/$pkg/changelog.gz" "$tree/usr/share/man/man1/$pkg.1.gz"
}

# control PACKAGE : DEBIAN/control from PACKAGE/control.in, the maintainer scripts and conffiles
control() {
  local pkg="$1" size f
  size="$(du -k -s --exclude=DEBIAN "$tree" | cut -f1)"
  sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" "$here/$pkg/control.in" > "$tree/DEBIAN/control"
  for f in postinst prerm postrm; do install -m 0755 "$here/$pkg/$f" "$tree/DEBIAN/$f"; done
  install -m 0644 "$here/$pkg/conffiles" "$tree/DEBIAN/conffiles"
  (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$tree/DEBIAN/md5sums"
  chmod 0644 "$tree/DEBIAN/control" "$tree/DEBIAN/md5sums"
  find "$tree" -type d -exec chmod 0755 {} +
  find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --build --root-owner-group -Zgzip -z6 "$tree" "$target/${pkg}_${version}_all.deb" >/dev/null
  echo "packaging: built $target/${pkg}_${version}_all.deb"
}

need() { [[ -f "$1" ]] || { echo "packaging: $1 is missing; build it first (mvn -B package -pl packaging -am)" >&2; exit 2; }; }

gateway_jar="$root/gateway/target/onegrid-gateway.jar"
hub_jar="$root/cloud-bridge/target/onegrid-hub.jar"
need "$gateway_jar"; need "$hub_jar"

pkg=onegrid-gateway
tree="$(stage $pkg)"
put 0644 "$gateway_jar" "usr/share/$pkg/onegrid-gateway.jar"
put 0644 "$root/gateway/config/jvm.options" "usr/share/$pkg/jvm.options"
put 0755 "$here/$pkg/onegrid-gateway" "usr/bin/onegrid-gateway"
put 0644 "$here/$pkg/gateway.yaml" "etc/onegrid/gateway.yaml"
put 0644 "$root/gateway/config/example.yaml" "usr/share/doc/$pkg/examples/gateway.yaml"
put 0644 "$here/$pkg/onegrid-gateway.service" "lib/systemd/system/onegrid-gateway.service"
docs $pkg
control $pkg

pkg=onegrid-hub
tree="$(stage $pkg)"
put 0644 "$hub_jar" "usr/share/$pkg/onegrid-hub.jar"
put 0755 "$here/$pkg/onegrid-hub" "usr/bin/onegrid-hub"
put 0600 "$here/$pkg/hub.env" "etc/onegrid/hub.env"
put 0644 "$here/$pkg/onegrid-hub.service" "lib/systemd/system/onegrid-hub.service"
put 0644 "$here/$pkg/lintian-overrides" "usr/share/lintian/overrides/$pkg"
docs $pkg
control $pkg
