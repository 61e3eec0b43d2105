"""The catalogue's error codes: store, customers, products, categories, and the demo store.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "store.exists": ErrorText("store '{store_id}' already exists", "门店 {store_id} 已存在"),
    "customer.exists": ErrorText(
        "customer '{customer_id}' already exists",
        "顾客 {customer_id} 已存在"),
    "customer.unknown": ErrorText("unknown customer '{customer_id}'", "没有顾客 {customer_id}"),
    "customer.member_taken": ErrorText(
        "member id '{member_id}' belongs to another customer",
        "会员号 {member_id} 已属于另一位顾客"),
    "customer.duplicate_id": ErrorText(
        "the same customer number was registered on two counters",
        "同一顾客编号在两个柜台分别登记"),
    "product.exists": ErrorText("product '{sku}' already exists", "商品 {sku} 已存在"),
    "product.unknown": ErrorText("unknown product '{sku}'", "没有商品 {sku}"),
    "product.duplicate_sku": ErrorText(
        "the same product code was registered twice",
        "同一商品编码被重复登记"),
    "category.unknown": ErrorText("unknown category '{category}'", "没有这个商品类别：{category}"),
    "demo.not_empty": ErrorText(
        "this database already has store '{store_id}': the demo needs an empty one",
        "此数据库已有门店 {store_id}，演示门店需要一个空数据库"),
    "demo.incomplete": ErrorText(
        "a demo build into '{path}' was interrupted: delete"
        " the database file and build the demo again",
        "上次生成演示门店时被中断：请删除数据库文件后重新生成"),
}
