@echo off
rem Builds dist\service-desk with PyInstaller on Windows, then the installer (Inno Setup 6).
cd /d "%~dp0\.."
if not exist build\dist-venv\Scripts\python.exe py -3.11 -m venv build\dist-venv
build\dist-venv\Scripts\python -m pip install -q ".[dist,central]" || exit /b 1
build\dist-venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\service-desk.spec || exit /b 1
set QT_QPA_PLATFORM=offscreen
dist\service-desk\service-desk.exe --home "%TEMP%\service-desk-smoke-%RANDOM%" --smoke-test || exit /b 1
iscc installer\service-desk.iss
