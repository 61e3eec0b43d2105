"""The policy engine: versioned rule documents (TOML) and which version governs a case.

Pure: no database, no Qt. Refund and compensation decisions live in desk/returns/rules.py and
desk/returns/compensation.py and take a `PolicySet` from here.
"""

from desk.policies.document import PolicyDocument, PolicyError, Rule, parse_document
from desk.policies.versions import Applied, PolicyHolder, PolicySet, load_directory

__all__ = ["Applied", "PolicyDocument", "PolicyError", "PolicyHolder", "PolicySet", "Rule",
           "load_directory", "parse_document"]
