"""Sync's error codes: the central server, its schema, the journal exchange, conflicts.

Each code: what a user reads, in English and Chinese (str.format with its parameters;
desk.platform.errors.PARAM_WORDS puts identifiers such as a role or a tender into words).
"""

from __future__ import annotations

from desk.platform.errors import ErrorText

ERRORS: dict[str, ErrorText] = {
    "sync.driver_missing": ErrorText(
        "syncing with the central server needs the PostgreSQL driver psycopg, which is not "
        "installed: pip install 'service-desk[central]'",
        "本机未安装中心服务器的连接组件，无法同步，请安装含中心服务器组件的版本"),
    "sync.not_configured": ErrorText(
        "no central server is configured: give --central URL or set it up",
        "尚未设置中心服务器"),
    "sync.bad_url": ErrorText(
        "'{url}' is not a usable central server address: {reason}",
        "中心服务器地址不可用：{url}"),
    "sync.unreachable": ErrorText(
        "cannot reach the central server {url}: {reason}",
        "无法连接中心服务器"),
    "sync.auth_failed": ErrorText(
        "the central server refused the user name or password ({url})",
        "中心服务器拒绝了用户名或密码"),
    "sync.no_database": ErrorText(
        "the central server has no such database ({url})",
        "中心服务器上没有该数据库"),
    "sync.tls_failed": ErrorText(
        "secure connection to the central server {url} failed: {reason}",
        "与中心服务器的加密连接失败"),
    "sync.central_missing": ErrorText(
        "the central server has no Service Desk schema: run 'desk central init URL' there first",
        "中心服务器尚未初始化，请联系技术人员"),
    "sync.central_outdated": ErrorText(
        "the central server's schema is version {found}, this program"
        " needs {needed}: run 'desk central init URL' to upgrade it",
        "中心服务器的版本过旧（{found}，需要 {needed}），请联系技术人员升级"),
    "sync.central_newer": ErrorText(
        "the central server's schema is version {found}, newer than"
        " this program knows ({known}): update this program",
        "中心服务器版本比本程序新，请升级本程序"),
    "sync.not_a_store_role": ErrorText(
        "these credentials do not belong to a store: create them with 'desk central add-store'",
        "此账号不属于任何门店"),
    "sync.store_role_taken": ErrorText(
        "store '{store_id}' already has the role '{role}'",
        "门店 {store_id} 已有同步账号"),
    "sync.wrong_store": ErrorText(
        "this counter belongs to store '{counter}' but the credentials are store '{credentials}'s",
        "此账号属于门店 {credentials}，本柜台属于门店 {counter}"),
    "sync.blob_refused": ErrorText(
        "the central server refused the photo {sha256}: {reason}",
        "中心服务器拒收了一张照片（内容与记录不符）"),
    "sync.blob_unavailable": ErrorText(
        "the photo {sha256} is not on the central server for this store",
        "中心服务器上没有这张照片，请在拍摄的柜台同步后再试"),
    "sync.blob_mismatch": ErrorText(
        "the photo {sha256} from the central server does not match its hash: refused",
        "从中心服务器取到的照片已被改动，已拒收"),
    "sync.forbidden": ErrorText(
        "the central server refused the write: {reason}",
        "中心服务器拒绝写入"),
    "sync.gap": ErrorText(
        "device {device_id}: expected event {expected}, got {got} (nothing"
        " was taken; the next round resends from {expected})",
        "服务器缺少之前的记录，下次将重新发送"),
    "sync.diverged": ErrorText(
        "device {device_id}: event {device_seq} differs from the central"
        " server's copy (database restored from an old backup?)",
        "本柜台的记录与服务器不一致（是否恢复过旧备份？），请联系技术人员"),
    "sync.bad_hash": ErrorText(
        "device {device_id}: event {device_seq} from the server fails its hash check",
        "来自服务器的一条记录校验失败，请联系技术人员"),
    "sync.connection_lost": ErrorText(
        "the connection to the central server was lost: {reason}",
        "与中心服务器的连接已断开"),
    "sync.server_error": ErrorText(
        "the central server reported an error: {reason}",
        "中心服务器出错，请稍后重试"),
    "sync.clock_skew": ErrorText(
        "this counter's clock is {minutes} minutes off the central server's",
        "本机时钟与服务器相差 {minutes} 分钟"),
    "sync.clock_drift": ErrorText(
        "another counter's clock runs {minutes} minutes ahead of this one",
        "另一柜台的时钟快了 {minutes} 分钟"),
    "sync.keyring_unavailable": ErrorText(
        "no password store (keyring) on this computer: the password"
        " is asked for each session and never written to disk",
        "本机没有密码保管库：每次登录都会询问密码，密码不会写入磁盘"),
    "conflict.unknown": ErrorText("unknown conflict '{conflict_id}'", "没有这个冲突"),
    "conflict.resolved_already": ErrorText(
        "conflict '{conflict_id}' is already resolved",
        "该冲突已处理"),
    "conflict.decision_unknown": ErrorText("unknown decision '{decision}'", "无法识别的处理方式"),
    "sync.bad_link": ErrorText(
        "device {device_id}: event {device_seq} does not link to the event before it (broken"
        " hash chain): the central server took nothing of the batch",
        "同步被拒绝：记录链不连续，中心服务器没有接收这批记录，请联系技术人员"),
    "sync.device_of_other_store": ErrorText(
        "device {device_id} is registered to another store on the central server: these"
        " credentials (store '{store_id}') may not push its events",
        "此柜台在中心服务器上属于另一家门店，本门店账号不能上传它的记录"),
    "sync.event_of_other_store": ErrorText(
        "device {device_id}: event {device_seq} is of store '{event_store}', but these"
        " credentials push for store '{store_id}'",
        "同步被拒绝：有记录属于另一家门店 {event_store}"),
    "sync.conflicting_event": ErrorText(
        "device {device_id}: event {device_seq} differs from the one the central server already"
        " holds under the same number or id",
        "同步被拒绝：有记录与中心服务器已有的同号记录不同，请联系技术人员"),
    "sync.bad_event": ErrorText(
        "device {device_id}: the central server refused a malformed event ({reason})",
        "同步被拒绝：有一条记录格式不正确，请联系技术人员"),
    "sync.other_central": ErrorText(
        "this counter syncs with central database {bound}, not {found}: another chain's server?"
        " An administrator re-binds it with 'desk sync --rebind'",
        "此中心服务器不是本柜台绑定的服务器（是否填错了地址？），如需更换请由管理员重新绑定"),
    "sync.role_of_other_database": ErrorText(
        "the role '{role}' for store '{store_id}' already exists on this PostgreSQL server but"
        " is not a store of this database (another chain's?): nothing was changed",
        "门店 {store_id} 的同步账号已属于本服务器上的另一个数据库，未做任何更改"),
}
