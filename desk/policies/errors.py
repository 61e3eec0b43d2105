"""The policy engine's error codes: policy files and their test cases.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "policy.invalid": ErrorText(
        "policy file {file}, line {line}: {reason}",
        "规则文件 {file} 第 {line} 行有误"),
    "policy.case_invalid": ErrorText("policy case {case}: {reason}", "规则测试用例 {case} 有误"),
    "policy.not_from_head_office": ErrorText(
        "a policy came from a store, not from head office: it was not applied",
        "有一份“政策”并非由总部发布，未予采用，请店长核查"),
}
