; Inno Setup script: BranchDesk for Windows, installed per machine.
; Build: installer\build.ps1 (makes and checks dist\BranchDesk first), or
;   iscc /DAppVersion=0.1.0 installer\branchdesk.iss
; installer/check-windows.sh compiles it on Linux (ISCC under Wine) with a
; stand-in payload (/DPayload=...), then installs, upgrades and uninstalls it.
;
; Per machine: the program in Program Files, one Start-menu shortcut per
; role, branchdesk-machine.ini beside the executables (app/paths.py: every
; account shares the branch data in %PROGRAMDATA%\BranchDesk), that folder
; made usable by the local group BranchDesk and nobody else (SYSTEM and
; Administrators keep full control). Upgrades install over the same folder
; (same AppId); the app upgrades the database schema itself. Uninstalling
; keeps the branch data unless the person ticks it away at the end.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef Payload
  #define Payload "..\dist\BranchDesk"
#endif
#define AppName "BranchDesk"
#define Exe "BranchDesk.exe"
#define Group "BranchDesk"
#define DataDir "{commonappdata}\BranchDesk"

[Setup]
AppId={{6C1B2F4E-8F1D-4C1E-9B1A-B7A0D5E2C901}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=BranchDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible
ArchitecturesAllowed=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=BranchDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\branchdesk.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#Exe}
CloseApplications=yes
; an older version installed here is replaced in place, with the same tasks
UsePreviousAppDir=yes
UsePreviousTasks=yes
; Simplified Chinese by default (the first language below), whatever the
; language of Windows; the person may choose English in the first dialog.
LanguageDetectionMethod=none
ShowLanguageDialog=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.LobbyAutostart=开机登录时自动打开大厅显示屏
english.LobbyAutostart=Open the lobby display when Windows starts
chinesesimplified.AddUser=允许当前 Windows 帐户（%1）使用 BranchDesk（加入本机 BranchDesk 组）
english.AddUser=Let this Windows account (%1) use BranchDesk (add it to the local BranchDesk group)
chinesesimplified.RoleGreeter=取号（大堂引导）
english.RoleGreeter=Greeter
chinesesimplified.RoleTeller=柜员窗口
english.RoleTeller=Teller window
chinesesimplified.RoleLobby=大厅显示屏
english.RoleLobby=Lobby display
chinesesimplified.RoleComplaints=投诉与建议
english.RoleComplaints=Complaints
chinesesimplified.RoleManager=网点经理
english.RoleManager=Manager
chinesesimplified.RoleAdmin=系统管理
english.RoleAdmin=Administration
chinesesimplified.Doctor=系统检查
english.Doctor=System check
chinesesimplified.GroupComment=可以使用 BranchDesk 网点数据的帐户
english.GroupComment=Accounts that may use the BranchDesk branch data
chinesesimplified.StatusData=正在设置网点数据文件夹的权限...
english.StatusData=Setting the rights of the branch data folder...
chinesesimplified.DeleteData=同时删除本机的网点数据（%1 中的数据库、备份、设置和日志）？此操作不可恢复。
english.DeleteData=Also delete this PC's branch data (database, backups, settings and logs in %1)? This cannot be undone.

[Tasks]
Name: "lobbyautostart"; Description: "{cm:LobbyAutostart}"; Flags: unchecked
Name: "adduser"; Description: "{cm:AddUser,{username}}"

[Files]
Source: "{#Payload}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; the marker that makes this copy a per-machine install (app/paths.py)
Source: "branchdesk-machine.ini"; DestDir: "{app}"; Flags: ignoreversion

[Dirs]
; branch data: never removed by the uninstaller (see [Code] for the question)
Name: "{#DataDir}"; Flags: uninsneveruninstall
Name: "{#DataDir}\logs"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\{cm:RoleGreeter}"; Filename: "{app}\{#Exe}"; Parameters: "run --open greeter"
Name: "{group}\{cm:RoleTeller}"; Filename: "{app}\{#Exe}"; Parameters: "run --open teller"
Name: "{group}\{cm:RoleLobby}"; Filename: "{app}\{#Exe}"; Parameters: "run --lobby"
Name: "{group}\{cm:RoleComplaints}"; Filename: "{app}\{#Exe}"; Parameters: "run --open complaints"
Name: "{group}\{cm:RoleManager}"; Filename: "{app}\{#Exe}"; Parameters: "run --open manager"
Name: "{group}\{cm:RoleAdmin}"; Filename: "{app}\{#Exe}"; Parameters: "run --open admin"
Name: "{group}\{cm:Doctor}"; Filename: "{cmd}"; Parameters: "/k ""{app}\branchdesk-cli.exe"" doctor"
Name: "{commonstartup}\{cm:RoleLobby}"; Filename: "{app}\{#Exe}"; Parameters: "run --lobby"; Tasks: lobbyautostart

[Run]
; The local group, then the data folder's rights: inheritance off; SYSTEM and
; Administrators (by SID: the names are translated on Chinese Windows) full
; control; the BranchDesk group modify; nobody else. An existing group is
; kept (net then exits 2, which is fine on an upgrade).
Filename: "{sys}\net.exe"; Parameters: "localgroup {#Group} /add /comment:""{cm:GroupComment}"""; StatusMsg: "{cm:StatusData}"; Flags: runhidden waituntilterminated
Filename: "{sys}\icacls.exe"; Parameters: """{#DataDir}"" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F {#Group}:(OI)(CI)M /T /C /Q"; StatusMsg: "{cm:StatusData}"; Flags: runhidden waituntilterminated
Filename: "{sys}\net.exe"; Parameters: "localgroup {#Group} ""{username}"" /add"; StatusMsg: "{cm:StatusData}"; Flags: runhidden waituntilterminated; Tasks: adduser
; first start: the setup wizard opens by itself when no settings file exists
Filename: "{app}\{#Exe}"; Parameters: "run"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// Branch data lives in %PROGRAMDATA%\BranchDesk, never under {app}, so an
// upgrade or an uninstall leaves it alone unless the person asks here. A
// silent uninstall (IT's scripts) never deletes it.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: String;
begin
  Data := ExpandConstant('{#DataDir}');
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) and DirExists(Data) then
    if MsgBox(FmtMessage(CustomMessage('DeleteData'), [Data]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(Data, True, True, True);
end;
