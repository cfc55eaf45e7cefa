# Build the one-folder bundle dist\BranchDesk\ on Windows, check it, then the
# installer with Inno Setup 6.4 (iscc.exe on PATH or in its default folder).
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
# The steps, for a build PC: docs/install.md, "Building the Windows installer".
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$py = if ($env:PYTHON) { $env:PYTHON } else { ".venv\Scripts\python.exe" }
& $py -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { & $py -m pip install -q -e ".[build]" }
$sw = [Diagnostics.Stopwatch]::StartNew()
& $py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller installer\branchdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
Write-Host "build.ps1: bundle in dist\BranchDesk in $([int]$sw.Elapsed.TotalSeconds)s"
$env:QT_QPA_PLATFORM = "offscreen"
& dist\BranchDesk\branchdesk-cli.exe --version
& dist\BranchDesk\branchdesk-cli.exe selfcheck
if ($LASTEXITCODE -ne 0) { throw "self-check failed" }
# the names installer\branchdesk.iss packs (the same script makes the Linux check's stand-in)
& $py installer\payload.py check dist\BranchDesk
if ($LASTEXITCODE -ne 0) { throw "the bundle is not what the installer packs" }
$version = (& $py -c "import app; print(app.__version__)").Trim()
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
$isccPath = if ($iscc) { $iscc.Source } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (Test-Path $isccPath) {
  & $isccPath "/DAppVersion=$version" installer\branchdesk.iss
  if ($LASTEXITCODE -ne 0) { throw "Inno Setup could not compile installer\branchdesk.iss" }
  Write-Host "build.ps1: installer in dist\installer\BranchDesk-$version-setup.exe"
} else {
  Write-Host "build.ps1: Inno Setup 6 not found; bundle built, installer skipped"
}
