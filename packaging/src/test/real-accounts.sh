#!/bin/sh
# Runs a package's postinst and postrm with the REAL adduser, deluser, getent and deb-systemd-helper, in a
# private mount namespace (unshare -m) where /etc, /var/lib and /lib/systemd/system are throw-away copies, so
# the host's users and units are never touched. Prints what it saw as key=value lines for DebianPackagesIT.
# Usage: unshare -m --propagation private sh real-accounts.sh PACKAGE CONTROL_DIR UNIT_FILE USER DATA_DIR WORK_DIR
set -eu
package="$1" control="$2" unit="$3" user="$4" data="$5" work="$6"
# as dpkg sets them for maintainer scripts (deb-systemd-helper refuses to run without)
export DPKG_MAINTSCRIPT_PACKAGE="$package" DPKG_MAINTSCRIPT_NAME=postinst
name="$(basename "$unit")"

mkdir -p "$work/etc" "$work/var-lib" "$work/units"
cp -a /etc/. "$work/etc/"
cp -a /lib/systemd/system/. "$work/units/"
cp "$unit" "$work/units/$name"
# set -e: if any of these fails, nothing below runs against the host's files
mount --bind "$work/etc" /etc
mount --bind "$work/var-lib" /var/lib
mount --bind "$work/units" /lib/systemd/system
grep -q "^$user:" /etc/passwd && { echo "user $user exists already in the copy" >&2; exit 3; }

sh "$control/postinst" configure ""
echo "user=$(getent passwd "$user" | cut -d: -f1,6,7)"
echo "groups=$(id -nG "$user" | tr ' ' ',')"
echo "home-owner=$(stat -c %U:%G "$data")"
echo "enabled=$(readlink "/etc/systemd/system/multi-user.target.wants/$name" || echo no)"

sh "$control/postinst" configure "0.0.1"
echo "users-after-upgrade=$(grep -c "^$user:" /etc/passwd)"

DPKG_MAINTSCRIPT_NAME=postrm sh "$control/postrm" remove
echo "after-remove-user=$(getent passwd "$user" >/dev/null && echo present || echo gone)"
echo "after-remove-data=$(test -d "$data" && echo kept || echo gone)"

DPKG_MAINTSCRIPT_NAME=postrm sh "$control/postrm" purge
echo "after-purge-user=$(getent passwd "$user" >/dev/null && echo present || echo gone)"
echo "after-purge-group=$(getent group "$user" >/dev/null && echo present || echo gone)"
echo "after-purge-data=$(test -d "$data" && echo kept || echo gone)"
echo "after-purge-mask=$(test -e "/etc/systemd/system/$name" && echo masked || echo none)"
