#!/usr/bin/env bash
# make macos (on a Mac only; macOS cannot be built on Linux): a universal
# Dossier.app (Apple silicon + Intel) in a .dmg.
#   - `fyne package -os darwin --release` once per architecture, lipo joins them;
#   - signed with MACOS_SIGN_IDENTITY ("Developer ID Application: … (TEAMID)")
#     when set, with the hardened runtime and a secure timestamp; otherwise
#     signed ad hoc (runs on the machine that built it; Gatekeeper warns elsewhere);
#   - notarised and stapled when APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD
#     are set too.
# Output: dist/Dossier-<version>-macos.dmg. Needs Xcode command line tools.
set -euo pipefail
# shellcheck source=packaging/scripts/lib.sh
source "$(dirname "$0")/lib.sh"

[ "$(uname -s)" = Darwin ] || die "macos.sh runs on macOS only (see docs/packaging.md)"
command -v clang >/dev/null || die "install the Xcode command line tools: xcode-select --install"
need_fyne

DIST=$ROOT/dist
MB=$ROOT/build/macos
DMG=$DIST/Dossier-$VERSION-macos.dmg
rm -rf "$MB" "$DIST/Dossier.app" "$DMG"
mkdir -p "$MB" "$DIST"
cleanup_extra() { rm -rf "$ROOT/Dossier.app" "$ROOT/fyne_metadata_init.go"; }
keep_fyneapp_toml

for arch in arm64 amd64; do
  say "macos: Dossier.app for $arch"
  GOOS=darwin GOARCH=$arch CGO_ENABLED=1 "$FYNE" package -os darwin --release
  restore_fyneapp_toml
  mkdir -p "$MB/$arch"
  mv "$ROOT/Dossier.app" "$MB/$arch/Dossier.app"
done

app=$DIST/Dossier.app
cp -R "$MB/arm64/Dossier.app" "$app"
exe=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleExecutable' "$app/Contents/Info.plist")
lipo -create -output "$app/Contents/MacOS/$exe" \
  "$MB/arm64/Dossier.app/Contents/MacOS/$exe" "$MB/amd64/Dossier.app/Contents/MacOS/$exe"
say "macos: $(lipo -archs "$app/Contents/MacOS/$exe")"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  say "macos: signing with $MACOS_SIGN_IDENTITY"
  codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
else
  say "macos: no MACOS_SIGN_IDENTITY: ad-hoc signature only"
  codesign --force --deep --sign - "$app"
fi
codesign --verify --deep --strict --verbose=2 "$app"
"$app/Contents/MacOS/$exe" version

stage=$MB/dmg
mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -quiet -volname "Dossier $VERSION" -srcfolder "$stage" -ov -format UDZO "$DMG"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  say "macos: notarising (Apple's service; usually a few minutes)"
  xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$DMG"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
else
  say "macos: not notarised (needs signing identity and APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD)"
fi
ls -l "$DMG"
