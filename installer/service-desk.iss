; Inno Setup script for Windows: packages dist\service-desk (built by PyInstaller on Windows).
#define AppVersion "0.1.0"
[Setup]
AppName=Service Desk
AppVersion={#AppVersion}
DefaultDirName={autopf}\Service Desk
DefaultGroupName=Service Desk
OutputBaseFilename=service-desk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=admin

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\service-desk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\服务台 Service Desk"; Filename: "{app}\service-desk.exe"
Name: "{commondesktop}\服务台 Service Desk"; Filename: "{app}\service-desk.exe"
