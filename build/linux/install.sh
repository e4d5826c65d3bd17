#!/usr/bin/env bash
# Installs SupportBack Desktop for every user of this Linux computer, or updates it, or (--uninstall)
# removes it. Run as root from the unpacked sb-desktop folder: `sudo ./install.sh`.
# People's journals live in their own home folders and are never touched, not even by --uninstall.
#
#   PREFIX=/opt/sb-desktop  where the app goes (default)
#   SB_INSTALL_ROOT=/tmp/x  install under another root (for packaging and testing)
set -euo pipefail

root="${SB_INSTALL_ROOT:-}"
prefix="${PREFIX:-/opt/sb-desktop}"
here="$(cd "$(dirname "$0")" && pwd)"
apps="$root/usr/share/applications"
icons="$root/usr/share/icons/hicolor"
bin="$root/usr/local/bin"

refresh_menus() {
    # Optional on minimal systems: menus still pick the entry up at the next login without them.
    if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$apps" || true; fi
    if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$icons" || true; fi
}

if [[ "${1:-}" == "--uninstall" ]]; then
    rm -f "$bin/sb-desktop" "$apps/sb-desktop.desktop" "$icons/scalable/apps/sb-desktop.svg"
    for size in 48 128 256; do rm -f "$icons/${size}x${size}/apps/sb-desktop.png"; done
    rm -rf "$root$prefix"
    refresh_menus
    echo "SupportBack Desktop was removed. Each person's journal (~/.local/share/SupportBack/sb-desktop)"
    echo "and the clinic configuration (/etc/sb-desktop/clinic.json) were left in place."
    exit 0
fi

if [[ ! -x "$here/sb-desktop" || ! -d "$here/_internal" ]]; then
    echo "install.sh: run me from the unpacked sb-desktop folder (sb-desktop and _internal/ next to me)" >&2
    exit 1
fi
if [[ "$here" == "$root$prefix" ]]; then
    echo "install.sh: already installed in $prefix" >&2
    exit 1
fi

# Copy next to the target, then swap, so an update never leaves a half-copied app behind.
mkdir -p "$(dirname "$root$prefix")"
rm -rf "$root$prefix.new" "$root$prefix.old"
cp -a "$here" "$root$prefix.new"
chmod -R u=rwX,go=rX "$root$prefix.new"
if [[ -e "$root$prefix" ]]; then mv "$root$prefix" "$root$prefix.old"; fi
mv "$root$prefix.new" "$root$prefix"
rm -rf "$root$prefix.old"

mkdir -p "$bin" "$apps" "$icons/scalable/apps"
ln -sfn "$prefix/sb-desktop" "$bin/sb-desktop"
sed "s#/opt/sb-desktop#$prefix#g" "$here/sb-desktop.desktop" > "$apps/sb-desktop.desktop"
chmod 644 "$apps/sb-desktop.desktop"
install -m 644 "$here/_internal/resources/icons/sb-desktop.svg" "$icons/scalable/apps/sb-desktop.svg"
for size in 48 128 256; do
    install -D -m 644 "$here/_internal/resources/icons/sb-desktop-$size.png" "$icons/${size}x${size}/apps/sb-desktop.png"
done
refresh_menus
echo "SupportBack Desktop $("$root$prefix/sb-desktop" --version | cut -d' ' -f2) is installed in $prefix for every user."
