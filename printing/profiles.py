"""Printer profiles: data files in resources/printers/*.toml (width, Chinese font, QR, cutter)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from desk.platform.errors import DeskError
from desk.platform.paths import resources_dir

DOTS_PER_COLUMN = 12  # font A: 12 x 24 dots; a Chinese character is 24 x 24 (two columns)
LINE_DOTS = 24


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    dots: int  # printable width in dots: 384 (58 mm) or 576 (80 mm)
    columns: int  # font A columns: 32 or 48
    chinese: bool  # has a GB18030 font: FS & ... FS . two-byte mode
    native_qr: bool  # GS ( k
    cutter: bool
    drawer: bool

    @property
    def paper_mm(self) -> int:
        return 80 if self.dots >= 576 else 58


def profiles_dir() -> Path:
    return resources_dir() / "printers"


def load_profiles(folder: Path | None = None) -> dict[str, Profile]:
    found: dict[str, Profile] = {}
    for path in sorted((folder or profiles_dir()).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        profile = Profile(
            name=str(data["name"]), label=str(data.get("label", data["name"])),
            dots=int(data["dots"]), columns=int(data["columns"]), chinese=bool(data["chinese"]),
            native_qr=bool(data["native_qr"]), cutter=bool(data["cutter"]),
            drawer=bool(data["drawer"]),
        )
        if profile.columns * DOTS_PER_COLUMN != profile.dots:
            raise ValueError(f"{path}: {profile.columns} columns do not fill {profile.dots} dots")
        found[profile.name] = profile
    return found


def get_profile(name: str) -> Profile:
    profiles = load_profiles()
    if name not in profiles:
        raise DeskError("printer.unknown_profile", profile=name, known=", ".join(sorted(profiles)))
    return profiles[name]
