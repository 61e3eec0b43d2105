"""Commands of the print queue: what a person asks of this counter's printer, each one audited
(a journal fact with who, what and when). The document's bytes are built by printing/ (the core
cannot import it) and passed base64-encoded, as `desk apply` can carry them too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from desk.platform.commands import Command


@dataclass(frozen=True)
class QueuePrintJob(Command):
    """Queue a document (ESC/POS bytes, one copy, base64) for `reference` (receipt, ticket...)."""

    name: ClassVar[str] = "queue_print_job"
    # A document with a signature or a logo as raster lines; print.bad_data refuses above this.
    limits: ClassVar[Mapping[str, int]] = {"data_base64": 6_000_000}
    document_kind: str
    reference: str
    data_base64: str
    copies: int = 1


@dataclass(frozen=True)
class ReprintJob(Command):
    """A copy of job `job_id`: `data_base64` is the document rebuilt with its COPY mark."""

    name: ClassVar[str] = "reprint_job"
    limits: ClassVar[Mapping[str, int]] = {"data_base64": 6_000_000}
    job_id: int
    data_base64: str


@dataclass(frozen=True)
class SettlePrintJob(Command):
    """A person looked at the printer after a crash: the uncertain job printed, or send it again."""

    name: ClassVar[str] = "settle_print_job"
    job_id: int
    printed: bool


@dataclass(frozen=True)
class CancelPrintJob(Command):
    name: ClassVar[str] = "cancel_print_job"
    job_id: int


@dataclass(frozen=True)
class SetPrinter(Command):
    """This counter's printer: a settings string (printing.transport.open_transport, checked by
    the caller that can open it) and a profile name."""

    name: ClassVar[str] = "set_printer"
    limits: ClassVar[Mapping[str, int]] = {"spec": 500}
    spec: str
    profile: str


@dataclass(frozen=True)
class PrintJobQueued:
    job_id: int
    document_kind: str
    reference: str
    copy_of: int | None = None


@dataclass(frozen=True)
class PrintJobChanged:
    job_id: int
    status: str


@dataclass(frozen=True)
class PrinterSet:
    printer_spec: str
    printer_profile: str
