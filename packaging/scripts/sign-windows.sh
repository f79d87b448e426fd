#!/usr/bin/env bash
# Authenticode-signs the Windows files named as arguments, in place, when a
# certificate is configured; windows.sh calls it (WINDOWS_SIGN=1) on
# Dossier.exe and dossier-cli.exe before they go into the installer, and on
# the installer afterwards.
#   WINDOWS_CERT_PFX       path of the PKCS#12 code-signing certificate
#   WINDOWS_CERT_PASSWORD  its password
#   WINDOWS_TIMESTAMP_URL  RFC 3161 time-stamping service (default below);
#                          "none" signs without a timestamp (tests only: the
#                          signature then dies with the certificate)
# On Windows it uses signtool (Windows SDK); elsewhere osslsigncode.
set -euo pipefail
: "${WINDOWS_CERT_PFX:?set WINDOWS_CERT_PFX to the .pfx file}"
: "${WINDOWS_CERT_PASSWORD:?set WINDOWS_CERT_PASSWORD}"
ts=${WINDOWS_TIMESTAMP_URL:-http://timestamp.digicert.com}
for f in "$@"; do
  case "$(uname -s)" in
    MINGW*|MSYS*|CYGWIN*)
      tsargs=(//td sha256 //tr "$ts")
      [ "$ts" = none ] && tsargs=()
      signtool sign //fd sha256 "${tsargs[@]}" //f "$WINDOWS_CERT_PFX" //p "$WINDOWS_CERT_PASSWORD" \
        //d Dossier "$f"
      signtool verify //pa "$f"
      ;;
    *)
      tsargs=(-ts "$ts")
      [ "$ts" = none ] && tsargs=()
      osslsigncode sign -pkcs12 "$WINDOWS_CERT_PFX" -pass "$WINDOWS_CERT_PASSWORD" -h sha256 \
        -n Dossier "${tsargs[@]}" -in "$f" -out "$f.signed"
      mv "$f.signed" "$f"
      ;;
  esac
done
