<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Signed out</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Central: not configured (working offline)</source>
        <translation>中心：未配置（离线工作）</translation>
    </message>
    <message>
        <source>Printer: not configured</source>
        <translation>打印机：未配置</translation>
    </message>
</context>
<context>
    <name>HelpPage</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>A barcode scanner works anywhere: scanned codes go to the search box.</source>
        <translation>扫码枪在任何界面都可使用：扫描的条码会进入搜索框。</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <source>Checking every event…</source>
        <translation>正在逐条校验事件…</translation>
    </message>
    <message>
        <source>Intact: %1 events from %2 device(s), no break.</source>
        <translation>完好：共 %1 条事件，来自 %2 台设备，无断链。</translation>
    </message>
    <message>
        <source>Broken at: %1</source>
        <translation>断链位置：%1</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>%1 events recorded, from %2 device(s).</source>
        <translation>已记录 %1 条事件，来自 %2 台设备。</translation>
    </message>
    <message>
        <source>Check the journal for tampering</source>
        <translation>校验日志是否被篡改</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <source>Locked. Enter your PIN to continue.</source>
        <translation>已锁屏。请输入 PIN 码继续。</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>e.g. 1001</source>
        <translation>例如 1001</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Sign in (Enter)</source>
        <translation>登录（回车）</translation>
    </message>
    <message>
        <source>Demo store — sign in as any of these:</source>
        <translation>演示门店 — 可用以下任一账号登录：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <source>Lock (%1)</source>
        <translation>锁屏（%1）</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>OpenTicketsPage</name>
    <message>
        <source>Open repair tickets (overdue in red)</source>
        <translation>未完成维修单（逾期标红）</translation>
    </message>
</context>
<context>
    <name>QueryListPage</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation><numerusform>共 %n 条</numerusform></translation>
    </message>
</context>
<context>
    <name>RecentReceiptsPage</name>
    <message>
        <source>Latest receipts</source>
        <translation>最近小票</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>No active staff member with id {staff_id}.</source>
        <translation>没有工号为 {staff_id} 的在职员工。</translation>
    </message>
    <message>
        <source>Wrong PIN. {remaining} tries left before the account locks.</source>
        <translation>PIN 码错误。再错 {remaining} 次账号将被锁定。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this account is locked until {until}.</source>
        <translation>PIN 码错误次数过多：账号已锁定至 {until}。</translation>
    </message>
    <message>
        <source>Your role may not do this ({command}).</source>
        <translation>您的角色无权执行此操作（{command}）。</translation>
    </message>
    <message>
        <source>A PIN has at least {min_length} digits.</source>
        <translation>PIN 码至少 {min_length} 位数字。</translation>
    </message>
    <message>
        <source>A PIN is made of digits only.</source>
        <translation>PIN 码只能由数字组成。</translation>
    </message>
    <message>
        <source>Please fill in {field}.</source>
        <translation>请填写 {field}。</translation>
    </message>
    <message>
        <source>{path} is not a Service Desk database, or it is damaged.</source>
        <translation>{path} 不是服务台数据库，或已损坏。</translation>
    </message>
    <message>
        <source>Cannot write to {path}: it is read-only.</source>
        <translation>无法写入 {path}：只读。</translation>
    </message>
    <message>
        <source>This database was written by a newer version ({found}).</source>
        <translation>此数据库由更新版本的程序写入（{found}）。</translation>
    </message>
    <message>
        <source>The database is busy in another program. Try again.</source>
        <translation>数据库正被其他程序占用，请重试。</translation>
    </message>
    <message>
        <source>This counter is not set up yet (desk init or desk demo).</source>
        <translation>本柜台尚未初始化（请运行 desk init 或 desk demo）。</translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation>出错了：{detail}</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <source>Simple</source>
        <translation>简单</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>复杂</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Sold at</source>
        <translation>销售时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>维修单</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Latest receipts</source>
        <translation>最近小票</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>未完成维修单</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Clerk</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>维修车间</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>Search: receipt, ticket, phone, member, barcode, serial or name</source>
        <translation>搜索：小票、维修单、手机号、会员号、条码、序列号或名称</translation>
    </message>
    <message>
        <source>Show this list of shortcuts</source>
        <translation>显示快捷键列表</translation>
    </message>
    <message>
        <source>Lock the screen (the PIN unlocks it)</source>
        <translation>锁屏（输入 PIN 码解锁）</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Switch between Chinese and English</source>
        <translation>中英文切换</translation>
    </message>
    <message>
        <source>Refresh the current page</source>
        <translation>刷新当前页面</translation>
    </message>
    <message>
        <source>Next page in the navigation</source>
        <translation>导航中的下一页</translation>
    </message>
    <message>
        <source>Previous page in the navigation</source>
        <translation>导航中的上一页</translation>
    </message>
    <message>
        <source>Go to page 1…9 of the navigation</source>
        <translation>跳转到导航第 1…9 页</translation>
    </message>
</context>
</TS>