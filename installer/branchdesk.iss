; Inno Setup script: BranchDesk for Windows, installed per machine.
; Build: installer\build.ps1 (makes dist\BranchDesk first), or
;   iscc /DAppVersion=0.1.0 installer\branchdesk.iss
; Upgrades install over the same folder (same AppId); the app upgrades the
; database schema itself on first start. Uninstalling keeps branch data
; (database, backups, settings, logs) unless the person ticks the box.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "BranchDesk"
#define Exe "BranchDesk.exe"

[Setup]
AppId={{6C1B2F4E-8F1D-4C1E-9B1A-B7A0D5E2C901}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=BranchDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible
ArchitecturesAllowed=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=BranchDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#Exe}
CloseApplications=yes
; an older version installed here is replaced in place
UsePreviousAppDir=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.LobbyAutostart=开机时自动打开大厅显示屏
english.LobbyAutostart=Open the lobby display when Windows starts
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
chinesesimplified.DeleteData=同时删除本机的网点数据（数据库、备份、设置和日志）？此操作不可恢复。
english.DeleteData=Also delete this PC's branch data (database, backups, settings and logs)? This cannot be undone.

[Tasks]
Name: "lobbyautostart"; Description: "{cm:LobbyAutostart}"; Flags: unchecked

[Files]
Source: "..\dist\BranchDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

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
; first start: the setup wizard opens by itself when no settings file exists
Filename: "{app}\{#Exe}"; Parameters: "run"; Description: "{#AppName}"; Flags: nowait postinstall skipifsilent

[Code]
// Branch data lives in the user's application-data folders (platformdirs:
// %LOCALAPPDATA%\BranchDesk\BranchDesk), never under {app}, so an upgrade or
// an uninstall leaves it alone unless the person asks here.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) then
    if MsgBox(CustomMessage('DeleteData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(ExpandConstant('{localappdata}\BranchDesk'), True, True, True);
end;
