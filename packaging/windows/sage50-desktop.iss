; Inno Setup 6 script: a per-user installer (no administrator rights) for the
; one-folder bundle built by `python packaging\build.py` on Windows.
; Build:  iscc /DAppVersion=0.1.0 packaging\windows\sage50-desktop.iss
; Output: packaging\dist\sage50-desktop-setup-<version>.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E4C9D1A-5B0F-4C53-9A9E-1E2B7C5D5A50}
AppName=Sage 50 Desktop
AppVersion={#AppVersion}
AppPublisher=sage50-desktop
DefaultDirName={localappdata}\Programs\Sage 50 Desktop
DefaultGroupName=Sage 50 Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=sage50-desktop-setup-{#AppVersion}
SetupIconFile=..\build\icons\sage50-desktop.ico
UninstallDisplayIcon={app}\sage50-desktop.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\sage50-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Sage 50 Desktop"; Filename: "{app}\sage50-desktop.exe"
Name: "{autodesktop}\Sage 50 Desktop"; Filename: "{app}\sage50-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\sage50-desktop.exe"; Description: "{cm:LaunchProgram,Sage 50 Desktop}"; Flags: nowait postinstall skipifsilent
