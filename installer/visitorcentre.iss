; Inno Setup script: the Windows installer for Visitor Centre (Inno Setup 6.3 or later).
;
; On a Windows PC with Python and Inno Setup:
;     python installer\build.py                  (the bundle in dist\visitorcentre, smoke-tested)
;     iscc installer\visitorcentre.iss           (dist\VisitorCentre-<version>-setup.exe)
; Another bundle folder: iscc /DBundle=C:\path\to\visitorcentre installer\visitorcentre.iss
;
; The name and version are read from the bundle's program, which PyInstaller stamped with the
; package's own (visitorcentre.spec), so they are written down nowhere else.
;
; What it does: installs for every user of the PC (needs an administrator), into Program Files;
; a Start-menu shortcut; optionally a desktop shortcut and, for a kiosk PC, starting Visitor
; Centre whenever anyone signs in. Uninstalling removes the program but keeps the desk's records
; (database, backups, receipts, log) unless the person uninstalling says to delete them, or a
; silent uninstall is given /DELETEDATA.

#ifndef Bundle
  #define Bundle AddBackslash(SourcePath) + "..\dist\visitorcentre"
#endif
#define DeskProgram "VisitorCentre.exe"
#define CommandLine "visitorcentre.exe"
#if !FileExists(Bundle + "\" + DeskProgram)
  #error The bundle is missing: run python installer\build.py first (or give /DBundle=folder)
#endif
#define AppName GetStringFileInfo(Bundle + "\" + DeskProgram, "ProductName")
#define AppVersion GetStringFileInfo(Bundle + "\" + DeskProgram, "ProductVersion")

[Setup]
; The AppId stays the same for every release, so an upgrade replaces the installed program.
AppId={{6B3E4F0C-7A0D-4C53-9B7E-2D1F5A8C4E61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#GetVersionNumbersString(Bundle + "\" + DeskProgram)}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#AddBackslash(SourcePath)}..\dist
OutputBaseFilename=VisitorCentre-{#AppVersion}-setup
SetupIconFile={#AddBackslash(SourcePath)}icons\visitorcentre.ico
UninstallDisplayIcon={app}\{#DeskProgram}
UninstallDisplayName={#AppName}
; An upgrade closes a running desk first (its records are saved after every action anyway).
CloseApplications=yes
RestartApplications=no
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "kiosk"; Description: "Start {#AppName} whenever anyone signs in to this PC (for a kiosk PC at the desk)"; GroupDescription: "Kiosk:"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program's own files; a file an older release had and this one does not
; would otherwise linger (the desk's records are not here: they are in the user's data folder).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#DeskProgram}"; Comment: "The visitor centre desk"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#DeskProgram}"; Tasks: desktopicon
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#DeskProgram}"; Tasks: kiosk

[Run]
Filename: "{app}\{#DeskProgram}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The desk's records: VISITORCENTRE_DATA_DIR when the PC sets it, else the user's own data folder
  (%LOCALAPPDATA%\VisitorCentre, as visitorcentre/paths.py has it). }
function DataFolder(): String;
begin
  Result := GetEnv('VISITORCENTRE_DATA_DIR');
  if Result = '' then
    Result := ExpandConstant('{localappdata}\VisitorCentre');
end;

function AskedToDeleteData(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/DELETEDATA') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
  RemoveRecords: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Folder := DataFolder();
  if not DirExists(Folder) then
    Exit;
  if UninstallSilent() then
    RemoveRecords := AskedToDeleteData()
  else
    RemoveRecords := MsgBox('{#AppName} has been removed from this PC.' + #13#10#13#10 +
      'The desk''s records are still here, in ' + Folder + ': the database with families'' details and ' +
      'visits, its backups, receipts and the log. They are kept so that a new installation carries on ' +
      'where this one left off.' + #13#10#13#10 +
      'Delete the records as well? Only do this if they have been copied elsewhere or are no longer needed.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if RemoveRecords then
    DelTree(Folder, True, True, True);
end;
