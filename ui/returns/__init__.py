"""The return counter screen (issue 5)."""

from ui.returns.page import ReturnPage
from ui.returns.pending import PendingCasesPage

__all__ = ["PendingCasesPage", "ReturnPage"]
