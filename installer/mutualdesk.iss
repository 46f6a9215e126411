; Inno Setup script for MutualDesk on Windows (Inno Setup 6).
; Build the program first (python installer\build.py), then: iscc installer\mutualdesk.iss
; See installer\README.md for every step.
;
; - Installs for the current user only: no administrator prompt.
; - Start-menu shortcut; a desktop shortcut if the person ticks the box.
; - The version comes from app\__init__.py through build\version.iss (written by build.py).
; - Uninstalling removes the program folder only. The data folder
;   (%LOCALAPPDATA%\MutualDesk: the database, its backups, scans and logs) is never
;   touched by the installer or the uninstaller.

#include "..\build\version.iss"

#define MyAppName "MutualDesk"
#define MyAppPublisher "MutualDesk contributors"
#define MyAppExeName "mutualdesk.exe"

[Setup]
AppId={{5D3C9B57-7E2F-4C61-9A5B-6E1D2A4F8C10}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher={#MyAppPublisher}
VersionInfoVersion={#MyAppVersion}
VersionInfoProductVersion={#MyAppVersion}
VersionInfoDescription={#MyAppName} installer
; Per-user install: Program Files needs an administrator; this does not.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={localappdata}\Programs\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName}
OutputDir=..\build
OutputBaseFilename=MutualDesk-{#MyAppVersion}-setup
SetupIconFile=..\resources\icons\mutualdesk.ico
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade installs over the old program; MutualDesk backs the database up itself
; before it upgrades it, the first time the new version opens it.
CloseApplications=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build made by PyInstaller.
Source: "..\build\dist\mutualdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(MyAppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself writes inside its own folder (nothing of the user's).
Type: filesandordirs; Name: "{app}\__pycache__"

[Code]
// The data folder lives outside {app}; say so when uninstalling, so nobody worries.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    MsgBox('MutualDesk has been removed. Your data (the database, its backups and scans) ' +
           'is still in ' + ExpandConstant('{localappdata}\MutualDesk') + '.',
           mbInformation, MB_OK);
end;
