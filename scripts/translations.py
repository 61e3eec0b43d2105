"""Refresh the Qt translations: lupdate the ui/ sources into resources/translations/desk_zh_CN.ts,
fill it from the glossary desk_zh_CN.tsv (English<TAB>Chinese, context-free), compile the .qm.

Run `make translations` after changing UI text; tests/ui/test_translations.py fails when a string
has no Chinese or the .qm is stale.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "desk_zh_CN.ts"
QM = TRANSLATIONS / "desk_zh_CN.qm"
GLOSSARY = TRANSLATIONS / "desk_zh_CN.tsv"


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def glossary() -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(GLOSSARY.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        english, _, chinese = line.partition("\t")
        if not chinese:
            raise SystemExit(f"{GLOSSARY.name}:{number}: no tab-separated Chinese")
        entries[english.replace("\\n", "\n")] = chinese.replace("\\n", "\n")
    return entries


def extract(ts_path: Path) -> None:
    subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    *sources(), "-ts", str(ts_path)], cwd=ROOT, check=True)


def fill(ts_path: Path, words: dict[str, str]) -> list[str]:
    """Write the glossary's Chinese into every message; return the sources that have none."""
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        chinese = words.get(source)
        if chinese is None:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            translation.text = None
            for old in list(translation):
                translation.remove(old)
            form = ET.SubElement(translation, "numerusform")
            form.text = chinese
        else:
            translation.text = chinese
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def compile_qm(ts_path: Path, qm_path: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts_path), "-qm", str(qm_path)], check=True)


def build(ts_path: Path, qm_path: Path) -> list[str]:
    ts_path.unlink(missing_ok=True)
    extract(ts_path)
    root = ET.parse(ts_path).getroot()
    root.set("language", "zh_CN")
    ET.ElementTree(root).write(ts_path, encoding="utf-8", xml_declaration=True)
    missing = fill(ts_path, glossary())
    compile_qm(ts_path, qm_path)
    return missing


def main() -> int:
    missing = build(TS, QM)
    for source in missing:
        print(f"no Chinese for: {source!r}", file=sys.stderr)
    return 1 if missing else 0


def check() -> list[str]:
    """For the tests: build into a temporary folder and compare with what is committed."""
    with tempfile.TemporaryDirectory() as folder:
        ts, qm = Path(folder) / TS.name, Path(folder) / QM.name
        missing = build(ts, qm)
        problems = [f"no Chinese for: {s!r}" for s in missing]
        if not QM.exists() or QM.read_bytes() != qm.read_bytes():
            problems.append("desk_zh_CN.qm is stale: run `make translations`")
    return problems


if __name__ == "__main__":
    sys.exit(main())
