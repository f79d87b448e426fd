; Dossier's Windows installer (NSIS 3, Unicode). Built by packaging/scripts/windows.sh:
;   makensis -DVERSION=0.1.0 -DBUILD=1 -DAPPID=kz.dossier.app -DSRCDIR=dist \
;            -DICON=build/windows/dossier.ico -DOUTFILE=dist/Dossier-0.1.0-setup.exe dossier.nsi
;
; A per-user install: no administrator rights, files under
; %LOCALAPPDATA%\Programs\Dossier, shortcuts and the "Apps & features" entry
; under the current user only. The uninstaller removes the program and
; nothing else: workspaces, settings and caches belong to the user and stay.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
; Store no file times: the same inputs give the same installer, byte for byte.
SetDateSave off

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef BUILD
  !define BUILD 1
!endif
!ifndef APPID
  !define APPID "kz.dossier.app"
!endif
!ifndef SRCDIR
  !error "pass -DSRCDIR=folder holding Dossier.exe and dossier-cli.exe"
!endif
!ifndef ICON
  !error "pass -DICON=path of the .ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "Dossier-${VERSION}-setup.exe"
!endif

!define PRODUCT   "Dossier"
!define PUBLISHER "Dossier"
!define GUI_EXE   "Dossier.exe"
!define CLI_EXE   "dossier-cli.exe"
!define UNINST_EXE "Uninstall Dossier.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define APP_KEY   "Software\${PRODUCT}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.${BUILD}"
VIFileVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} ${VERSION} setup"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
; Remember the language chosen at install time for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${APP_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when Windows speaks neither.
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SecProgram       ${LANG_RUSSIAN} "Программа Dossier"
LangString SecProgram       ${LANG_ENGLISH} "Dossier program"
LangString SecDesktop       ${LANG_RUSSIAN} "Ярлык на рабочем столе"
LangString SecDesktop       ${LANG_ENGLISH} "Desktop shortcut"
LangString ShortcutComment  ${LANG_RUSSIAN} "Пакеты документов на РВП для иностранных работников"
LangString ShortcutComment  ${LANG_ENGLISH} "Temporary residence permit packages for foreign employees"
LangString RunNow           ${LANG_RUSSIAN} "Запустить Dossier"
LangString RunNow           ${LANG_ENGLISH} "Start Dossier"
LangString NeedWin10        ${LANG_RUSSIAN} "Для Dossier нужна 64-разрядная Windows 10 или новее."
LangString NeedWin10        ${LANG_ENGLISH} "Dossier needs 64-bit Windows 10 or newer."
LangString DataKept         ${LANG_RUSSIAN} "Программа удалена. Ваши рабочие папки и настройки не тронуты."
LangString DataKept         ${LANG_ENGLISH} "The program was removed. Your workspaces and settings were left as they are."

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedWin10)" /SD IDOK
    Abort
  ${EndIf}
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "!$(SecProgram)" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "${SRCDIR}\${GUI_EXE}"
  File "${SRCDIR}\${CLI_EXE}"
  WriteUninstaller "$INSTDIR\${UNINST_EXE}"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINST_EXE}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINST_EXE}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktopShortcut
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${UNINST_EXE}"
  ; Only an empty folder is removed: never delete what the program did not put there.
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  IfSilent +2
  MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)"
SectionEnd
