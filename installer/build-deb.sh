#!/usr/bin/env bash
# Package the PyInstaller bundle as dist/branchdesk_<version>_amd64.deb
# (Debian 12 and the Debian-based desktops: UOS, Kylin, Deepin).
#   bash installer/build-deb.sh                       # bundle: dist/BranchDesk (built first if missing)
#   BUNDLE=path/BranchDesk VERSION=0.1.1 OUT=/tmp bash installer/build-deb.sh
#   DEB_COMPRESS=fast bash installer/build-deb.sh     # gzip -1: seconds instead of a minute, 35 % bigger (tests)
# The package: the program in /opt/branchdesk with /usr/bin/branchdesk, one
# menu entry per role (Chinese and English names) and an icon, the optional
# lobby autostart entry (debconf question branchdesk/lobby-autostart), the
# group "branchdesk" and the machine's folders /var/lib/branchdesk and
# /etc/branchdesk (docs/install.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-.venv/bin/python}
BUNDLE=${BUNDLE:-dist/BranchDesk}
OUT=${OUT:-dist}
case "${DEB_COMPRESS:-xz}" in
  xz) COMPRESS=(-Zxz "--threads-max=$(nproc)") ;;
  fast) COMPRESS=(-Zgzip -z1) ;;
  *) echo "build-deb.sh: DEB_COMPRESS is xz (default) or fast." >&2; exit 2 ;;
esac

if [ ! -x "$BUNDLE/branchdesk-cli" ]; then
  bash installer/build.sh
fi
if [ -z "${VERSION:-}" ]; then
  VERSION=$(QT_QPA_PLATFORM=offscreen "$BUNDLE/branchdesk-cli" --version | awk '{print $2}')
fi
case "$VERSION" in
  [0-9]*) ;;
  *) echo "build-deb.sh: '$VERSION' is not a package version (it must start with a digit)." >&2; exit 2 ;;
esac

# Debian packages the bundle's Qt plugins link (the bundle leaves these
# desktop libraries to the system: installer/branchdesk.spec), a CJK font,
# and what the maintainer scripts use. tests/integration/installer/test_deb.py
# checks that every library the installed program needs belongs to one of
# these or to what they bring (libudev1: the bundled libusb, USB printers).
DEPENDS="libc6, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1,
 libxcb-randr0, libxcb-render-util0, libxcb-render0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-util1,
 libxcb-xfixes0, libxcb-xkb1, libxcb-glx0, libxkbcommon0, libxkbcommon-x11-0, libegl1, libgl1, libfontconfig1,
 libfreetype6, libglib2.0-0, libdbus-1-3, libpulse0, libcups2, libudev1, fonts-wqy-microhei | fonts-noto-cjk,
 adduser, debconf (>= 0.5) | debconf-2.0"
# Wayland sessions (Deepin) and the speech-dispatcher voice.
RECOMMENDS="libwayland-client0, libwayland-cursor0, libwayland-egl1, libspeechd2"

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/branchdesk-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
PKG=$STAGE/branchdesk
start=$(date +%s)

# the program, with the per-machine marker beside the executables (app/paths.py)
install -d "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/branchdesk" \
  "$PKG/usr/share/doc/branchdesk" "$PKG/usr/share/icons/hicolor/scalable/apps" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/48x48/apps" "$PKG/DEBIAN"
cp -a "$BUNDLE" "$PKG/opt/branchdesk"
# On Linux the two launchers are the same file (the console flag means nothing
# here): one copy, hard-linked, instead of two.
if cmp -s "$PKG/opt/branchdesk/BranchDesk" "$PKG/opt/branchdesk/branchdesk-cli"; then
  ln -f "$PKG/opt/branchdesk/branchdesk-cli" "$PKG/opt/branchdesk/BranchDesk"
fi
install -m 644 installer/branchdesk-machine.ini "$PKG/opt/branchdesk/branchdesk-machine.ini"
ln -s ../../opt/branchdesk/branchdesk-cli "$PKG/usr/bin/branchdesk"
install -m 644 resources/icons/branchdesk.svg "$PKG/usr/share/icons/hicolor/scalable/apps/branchdesk.svg"
install -m 644 resources/icons/branchdesk-256.png "$PKG/usr/share/icons/hicolor/256x256/apps/branchdesk.png"
install -m 644 resources/icons/branchdesk-48.png "$PKG/usr/share/icons/hicolor/48x48/apps/branchdesk.png"
install -m 644 installer/deb/copyright "$PKG/usr/share/doc/branchdesk/copyright"

# one menu entry per role: file | arguments | English name | Chinese name | what it is for
desktop() {  # desktop FILE ARGS NAME NAME_ZH COMMENT COMMENT_ZH
  cat > "$1" <<EOF
[Desktop Entry]
Type=Application
Version=1.0
Name=$3
Name[zh_CN]=$4
GenericName=BranchDesk
Comment=$5
Comment[zh_CN]=$6
Exec=/opt/branchdesk/BranchDesk $2
Icon=branchdesk
Terminal=false
Categories=Office;Finance;
StartupNotify=true
EOF
}
while IFS='|' read -r role args name name_zh comment comment_zh; do
  [ -n "$role" ] || continue
  desktop "$PKG/usr/share/applications/branchdesk-$role.desktop" "$args" "$name" "$name_zh" "$comment" "$comment_zh"
done <<'ROLES'
greeter|run --open greeter|Greeter|取号（大堂引导）|Issue queue tickets at the entrance|大堂引导：为客户取号
teller|run --open teller|Teller window|柜员窗口|Call the next customer to your window|柜员叫号
lobby|run --lobby|Lobby display|大厅显示屏|Show and announce the called numbers|显示并播报叫号
complaints|run --open complaints|Complaints|投诉与建议|Complaints, suggestions and praise|受理投诉、建议与表扬
manager|run --open manager|Manager|网点经理|Live figures and the daily wait-time report|实时数据与每日等候报表
admin|run --open admin|Administration|系统管理|Services, windows, staff and devices|业务、窗口、人员与设备设置
ROLES
# the optional autostart entry: linked into /etc/xdg/autostart by postinst when chosen
desktop "$PKG/usr/share/branchdesk/branchdesk-lobby-autostart.desktop" "run --lobby" "Lobby display" "大厅显示屏" \
  "Show and announce the called numbers" "显示并播报叫号"
echo "X-GNOME-Autostart-enabled=true" >> "$PKG/usr/share/branchdesk/branchdesk-lobby-autostart.desktop"

install -m 755 installer/deb/config installer/deb/postinst installer/deb/postrm "$PKG/DEBIAN/"
install -m 644 installer/deb/templates "$PKG/DEBIAN/templates"
cat > "$PKG/DEBIAN/control" <<EOF
Package: branchdesk
Version: $VERSION
Architecture: amd64
Maintainer: BranchDesk <branchdesk@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
Depends: $(echo "$DEPENDS" | tr -s ' \n' ' ')
Recommends: $RECOMMENDS
Section: misc
Priority: optional
Homepage: https://example.invalid/branchdesk
Description: bank branch lobby: tickets, calling, lobby display, complaints
 BranchDesk runs the lobby of a bank branch: the greeter issues numbered
 tickets, tellers call them to their windows, the lobby display shows and
 announces each call, the complaint window tracks every case to its deadline,
 and the manager prints the daily wait-time report. Branch data is kept per
 machine in /var/lib/branchdesk, for the accounts of the group branchdesk.
 .
 网点排队叫号系统：取号、叫号、大厅显示屏、投诉与建议、每日等候报表。
EOF

mkdir -p "$OUT"
DEB="$OUT/branchdesk_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group "${COMPRESS[@]}" --build "$PKG" "$DEB" >/dev/null
echo "build-deb.sh: $DEB ($(du -h "$DEB" | cut -f1), ${DEB_COMPRESS:-xz}) in $(( $(date +%s) - start ))s"
