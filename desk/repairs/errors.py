"""Repairs' error codes: tickets, checklists, quotes, evidence.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "repair.inbox_not_absolute": ErrorText(
        "the photo inbox must be a full path (from the drive or /), not '{folder}'",
        "照片收件夹须为完整路径（从盘符或 / 开始），而不是“{folder}”"),
    "ticket.exists": ErrorText("ticket '{code}' already exists", "维修单 {code} 已存在"),
    "repair.history_refused": ErrorText(
        "{count} of the repair records are bad: nothing was imported",
        "有 {count} 条维修记录有误，全部未导入"),
    "repair.history_closed_before_opened": ErrorText(
        "repair {code} is closed before it was opened", "维修记录 {code} 的结束时间早于开单时间"),
    "ticket.unknown": ErrorText("unknown ticket '{code}'", "没有维修单 {code}"),
    "ticket.duplicate_code": ErrorText(
        "the same ticket code was opened on two counters",
        "同一维修单号在两个柜台分别开单"),
    "checklist.invalid": ErrorText("checklist file {file}, line {line}: {reason}",
                                   "检查单文件 {file} 第 {line} 行：{reason}"),
    "repair.no_checklist": ErrorText("no checklist in force for '{kind}'",
                                     "“{kind}”没有生效的检查单"),
    "repair.checklist_changed": ErrorText(
        "checklist {kind} {version} differs from the one already in use: give it a new version",
        "检查单 {kind} {version} 与已在用的内容不同：请使用新版本号"),
    "repair.unknown_check": ErrorText("step {step} has no check '{check_id}'",
                                      "第 {step} 步没有检查项“{check_id}”"),
    "repair.step_out_of_order": ErrorText(
        "step {step} cannot start: step {current} is not complete",
        "第 {step} 步不能开始：第 {current} 步尚未完成"),
    "repair.check_done": ErrorText("this check of step {step} is already done (correct it"
                                   " instead)", "第 {step} 步的这一检查项已完成（如需修改请更正）"),
    "repair.check_not_done": ErrorText("this check of step {step} is not done yet: nothing to"
                                       " correct", "第 {step} 步的这一检查项尚未完成，无可更正"),
    "repair.value_missing": ErrorText("enter the measured value ({unit})",
                                      "请输入测量值（{unit}）"),
    "repair.value_out_of_range": ErrorText(
        "{value} {unit} is outside the allowed range {min}–{max} {unit}",
        "{value} {unit} 超出允许范围 {min}–{max} {unit}"),
    "repair.note_missing": ErrorText("this check needs a note", "此检查项需要填写说明"),
    "repair.photo_missing": ErrorText("the photo is missing (no file for it)",
                                      "缺少照片（找不到照片文件）"),
    "repair.photo_mismatch": ErrorText("the photo's file does not match its hash (altered)",
                                       "照片文件与其哈希不符（已被改动）"),
    "repair.photo_too_large": ErrorText("the photo is too large ({size} bytes, at most {limit})",
                                        "照片过大（{size} 字节，最多 {limit}）"),
    "repair.photo_not_image": ErrorText("the file is not a photo (PNG or JPEG)",
                                        "该文件不是照片（只接受常见照片格式）"),
    "repair.signature_missing": ErrorText("this check needs the customer's signature",
                                          "此检查项需要顾客签名"),
    "repair.quote_missing": ErrorText("there is no quote yet", "尚未报价"),
    "repair.quote_not_signed": ErrorText("the customer has not signed the quote: work cannot "
                                         "start", "顾客尚未签署报价，不能施工"),
    "repair.quote_signature_mismatch": ErrorText(
        "signature {signature_id} was given for another quote",
        "签名 {signature_id} 是为另一份报价签的"),
    "repair.quote_line_invalid": ErrorText("quote line '{part}' is invalid",
                                           "报价行“{part}”无效"),
    "repair.work_started": ErrorText("work has started: the quote can no longer be refused",
                                     "已开始施工，不能再拒绝报价"),
    "repair.test_value_missing": ErrorText("no test value is recorded", "尚未记录测试值"),
    "repair.completion_unsigned": ErrorText("the customer has not signed the completion",
                                            "顾客尚未签署完工确认"),
    "repair.completion_signature_mismatch": ErrorText(
        "signature {signature_id} was given for another completion",
        "签名 {signature_id} 是为另一份完工确认签的"),
    "repair.pickup_not_ready": ErrorText(
        "pickup needs steps 1–7 complete (now at step {current})",
        "取件需完成第 1–7 步（当前第 {current} 步）"),
    "repair.not_allowed_for_role": ErrorText(
        "check '{check_id}' is for a {who}; a {role} may not do it",
        "检查项“{check_id}”须由{who}完成，{role}不能操作"),
    "repair.not_waivable": ErrorText("a system-verified check cannot be waived",
                                     "系统核验项不能豁免"),
    "repair.waiver_needs_manager": ErrorText("a waiver needs a manager's PIN",
                                             "豁免需要经理输入密码"),
    "repair.waiver_reason_unknown": ErrorText("unknown waiver reason '{reason}'",
                                              "未知的豁免原因“{reason}”"),
    "repair.archived": ErrorText("ticket {code} is archived: nothing more can be recorded",
                                 "工单 {code} 已归档，不能再记录"),
    "repair.reopen_not_archived": ErrorText(
        "ticket {code} is not archived: only a finished repair can be reopened for a recurrence",
        "工单 {code} 尚未归档：只有已完成的维修才能因复发重新开单"),
    "repair.already_reopened": ErrorText(
        "ticket {code} was already reopened as {reopened_as}: reopen that one",
        "工单 {code} 已重新开单为 {reopened_as}，请在该单上操作"),
    "repair.fault_kind_unknown": ErrorText("unknown fault kind '{fault_kind}'",
                                           "未知的故障类别“{fault_kind}”"),
    "repair.not_under_warranty": ErrorText(
        "the warranty verdict recorded at intake does not make this repair free ({free_reason})",
        "受理时判定的保修结论不含此项免费（{free_reason}）"),
    "repair.tender_unknown": ErrorText("unknown tender '{tender}'", "未知的支付方式"),
    "repair.payment_invalid": ErrorText("a payment by {tender} must be an amount above 0",
                                        "{tender}付款金额必须大于 0"),
    "repair.payment_mismatch": ErrorText(
        "the payments add up to {paid} yuan but {due} yuan is due at pickup",
        "付款合计 {paid} 元，但取件应付 {due} 元"),
    "repair.returned_unrepaired": ErrorText("ticket {code} was returned unrepaired",
                                            "工单 {code} 已未修退回"),
    "repair.escalation_reason_unknown": ErrorText(
        "a ticket is escalated for a breached response, an overdue promise or no news",
        "升级原因只能是响应超时、逾期或长时间未更新"),
    "repair.not_escalable": ErrorText(
        "ticket {code} is within its service level for this reason: nothing to escalate",
        "工单 {code} 在此项上未超出服务时限，无需升级"),
    "repair.already_escalated": ErrorText(
        "ticket {code} is already escalated to the manager for this reason",
        "工单 {code} 已因此原因升级给经理"),
}
