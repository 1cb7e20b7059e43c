#!/bin/sh
# Install the Visitor Centre bundle on a Linux PC (run as root), or take it away again.
#
#   sudo installer/linux/install.sh [--kiosk] [BUNDLE]    install (BUNDLE: default dist/visitorcentre)
#   sudo installer/linux/install.sh --remove              remove the program (the desk's records stay)
#
# The program goes to /opt/visitorcentre, with /usr/local/bin/visitorcentre for the command line,
# the desktop entry in /usr/share/applications and the icon in the hicolor theme. --kiosk also
# starts it whenever anyone signs in (/etc/xdg/autostart). Each person's records stay in their
# own data folder (~/.local/share/VisitorCentre) and are never removed here.
# PREFIX=/some/dir puts all of it under that folder instead (for a trial run).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=${PREFIX:-}
opt="$prefix/opt/visitorcentre"
share="$prefix/usr/share"
autostart="$prefix/etc/xdg/autostart"
bin="$prefix/usr/local/bin"
kiosk=no
bundle="$root/dist/visitorcentre"

remove() {
    rm -rf "$opt"
    rm -f "$bin/visitorcentre" "$share/applications/visitorcentre.desktop" "$autostart/visitorcentre.desktop"
    rm -f "$share/icons/hicolor/scalable/apps/visitorcentre.svg"
    for size in 16 24 32 48 64 128 256 512; do
        rm -f "$share/icons/hicolor/${size}x${size}/apps/visitorcentre.png"
    done
    echo "Visitor Centre removed. The desk's records are still in each user's data folder."
}

while [ $# -gt 0 ]; do
    case "$1" in
        --kiosk) kiosk=yes ;;
        --remove) remove; exit 0 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        -*) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) bundle=$1 ;;
    esac
    shift
done

if [ ! -x "$bundle/visitorcentre" ]; then
    echo "install.sh: there is no bundle at $bundle; build it with python installer/build.py" >&2
    exit 2
fi

mkdir -p "$(dirname "$opt")" "$bin" "$share/applications" "$share/icons/hicolor/scalable/apps"
rm -rf "$opt.new"
cp -a "$bundle" "$opt.new"
rm -rf "$opt"
mv "$opt.new" "$opt"
ln -sf /opt/visitorcentre/visitorcentre "$bin/visitorcentre"
install -m 644 "$here/visitorcentre.desktop" "$share/applications/visitorcentre.desktop"
install -m 644 "$root/installer/icons/visitorcentre.svg" "$share/icons/hicolor/scalable/apps/visitorcentre.svg"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$root/installer/icons/visitorcentre-$size.png" "$share/icons/hicolor/${size}x${size}/apps/visitorcentre.png"
done
if [ "$kiosk" = yes ]; then
    mkdir -p "$autostart"
    install -m 644 "$here/visitorcentre.desktop" "$autostart/visitorcentre.desktop"
fi
if [ -z "$prefix" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q /usr/share/icons/hicolor || true
fi
echo "Visitor Centre $("$opt/visitorcentre" --version | cut -d' ' -f2) installed in $opt$( [ "$kiosk" = yes ] && echo ', starting at sign-in')."
