; Additions of the counter terminal to electron-builder's NSIS installer
; (electron-builder.yml nsis.include). Per machine, assisted; for fleets:
;
;   窗口受理终端 Setup 0.1.0.exe /S [/CONFIG=\\server\share\centre.json] [/AUTOSTART] [/D=C:\Counter\窗口受理终端]
;
;   /S           silent (electron-builder): no page, no question.
;   /D=dir       installation folder (NSIS): last on the line, unquoted, even with spaces.
;   /CONFIG=file copies the centre's configuration file (a UNC path works; quote it
;                when it has spaces: /CONFIG="\\server\share\my centre.json") to
;                %ProgramData%\counter-terminal\centre.json, which the terminal layers under
;                each counter's config.json. A file that cannot be copied fails the install
;                (exit code 2) so that a fleet tool sees it, instead of a counter without it.
;   /AUTOSTART   starts the terminal with every session, all users (HKLM ...\Run).
;
; %ProgramData%\counter-terminal is made writable by Administrators and SYSTEM only
; (readable by Users): the centre file may lock fields, a clerk must not replace it.
;
; Uninstall keeps the data (database, config.json, slips, logs, the centre file) unless asked:
;   "Uninstall 窗口受理终端.exe" /S --delete-app-data      (silent, deletes)
;   interactive: the question below, default 否 (keep).
; --delete-app-data removes the data of the account that runs the uninstaller
; (%APPDATA%\窗口受理终端, %LOCALAPPDATA%\counter-terminal) and %ProgramData%\counter-terminal.
; An upgrade runs the old uninstaller with --updated: nothing of ours is removed then.

!define COUNTER_MACHINE_DIR "counter-terminal"
!define COUNTER_RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define COUNTER_RUN_VALUE "CounterTerminal"

!macro customInstall
  ; perMachine: the shell context is "all", so $APPDATA is %ProgramData%.
  SetShellVarContext all
  CreateDirectory "$APPDATA\${COUNTER_MACHINE_DIR}"
  ; SIDs, not names: Administrators, SYSTEM, Users are named in Chinese on a Chinese Windows.
  nsExec::ExecToLog 'icacls "$APPDATA\${COUNTER_MACHINE_DIR}" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
  Pop $0
  ${If} $0 != 0
    DetailPrint "icacls ${COUNTER_MACHINE_DIR}: $0"
  ${EndIf}

  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/CONFIG=" $R1
  ${IfNot} ${Errors}
    ${If} $R1 == ""
    ${OrIfNot} ${FileExists} "$R1"
      MessageBox MB_OK|MB_ICONSTOP "找不到中心配置文件：$R1" /SD IDOK
      SetErrorLevel 2
      Abort "找不到中心配置文件：$R1"
    ${EndIf}
    ClearErrors
    CopyFiles /SILENT "$R1" "$APPDATA\${COUNTER_MACHINE_DIR}\centre.json"
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONSTOP "无法复制中心配置文件：$R1" /SD IDOK
      SetErrorLevel 2
      Abort "无法复制中心配置文件：$R1"
    ${EndIf}
    DetailPrint "中心配置文件已安装：$APPDATA\${COUNTER_MACHINE_DIR}\centre.json"
  ${EndIf}

  ClearErrors
  ${GetOptions} $R0 "/AUTOSTART" $R1
  ${IfNot} ${Errors}
    ; electron-builder has set the 64-bit registry view for an x64 install.
    WriteRegStr HKLM "${COUNTER_RUN_KEY}" "${COUNTER_RUN_VALUE}" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  ${EndIf}
!macroend

!macro customUnInstall
  ${IfNot} ${isUpdated}
    DeleteRegValue HKLM "${COUNTER_RUN_KEY}" "${COUNTER_RUN_VALUE}"

    StrCpy $R9 "0"
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "--delete-app-data" $R1
    ${IfNot} ${Errors}
      StrCpy $R9 "1"
    ${ElseIf} ${Cmd} `MessageBox MB_YESNO|MB_DEFBUTTON2|MB_ICONQUESTION "是否同时删除本机的受理数据、配置和中心配置文件？$\r$\n选择“否”将全部保留，重新安装后可继续使用。" /SD IDNO IDYES`
      StrCpy $R9 "1"
    ${EndIf}

    ${If} $R9 == "1"
      SetShellVarContext all
      RMDir /r "$APPDATA\${COUNTER_MACHINE_DIR}"
      SetShellVarContext current
      RMDir /r "$APPDATA\${PRODUCT_FILENAME}"
      RMDir /r "$LOCALAPPDATA\${COUNTER_MACHINE_DIR}"
      SetShellVarContext all
    ${EndIf}
  ${EndIf}
!macroend
