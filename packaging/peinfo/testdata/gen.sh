#!/usr/bin/env bash
# Regenerates the tiny Windows executables that the tests of peinfo and
# consolecopy read. Needs mingw-w64 (apt-get install mingw-w64). Each is a few
# KB: no C library, one function.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd ../../.. && go run ./packaging/icon -ico "$tmp/t.ico" -ico-sizes 16,32)
cat >"$tmp/t.manifest" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity version="1.2.3.4" name="peinfo.fixture" type="win32"/>
</assembly>
XML
cat >"$tmp/t.rc" <<RC
#include <winver.h>
1 ICON "$tmp/t.ico"
1 24 "$tmp/t.manifest"
1 VERSIONINFO
FILEVERSION 1,2,3,4
PRODUCTVERSION 1,2,3,4
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "ProductName", "Fixture"
      VALUE "ProductVersion", "1.2.3"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0409, 1200
  END
END
RC
printf 'int start(void) { return 0; }\n' >"$tmp/t.c"
x86_64-w64-mingw32-windres -i "$tmp/t.rc" -O coff -o "$tmp/t.res.o"
x86_64-w64-mingw32-gcc -Os -s -nostdlib -Wl,--no-insert-timestamp -e start -mwindows -o gui-res.exe "$tmp/t.c" "$tmp/t.res.o"
x86_64-w64-mingw32-gcc -Os -s -nostdlib -Wl,--no-insert-timestamp -e start -mconsole -o console-bare.exe "$tmp/t.c"
# A signed copy, with a throw-away self-signed certificate (needs openssl and
# osslsigncode); the signature is only there to be found, not to be trusted.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/k.pem" -out "$tmp/c.pem" -days 1 \
  -subj "/CN=peinfo fixture" 2>/dev/null
osslsigncode sign -certs "$tmp/c.pem" -key "$tmp/k.pem" -h sha256 -n fixture \
  -in console-bare.exe -out console-signed.exe >/dev/null
i686-w64-mingw32-gcc -Os -s -nostdlib -Wl,--no-insert-timestamp -e _start -mwindows -o gui32-bare.exe "$tmp/t.c"
ls -l ./*.exe
