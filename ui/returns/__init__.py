"""The return counter screen (issue 5)."""

from ui.returns.compensation_page import CompensationPage
from ui.returns.page import ReturnPage
from ui.returns.pending import PendingCasesPage

__all__ = ["CompensationPage", "PendingCasesPage", "ReturnPage"]
