; Inno Setup script for Windows: packages dist\service-desk (built by PyInstaller on Windows:
; installer\build.bat), see docs/install.md. Compile: iscc installer\service-desk.iss
; The program goes to Program Files; the data (database, backups, logs, print previews) lives in
; %LOCALAPPDATA%\service-desk, which neither an upgrade nor the uninstaller touches.
#define AppVersion "0.1.0"
[Setup]
; A fixed AppId: a newer installer upgrades the installed copy in place.
AppId={{6F1D3C2A-7B4E-4E8F-9A51-5D2C8E7B9F10}
AppName=Service Desk
AppVerName=Service Desk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Service Desk
DefaultDirName={autopf}\Service Desk
DefaultGroupName=Service Desk
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=service-desk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\service-desk.ico
UninstallDisplayIcon={app}\service-desk.exe
UninstallDisplayName=Service Desk {#AppVersion}
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Close a running app (Restart Manager) before its files are replaced.
CloseApplications=yes

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; Replace the whole program folder on upgrade (old Python modules must not linger).
Source: "..\dist\service-desk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\服务台 Service Desk"; Filename: "{app}\service-desk.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,Service Desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\服务台 Service Desk"; Filename: "{app}\service-desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\service-desk.exe"; Description: "{cm:LaunchProgram,Service Desk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The data directory %LOCALAPPDATA%\service-desk stays (the store's
; journal and backups); store IT deletes it by hand when a PC leaves the store.
Type: filesandordirs; Name: "{app}"
