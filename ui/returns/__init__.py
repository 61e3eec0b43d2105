"""The return counter screen (issue 5)."""

from ui.returns.page import ReturnPage

__all__ = ["ReturnPage"]
