<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraCapture</name>
    <message>
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>相机：</translation>
    </message>
    <message>
        <source>Take the photo (Space)</source>
        <translation>拍照（空格）</translation>
    </message>
    <message>
        <source>Use this photo (Enter)</source>
        <translation>用这张照片（回车）</translation>
    </message>
    <message>
        <source>Take again (Space)</source>
        <translation>重拍（空格）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>No camera is connected to this counter: take the photo with the phone, it arrives in the photo folder.</source>
        <translation>本柜台没有连接相机：请用手机拍照，照片会存入照片文件夹。</translation>
    </message>
    <message>
        <source>The camera does not work: check its cable, choose another camera, or take the photo with the phone.</source>
        <translation>相机无法工作：请检查连接线，换一台相机，或用手机拍照。</translation>
    </message>
    <message>
        <source>The camera could not take the photo: try again.</source>
        <translation>相机未能拍下照片，请重试。</translation>
    </message>
    <message>
        <source>The photo could not be saved in the photo folder %1. Check that the folder can be reached and try again.</source>
        <translation>照片无法存入照片文件夹 %1。请确认该文件夹可以访问，然后重试。</translation>
    </message>
    <message>
        <source>Saving the photo…</source>
        <translation>正在保存照片…</translation>
    </message>
    <message>
        <source>Enter uses this photo, Space takes it again, Esc cancels.</source>
        <translation>回车使用这张照片，空格重拍，Esc 取消。</translation>
    </message>
    <message>
        <source>Space or Enter takes the photo.</source>
        <translation>按空格或回车拍照。</translation>
    </message>
    <message>
        <source>↑ and ↓ choose another camera.</source>
        <translation>按 ↑ 或 ↓ 换一台相机。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动相机…</translation>
    </message>
</context>
<context>
    <name>CameraWatch</name>
    <message>
        <source>Taking photos with a camera is not installed on this counter: take the photo with the phone, it arrives in the photo folder.</source>
        <translation>本柜台未安装相机拍照功能：请用手机拍照，照片会存入照片文件夹。</translation>
    </message>
    <message>
        <source>No camera is connected to this counter: take the photo with the phone, it arrives in the photo folder.</source>
        <translation>本柜台没有连接相机：请用手机拍照，照片会存入照片文件夹。</translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Photo ✓</source>
        <translation>照片 ✓</translation>
    </message>
    <message>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <source>Signed ✓</source>
        <translation>已签名 ✓</translation>
    </message>
    <message>
        <source>Customer signs…</source>
        <translation>顾客签名…</translation>
    </message>
    <message>
        <source>Waived</source>
        <translation>已豁免</translation>
    </message>
    <message>
        <source>Done ✓</source>
        <translation>已完成 ✓</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Waive…</source>
        <translation>豁免…</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>Welcome to Service Desk</source>
        <translation>欢迎使用服务台</translation>
    </message>
    <message>
        <source>This counter has no store yet. What should it be?</source>
        <translation>这台柜台还没有门店。请选择：</translation>
    </message>
    <message>
        <source>A demo store, to try the app</source>
        <translation>演示门店（试用本程序）</translation>
    </message>
    <message>
        <source>A new store (the first counter of a store)</source>
        <translation>新门店（门店的第一台柜台）</translation>
    </message>
    <message>
        <source>A counter of an existing store, from the central server</source>
        <translation>已有门店的柜台（从中心服务器加入）</translation>
    </message>
    <message>
        <source>A year of made-up sales, repairs and staff; their PINs are shown at sign-in. Not for real customers.</source>
        <translation>一年的虚构销售、维修和员工，登录页显示他们的 PIN 码。不可用于真实顾客。</translation>
    </message>
    <message>
        <source>You give the store's code and name, its time zone and the first administrator, who then adds the staff.</source>
        <translation>填写门店编号和名称、时区以及第一位管理员，由管理员再添加其他员工。</translation>
    </message>
    <message>
        <source>You need the store's credentials for the central server (from head office IT). The store's data is copied here.</source>
        <translation>需要门店在中心服务器的账号（由总部 IT 提供）。门店的数据会复制到本机。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>ClosurePage</name>
    <message>
        <source>Closed: Z%1 at %2 by %3</source>
        <translation>已日结：Z%1，%2，日结人 %3</translation>
    </message>
    <message>
        <source>Not closed yet: the day so far (X report)</source>
        <translation>尚未日结：当日截至目前（X 报告）</translation>
    </message>
    <message>
        <source>Returns: %1, refunded %2</source>
        <translation>退货 %1 笔，退款 %2</translation>
    </message>
    <message>
        <source>Compensations: %1, paid %2</source>
        <translation>补偿 %1 笔，支付 %2</translation>
    </message>
    <message>
        <source>Waiting for head office: %1</source>
        <translation>待总部审批：%1</translation>
    </message>
    <message>
        <source>Repairs opened: %1, overdue: %2</source>
        <translation>维修受理：%1，超期：%2</translation>
    </message>
    <message>
        <source>Unsynced events: %1, open conflicts: %2, late arrivals: %3</source>
        <translation>未同步事件：%1，未决冲突：%2，迟到事件：%3</translation>
    </message>
    <message>
        <source>Expected %1, counted %2, variance %3</source>
        <translation>应有现金 %1，实点现金 %2，差额 %3</translation>
    </message>
    <message>
        <source>Required: the variance is above the tolerance</source>
        <translation>必填：差额超过允许范围</translation>
    </message>
    <message>
        <source>No signature: the day was not closed.</source>
        <translation>没有签名：未日结。</translation>
    </message>
    <message>
        <source>Daily closure %1: counted %2</source>
        <translation>日结 %1：实点现金 %2</translation>
    </message>
    <message>
        <source>Closed: Z%1. Save the PDF and print the summary.</source>
        <translation>已日结：Z%1。请保存 PDF 并打印简版。</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>No printer is set up.</source>
        <translation>尚未设置打印机。</translation>
    </message>
    <message>
        <source>The summary is queued for the printer.</source>
        <translation>简版已加入打印队列。</translation>
    </message>
    <message>
        <source>Save the closure report</source>
        <translation>保存日结报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Second person</source>
        <translation>复点人</translation>
    </message>
    <message>
        <source>Daily closure</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Whole store</source>
        <translation>全店</translation>
    </message>
    <message>
        <source>This counter</source>
        <translation>本柜台</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print summary</source>
        <translation>打印简版</translation>
    </message>
    <message>
        <source>Close the day: count the cash (blind)</source>
        <translation>日结：盲点现金</translation>
    </message>
    <message>
        <source>Count entered: show expected cash</source>
        <translation>点数完毕：显示应有现金</translation>
    </message>
    <message>
        <source>Variance note</source>
        <translation>差额说明</translation>
    </message>
    <message>
        <source>Second person (staff id)</source>
        <translation>复点人（工号）</translation>
    </message>
    <message>
        <source>Second person's PIN</source>
        <translation>复点人密码</translation>
    </message>
    <message>
        <source>Close although events are unsynced or conflicts are open (recorded)</source>
        <translation>仍有未同步事件或未决冲突，确认日结（将被记录）</translation>
    </message>
    <message>
        <source>Sign and close the day</source>
        <translation>签名并日结</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 conflict(s)</source>
        <translation>%1 个冲突</translation>
    </message>
    <message>
        <source>%1. %2 on counter %3 by %4: %5</source>
        <translation>%1. %2 在柜台 %3 由 %4 记录：%5</translation>
    </message>
    <message>
        <source>Resolved by %1 at %2: %3 %4</source>
        <translation>由 %1 于 %2 处理：%3 %4</translation>
    </message>
    <message>
        <source>Resolution recorded.</source>
        <translation>处理结果已记录。</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>显示已处理</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>What was done (shown on reports)</source>
        <translation>处理说明（显示在报表上）</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Central server</source>
        <translation>中心服务器</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>在系统钥匙串中记住密码</translation>
    </message>
    <message>
        <source>Sync in the background</source>
        <translation>后台同步</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User (the store's role)</source>
        <translation>用户（门店角色）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS 加密</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All (*)</source>
        <translation>证书 (*.crt *.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected: these credentials are store %1.</source>
        <translation>连接成功：此凭据属于门店 %1。</translation>
    </message>
</context>
<context>
    <name>CountPanel</name>
    <message>
        <source>Counted: %1</source>
        <translation>实点：%1</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
    <message>
        <source>Opening float (yuan)</source>
        <translation>备用金（元）</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>The store and its staff</source>
        <translation>门店和员工</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>A year of sales</source>
        <translation>一年的销售</translation>
    </message>
    <message>
        <source>Repair tickets</source>
        <translation>维修单</translation>
    </message>
    <message>
        <source>Earlier repairs (imported)</source>
        <translation>以往维修记录（导入）</translation>
    </message>
    <message>
        <source>Repairs worked through their checklists</source>
        <translation>按检查单推进的维修</translation>
    </message>
    <message>
        <source>{stage}: {done} of {total}</source>
        <translation>{stage}：{done} / {total}</translation>
    </message>
    <message>
        <source>The demo store</source>
        <translation>演示门店</translation>
    </message>
    <message>
        <source>Build the demo store</source>
        <translation>建立演示门店</translation>
    </message>
    <message>
        <source>About 2 000 receipts, repair tickets and the demo staff are made up on this counter. It takes a few seconds.</source>
        <translation>将在本柜台生成约 2000 张小票、维修单和演示员工，需要几秒钟。</translation>
    </message>
</context>
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
    <name>EscalationsPage</name>
    <message>
        <source>Escalate what is due</source>
        <translation>升级所有到期工单</translation>
    </message>
    <message>
        <source>Tickets out of their service level:</source>
        <translation>超出服务时限的工单：</translation>
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
        <source>Back within its level</source>
        <translation>已恢复正常</translation>
    </message>
    <message>
        <source>Escalated: %1 (%2, %3)</source>
        <translation>已升级：%1（%2，%3）</translation>
    </message>
    <message>
        <source>Nothing to escalate.</source>
        <translation>没有需要升级的工单。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Service Desk — first start</source>
        <translation>服务台 — 首次启动</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <source>Follow-up calls due:</source>
        <translation>待回访：</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Call by</source>
        <translation>最迟回访</translation>
    </message>
</context>
<context>
    <name>HelpPage</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>A barcode scanner works on every page, whatever has the focus: a scan goes to the page's own box (the return box on the return page), else to the search box.</source>
        <translation>扫码枪在每个页面都可用，不论光标在哪里：扫描内容进入本页的输入框（退货页为退货输入框），其他页面进入查找框。</translation>
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
    <name>IntakePage</name>
    <message>
        <source>Receipt no, serial or phone (scan or type)</source>
        <translation>小票号、序列号或手机号（扫码或输入）</translation>
    </message>
    <message>
        <source>What happens, and since when</source>
        <translation>出现什么现象，从何时开始</translation>
    </message>
    <message>
        <source>Handed in with it, e.g. charger, box</source>
        <translation>随机附件，如：充电器、包装盒</translation>
    </message>
    <message>
        <source>Scratches, dents, marks …</source>
        <translation>划痕、磕碰、污渍等</translation>
    </message>
    <message>
        <source>Simple (answer in 5 min)</source>
        <translation>简单（5分钟内答复）</translation>
    </message>
    <message>
        <source>Complex (plan in 30 min)</source>
        <translation>复杂（30分钟内给出方案）</translation>
    </message>
    <message>
        <source>Major (plan in 2 h)</source>
        <translation>重大（2小时内给出方案）</translation>
    </message>
    <message>
        <source>Find the purchase</source>
        <translation>查找购买记录</translation>
    </message>
    <message>
        <source>Receipt line</source>
        <translation>小票商品行</translation>
    </message>
    <message>
        <source>Product (SKU)</source>
        <translation>商品编号</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Kind of fault</source>
        <translation>故障类别</translation>
    </message>
    <message>
        <source>Warranty</source>
        <translation>保修</translation>
    </message>
    <message>
        <source>Usage environment</source>
        <translation>使用环境</translation>
    </message>
    <message>
        <source>Time window and contact</source>
        <translation>联系时间段与方式</translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>外观状况</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>服务级别</translation>
    </message>
    <message>
        <source>Promised date</source>
        <translation>承诺完成日期</translation>
    </message>
    <message>
        <source>Open ticket, sign and print</source>
        <translation>开单、签字并打印</translation>
    </message>
    <message>
        <source>(choose the kind of fault)</source>
        <translation>（请选择故障类别）</translation>
    </message>
    <message>
        <source>Exchange or return instead…</source>
        <translation>改为换货或退货…</translation>
    </message>
    <message>
        <source>Condition photos: %1</source>
        <translation>外观照片：%1 张</translation>
    </message>
    <message>
        <source>Condition photo…</source>
        <translation>外观照片…</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Photos (*.png *.jpg *.jpeg)</source>
        <translation>照片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Not found: type the product</source>
        <translation>未找到：请输入商品</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>顾客 %1</translation>
    </message>
    <message>
        <source>Same fault again within the statutory warranty: the customer may take an exchange or a return of receipt %1 instead of another repair.</source>
        <translation>三包期内同一故障再次报修：顾客可凭小票 %1 选择换货或退货，不必再次维修。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Ticket %1 opened; the intake is not signed yet.</source>
        <translation>维修单 %1 已开单，顾客尚未签署接修单。</translation>
    </message>
    <message>
        <source>Ticket %1 opened, signed and sent to the printer.</source>
        <translation>维修单 %1 已开单、已签字并已送打印。</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Sending this counter's events: {n}</source>
        <translation>正在上传本柜台的记录：{n}</translation>
    </message>
    <message>
        <source>Receiving the store's events: {n}</source>
        <translation>正在接收门店的记录：{n}</translation>
    </message>
    <message>
        <source>Join a store from the central server</source>
        <translation>从中心服务器加入门店</translation>
    </message>
    <message>
        <source>Head office IT gives you the server's address and the store's user and password.</source>
        <translation>服务器地址以及门店的用户名和密码由总部 IT 提供。</translation>
    </message>
    <message>
        <source>Connect and join</source>
        <translation>连接并加入</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User (the store's role)</source>
        <translation>用户（门店角色）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS 加密</translation>
    </message>
    <message>
        <source>This counter's name</source>
        <translation>本柜台名称</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>在系统钥匙串中记住密码</translation>
    </message>
    <message>
        <source>e.g. Counter 2</source>
        <translation>例如：二号柜台</translation>
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
    <name>LateOfferBox</name>
    <message>
        <source>Late repair</source>
        <translation>维修逾期</translation>
    </message>
    <message>
        <source>Offer the late-repair compensation…</source>
        <translation>提供延误维修补偿…</translation>
    </message>
    <message>
        <source>Overdue at pickup: %1 days after the promised date (%2).</source>
        <translation>取件时已超期：比承诺日期（%2）晚 %1 天。</translation>
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
        <source>Close Service Desk</source>
        <translation>关闭服务台</translation>
    </message>
    <message>
        <source>A case is on screen and not recorded yet (%1). Close anyway? Nothing of it is kept.</source>
        <translation>屏幕上有尚未记录的业务（%1）。仍要关闭吗？该业务不会保存。</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>转到页面</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页面</translation>
    </message>
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
    <name>NewStorePage</name>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
    <message>
        <source>A new store</source>
        <translation>新门店</translation>
    </message>
    <message>
        <source>The first administrator signs in with this ID and PIN and then adds the other staff.</source>
        <translation>第一位管理员用此工号和 PIN 码登录，然后添加其他员工。</translation>
    </message>
    <message>
        <source>Create the store</source>
        <translation>创建门店</translation>
    </message>
    <message>
        <source>Store code</source>
        <translation>门店编号</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <source>This counter's name</source>
        <translation>本柜台名称</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Administrator's staff ID</source>
        <translation>管理员工号</translation>
    </message>
    <message>
        <source>Administrator's name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <source>e.g. S001</source>
        <translation>例如：S001</translation>
    </message>
    <message>
        <source>e.g. Counter 1</source>
        <translation>例如：一号柜台</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>数字</translation>
    </message>
</context>
<context>
    <name>PendingCasesPage</name>
    <message>
        <source>Waiting for head office</source>
        <translation>等待总部批准</translation>
    </message>
</context>
<context>
    <name>PhotoPicker</name>
    <message>
        <source>Add a photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Use this photo (Enter)</source>
        <translation>用这张照片（回车）</translation>
    </message>
    <message>
        <source>Camera… (F3)</source>
        <translation>相机拍照…（F3）</translation>
    </message>
    <message>
        <source>From a file… (Ctrl+O)</source>
        <translation>从文件选择…（Ctrl+O）</translation>
    </message>
    <message>
        <source>Look again (F5)</source>
        <translation>重新查看（F5）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Pictures the phone or camera put in %1 — newest first.</source>
        <translation>手机或相机存入 %1 的照片，最新的在前。</translation>
    </message>
    <message>
        <source>The photo folder cannot be read: %1</source>
        <translation>无法读取照片文件夹：%1</translation>
    </message>
    <message>
        <source>No picture in the folder yet: take one with the phone, or choose a file.</source>
        <translation>文件夹里还没有照片：请用手机拍一张，或从文件选择。</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Photos (*.png *.jpg *.jpeg)</source>
        <translation>照片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <source>Photo being fetched…</source>
        <translation>正在取回照片…</translation>
    </message>
    <message>
        <source>Photo not available</source>
        <translation>照片无法取得</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Nothing printed yet</source>
        <translation>尚未打印</translation>
    </message>
    <message>
        <source>The preview could not be shown</source>
        <translation>无法显示预览</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Asking the printer…</source>
        <translation>正在询问打印机…</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <source>The printer is ready; its paper is running low.</source>
        <translation>打印机就绪；纸快用完了。</translation>
    </message>
    <message>
        <source>The printer is ready.</source>
        <translation>打印机就绪。</translation>
    </message>
    <message>
        <source>The test page was sent ({n} bytes). Did it come out readable, Chinese included?</source>
        <translation>测试页已发送（{n} 字节）。打印出来是否清楚，中文是否正常？</translation>
    </message>
    <message>
        <source>The printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Choose the receipt printer of this counter. You can check it and print a test page before you finish.</source>
        <translation>请选择本柜台的小票打印机。完成前可以检查打印机并打印测试页。</translation>
    </message>
    <message>
        <source>Serial printer (USB or COM port)</source>
        <translation>串口打印机（USB 或 COM 口）</translation>
    </message>
    <message>
        <source>Network printer</source>
        <translation>网络打印机</translation>
    </message>
    <message>
        <source>No printer yet: save receipts as files (a picture of each)</source>
        <translation>暂无打印机：把小票保存为文件（每张附图片）</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>速率（波特）</translation>
    </message>
    <message>
        <source>Flow control</source>
        <translation>流控</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Paper and model</source>
        <translation>纸宽与型号</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.50</source>
        <translation>例如：192.168.1.50</translation>
    </message>
    <message>
        <source>Check the printer</source>
        <translation>检查打印机</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
</context>
<context>
    <name>PrinterStatusLabel</name>
    <message>
        <source>Printer ready</source>
        <translation>打印机就绪</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Printer: paper running low</source>
        <translation>打印机：纸将用完</translation>
    </message>
    <message>
        <source>Printer: out of paper</source>
        <translation>打印机：缺纸</translation>
    </message>
    <message>
        <source>Printer: cover open</source>
        <translation>打印机：纸仓盖未关</translation>
    </message>
    <message>
        <source>Printer offline</source>
        <translation>打印机离线</translation>
    </message>
    <message>
        <source>Printer not answering</source>
        <translation>打印机无响应</translation>
    </message>
    <message>
        <source>Printer port not found</source>
        <translation>找不到打印机端口</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>Printer: not configured</source>
        <translation>打印机：未配置</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) waiting</source>
        <translation><numerusform>%n 个任务等待中</numerusform></translation>
    </message>
    <message>
        <source>Jobs are kept and print when the printer is ready again.</source>
        <translation>任务会保留，打印机恢复后自动打印。</translation>
    </message>
</context>
<context>
    <name>QueryListPage</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%n row(s)</source>
        <translation>共 %n 条</translation>
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
    <name>RecurrenceBox</name>
    <message>
        <source>Recurrence</source>
        <translation>复发</translation>
    </message>
    <message>
        <source>What came back, since when</source>
        <translation>复发现象及开始时间</translation>
    </message>
    <message>
        <source>Reopen for recurrence</source>
        <translation>因复发重新开单</translation>
    </message>
    <message>
        <source>Repeat repair of</source>
        <translation>返修，原工单</translation>
    </message>
    <message>
        <source>Reopened as</source>
        <translation>已重新开单为</translation>
    </message>
    <message>
        <source>Reopened: a new cycle has started.</source>
        <translation>已重新开单，新一轮维修已开始。</translation>
    </message>
</context>
<context>
    <name>ReturnPage</name>
    <message>
        <source>Scan or type the receipt number (or the customer's phone, its last 4 digits, or the member number)</source>
        <translation>扫描或输入小票号（或顾客手机号、手机尾号后 4 位、会员号）</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>购买数量</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>可退</translation>
    </message>
    <message>
        <source>Qty back</source>
        <translation>退回数量</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Bought on</source>
        <translation>购买时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Manager's reason for the override</source>
        <translation>经理填写的例外放行理由</translation>
    </message>
    <message>
        <source>Manager's staff id</source>
        <translation>经理工号</translation>
    </message>
    <message>
        <source>Manager's PIN</source>
        <translation>经理密码</translation>
    </message>
    <message>
        <source>Cash back (manager, with a reason)</source>
        <translation>退现金（需经理批准并填写理由）</translation>
    </message>
    <message>
        <source>I checked that this is the buyer on the receipt (member card or ID)</source>
        <translation>已核实是小票上的购买人（会员卡或身份证）</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>原因（可不填）</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>例外理由</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Confirm refund (Enter)</source>
        <translation>确认退款（回车）</translation>
    </message>
    <message>
        <source>Looking up %1 ...</source>
        <translation>正在查找 %1 ……</translation>
    </message>
    <message>
        <source>Receipt %1 · %2 · paid %3</source>
        <translation>小票 %1 · %2 · 实付 %3</translation>
    </message>
    <message>
        <source>This receipt is from another store: it is returned there.</source>
        <translation>这张小票属于其他门店：请到该门店办理退货。</translation>
    </message>
    <message>
        <source>Everything on this receipt has been returned already.</source>
        <translation>这张小票上的商品已全部退过。</translation>
    </message>
    <message>
        <source>Space ticks a line, + / - or a digit sets the quantity, Enter shows the decision.</source>
        <translation>空格勾选一行，+ / - 或数字设置数量，回车查看处理结果。</translation>
    </message>
    <message>
        <source>%1's receipts: choose one (Enter)</source>
        <translation>%1 的购物小票：请选择一张（回车）</translation>
    </message>
    <message>
        <source>Receipts of the customers with this number: ask which is theirs, choose one (Enter)</source>
        <translation>尾号相同的顾客的小票：请向顾客确认是哪一张，选择后按回车</translation>
    </message>
    <message>
        <source>Return without the receipt: found by %1.</source>
        <translation>无小票退货：通过%1找到。</translation>
    </message>
    <message>
        <source>member number</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source> (gift)</source>
        <translation>（赠品）</translation>
    </message>
    <message>
        <source>Nothing is left to return on this line.</source>
        <translation>这一行已没有可退的数量。</translation>
    </message>
    <message numerus="yes">
        <source>Only %n left to return on this line.</source>
        <translation><numerusform>这一行只剩 %n 件可退。</numerusform></translation>
    </message>
    <message>
        <source>Tick at least one line (Space).</source>
        <translation>请至少勾选一行（空格）。</translation>
    </message>
    <message>
        <source>Enter confirms the refund; Esc goes back to the lines.</source>
        <translation>回车确认退款；Esc 返回商品行。</translation>
    </message>
    <message>
        <source>Not returnable by the policy (%1)</source>
        <translation>按规则不可退（%1）</translation>
    </message>
    <message>
        <source>%1 asked: waits for head office, nothing is refunded now</source>
        <translation>申请退款 %1：须总部审批，现在不退款</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>退款 %1</translation>
    </message>
    <message>
        <source>Override and confirm (Enter)</source>
        <translation>例外放行并确认（回车）</translation>
    </message>
    <message>
        <source>The manager's reason for the override is needed.</source>
        <translation>需填写经理的例外放行理由。</translation>
    </message>
    <message>
        <source>A manager approves: staff id and PIN.</source>
        <translation>需经理批准：工号和密码。</translation>
    </message>
    <message>
        <source>The customer must sign on the signature pad, and no pad is connected: the return cannot be confirmed.</source>
        <translation>顾客须在签名板上签名，但未连接签名板：无法确认退货。</translation>
    </message>
    <message>
        <source>No signature: nothing was recorded. The manager approves again.</source>
        <translation>顾客未签名：未作任何记录。需经理重新批准。</translation>
    </message>
    <message>
        <source>Ready for the next customer: scan a receipt.</source>
        <translation>可以接待下一位顾客：请扫描小票。</translation>
    </message>
    <message>
        <source>Case %1 recorded: %2 waits for head office's approval; nothing was refunded yet. The customer gets the pending slip.</source>
        <translation>审批单 %1 已登记：%2 等待总部审批，尚未退款。请将待审批单交给顾客。</translation>
    </message>
    <message>
        <source>Return %1 done: %2 refunded.</source>
        <translation>退货 %1 完成：已退款 %2。</translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation>（未填写原因）</translation>
    </message>
    <message>
        <source>Size or fit</source>
        <translation>尺码或版型不合适</translation>
    </message>
    <message>
        <source>Quality problem</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <source>Changed my mind</source>
        <translation>不想要了</translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation>与描述不符</translation>
    </message>
    <message>
        <source>Unwanted gift</source>
        <translation>不需要的礼品</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Store card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <source>Other payment</source>
        <translation>其他支付方式</translation>
    </message>
    <message>
        <source>back to the same account</source>
        <translation>原路退回</translation>
    </message>
    <message>
        <source>paid out in cash (manager override)</source>
        <translation>以现金退付（经理例外批准）</translation>
    </message>
    <message>
        <source>by bank transfer (the channel's window has passed)</source>
        <translation>银行转账（已超出该渠道的退款期限）</translation>
    </message>
    <message>
        <source>as the manager decides</source>
        <translation>由经理决定</translation>
    </message>
    <message>
        <source>within the clerk's authority</source>
        <translation>在店员权限之内</translation>
    </message>
    <message>
        <source>a manager approves (staff id and PIN)</source>
        <translation>需经理批准（工号和密码）</translation>
    </message>
    <message>
        <source>above the manager's limit: recorded as pending until head office approves</source>
        <translation>超出经理权限：登记为待批，总部批准后完成</translation>
    </message>
    <message>
        <source>Gift not brought back: %1 deducted</source>
        <translation>赠品未退回：扣除 %1</translation>
    </message>
    <message>
        <source>%1 points taken back</source>
        <translation>扣回积分 %1</translation>
    </message>
    <message>
        <source>A manager may override this, with a reason.</source>
        <translation>经理可填写理由例外放行。</translation>
    </message>
    <message>
        <source>This cannot be overridden: nothing can be refunded for these lines.</source>
        <translation>此项不能例外放行：这些商品不能退款。</translation>
    </message>
    <message>
        <source>The customer signs.</source>
        <translation>需顾客签字。</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
</context>
<context>
    <name>ServiceLine</name>
    <message>
        <source>answered %1</source>
        <translation>已于 %1 响应</translation>
    </message>
    <message>
        <source>answer by %1</source>
        <translation>须在 %1 前响应</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>escalated: %1</source>
        <translation>已升级：%1</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Customer signature</source>
        <translation>顾客签名</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Confirm signature</source>
        <translation>确认签名</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
    <message>
        <source>Nothing was signed. Please sign on the line.</source>
        <translation>尚未签名，请在线上签名。</translation>
    </message>
    <message>
        <source>That is too small to be a signature. Please clear and sign again on the line.</source>
        <translation>签名过小，请清除后在线上重新签名。</translation>
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
    <name>TicketPage</name>
    <message>
        <source>Ticket code (scan the slip)</source>
        <translation>维修单号（扫描受理单）</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Price (yuan)</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <source>Add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <source>Labour (yuan)</source>
        <translation>工时费（元）</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Add payment</source>
        <translation>添加付款</translation>
    </message>
    <message>
        <source>Propose quote</source>
        <translation>提交报价</translation>
    </message>
    <message>
        <source>Customer signs the quote…</source>
        <translation>顾客签署报价…</translation>
    </message>
    <message>
        <source>Customer refuses</source>
        <translation>顾客拒绝</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>取件</translation>
    </message>
    <message>
        <source>Customer signs the completion…</source>
        <translation>顾客签署完工确认…</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Store card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <source>No such ticket.</source>
        <translation>没有此维修单。</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>waived</source>
        <translation>已豁免</translation>
    </message>
    <message>
        <source>No quote yet.</source>
        <translation>尚未报价。</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签署</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签署</translation>
    </message>
    <message>
        <source>Imported repair: no warranty verdict of this system</source>
        <translation>导入的维修记录：本系统未作保修判定</translation>
    </message>
    <message>
        <source>Warranty not recorded (opened before verdicts)</source>
        <translation>未记录保修结论（开单早于保修判定）</translation>
    </message>
    <message>
        <source>Accessories: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <source>Condition: %1</source>
        <translation>外观：%1</translation>
    </message>
    <message>
        <source>repaired</source>
        <translation>已修好</translation>
    </message>
    <message>
        <source>returned unrepaired</source>
        <translation>未修退回</translation>
    </message>
    <message>
        <source>Imported from %1: %2 on %3, charged %4</source>
        <translation>从%1导入：%3 %2，收费 %4</translation>
    </message>
    <message>
        <source>Due at pickup: %1</source>
        <translation>取件应付：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <source>Upgrading the data of this counter</source>
        <translation>正在升级本柜台的数据</translation>
    </message>
    <message>
        <source>The upgrade did not succeed.</source>
        <translation>升级没有成功。</translation>
    </message>
    <message>
        <source>A backup was taken. The journal is being replayed into the new tables; please wait and do not switch the PC off.</source>
        <translation>已备份。正在把日志重放到新的数据表中，请稍候，不要关闭电脑。</translation>
    </message>
    <message>
        <source>This counter's data comes from an older version. A backup is being taken, then the data is upgraded.</source>
        <translation>本柜台的数据来自旧版本。正在备份，然后升级数据。</translation>
    </message>
    <message>
        <source>{done} of {total} events</source>
        <translation>{done} / {total} 条记录</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <source>Waive a check</source>
        <translation>豁免检查项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Manager ID</source>
        <translation>经理工号</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>经理密码</translation>
    </message>
</context>
<context>
    <name>WorkPage</name>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>WorkshopPage</name>
    <message>
        <source>Promised %1</source>
        <translation>承诺 %1</translation>
    </message>
    <message>
        <source>Answer by %1</source>
        <translation>须在 %1 前响应</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Intake of ticket %1</source>
        <translation>工单 %1 接修</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <source>This counter is already open in another window of Service Desk. That window has been brought to the front.</source>
        <translation>本柜台已在另一个服务台窗口中打开，已将该窗口切换到最前面。</translation>
    </message>
</context>
<context>
    <name>closure</name>
    <message>
        <source>Business day {business_date} has not started yet (today is {today}).</source>
        <translation>营业日 {business_date} 尚未开始（今天是 {today}）。</translation>
    </message>
    <message>
        <source>Business day {business_date} is already closed (Z{z_number}).</source>
        <translation>营业日 {business_date} 已日结（Z{z_number}）。</translation>
    </message>
    <message>
        <source>Another counter's day is closed on that counter.</source>
        <translation>其他柜台的营业日须在该柜台日结。</translation>
    </message>
    <message>
        <source>The second person who counts must be someone else.</source>
        <translation>复点人必须是另一位员工。</translation>
    </message>
    <message>
        <source>The manager and the second person each sign.</source>
        <translation>店长和复点人须各自签名。</translation>
    </message>
    <message>
        <source>The variance is above the tolerance: write a note.</source>
        <translation>差额超过允许范围：请填写说明。</translation>
    </message>
    <message>
        <source>{events} events are not synced and {conflicts} conflicts are open: tick the confirmation to close anyway.</source>
        <translation>{events} 个事件未同步，{conflicts} 个冲突未解决：勾选确认后方可日结。</translation>
    </message>
    <message>
        <source>Each count must be a whole number, 0 or more.</source>
        <translation>每项数量须为 0 或以上的整数。</translation>
    </message>
    <message>
        <source>This banknote or coin is not counted in the till.</source>
        <translation>此面额不在钱箱清点范围内。</translation>
    </message>
    <message>
        <source>The report could not be saved: {reason}</source>
        <translation>报告无法保存：{reason}</translation>
    </message>
</context>
<context>
    <name>compensation</name>
    <message>
        <source>Quality problem / recall</source>
        <translation>质量问题 / 召回</translation>
    </message>
    <message>
        <source>Verified service complaint</source>
        <translation>经核实的服务投诉</translation>
    </message>
    <message>
        <source>Late repair</source>
        <translation>维修逾期</translation>
    </message>
    <message>
        <source>Fraud (3 × price, statutory)</source>
        <translation>欺诈（价款三倍，法定）</translation>
    </message>
    <message>
        <source>Unsafe food (10 × price, statutory)</source>
        <translation>不安全食品（价款十倍，法定）</translation>
    </message>
    <message>
        <source>Working out the decision…</source>
        <translation>正在计算处理结果…</translation>
    </message>
    <message>
        <source>Compensation %1</source>
        <translation>补偿 %1</translation>
    </message>
    <message>
        <source>Write what happened (it shows on reports).</source>
        <translation>请填写事情经过（会显示在报表上）。</translation>
    </message>
    <message>
        <source>Check the decision, then confirm.</source>
        <translation>请核对处理结果后确认。</translation>
    </message>
    <message>
        <source>within the clerk's authority</source>
        <translation>在店员权限之内</translation>
    </message>
    <message>
        <source>a manager approves (staff id and PIN)</source>
        <translation>需经理批准（工号和密码）</translation>
    </message>
    <message>
        <source>head office approves: it waits as pending</source>
        <translation>需总部审批：先挂起等待</translation>
    </message>
    <message>
        <source>Statutory payout, on top of the refund.</source>
        <translation>法定赔付，在退款之外另行支付。</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>The customer must sign on the signature pad, and no pad is connected.</source>
        <translation>顾客须在签名板上签名，但未连接签名板。</translation>
    </message>
    <message>
        <source>No signature: nothing was recorded.</source>
        <translation>未签字：没有登记任何内容。</translation>
    </message>
    <message>
        <source>Compensation %1 recorded: %2, waits for head office. The slip is printing.</source>
        <translation>补偿 %1 已登记：%2，等待总部审批。凭证正在打印。</translation>
    </message>
    <message>
        <source>Compensation %1 recorded: %2. The slip is printing.</source>
        <translation>补偿 %1 已登记：%2。凭证正在打印。</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Line (0 = none)</source>
        <translation>行号（0 = 无）</translation>
    </message>
    <message>
        <source>Repair ticket</source>
        <translation>维修单</translation>
    </message>
    <message>
        <source>Price paid (yuan)</source>
        <translation>实付价格（元）</translation>
    </message>
    <message>
        <source>Customer's loss (yuan)</source>
        <translation>顾客损失（元）</translation>
    </message>
    <message>
        <source>Negotiated extra loss (yuan)</source>
        <translation>协商的额外损失（元）</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Only a label defect (neither unsafe nor misleading)</source>
        <translation>仅标签瑕疵（不影响安全且不误导）</translation>
    </message>
    <message>
        <source>Show the decision (Enter)</source>
        <translation>查看处理结果（回车）</translation>
    </message>
    <message>
        <source>Confirm compensation</source>
        <translation>确认补偿</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something went wrong (error {code}).</source>
        <translation>出错了（错误代码 {code}）。</translation>
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
    <name>lookup</name>
    <message>
        <source>Customer: %1  %2  (open)</source>
        <translation>顾客：%1  %2（打开）</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Returnable</source>
        <translation>可退</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Returned at</source>
        <translation>退货时间</translation>
    </message>
    <message>
        <source>Lines × units</source>
        <translation>行 × 件数</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <source>Sold at</source>
        <translation>销售时间</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>获得积分</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Return from this receipt (Ctrl+R)</source>
        <translation>按此小票退货（Ctrl+R）</translation>
    </message>
    <message>
        <source>Lines (in red: nothing left to return)</source>
        <translation>商品明细（红色：已无可退数量）</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Promotions and gifts (%1)</source>
        <translation>促销与赠品（%1）</translation>
    </message>
    <message>
        <source>Earlier returns (%1)</source>
        <translation>历史退货（%1）</translation>
    </message>
    <message>
        <source>Repair tickets (%1)</source>
        <translation>维修单（%1）</translation>
    </message>
    <message>
        <source>gift, worth %1</source>
        <translation>赠品，价值 %1</translation>
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
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>决定时间</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>顾客 %1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>顾客编号</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>购买次数</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>消费总额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Return from the chosen receipt (Ctrl+R)</source>
        <translation>按所选小票退货（Ctrl+R）</translation>
    </message>
    <message>
        <source>Purchases, newest first (%1)</source>
        <translation>购买记录，最新在前（%1）</translation>
    </message>
    <message>
        <source> — the latest %1 of %2</source>
        <translation> — 共 %2 笔，显示最近 %1 笔</translation>
    </message>
    <message>
        <source>Returns (%1)</source>
        <translation>退货（%1）</translation>
    </message>
    <message>
        <source>Compensations (%1)</source>
        <translation>补偿（%1）</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>维修单 %1</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>服务级别</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Receipt %1 (open)</source>
        <translation>小票 %1（打开）</translation>
    </message>
    <message>
        <source>Checklist: %1 of 9 steps done</source>
        <translation>检查清单：已完成 %1 / 9 步</translation>
    </message>
    <message>
        <source>Receipt paid</source>
        <translation>小票实付</translation>
    </message>
    <message>
        <source>Item number</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Latest sales (%1)</source>
        <translation>最近销售（%1）</translation>
    </message>
    <message>
        <source>The search failed (%1). Try again; if it keeps failing, tell the manager.</source>
        <translation>查找失败（%1）。请重试；如果一直失败，请告知店长。</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>%1 found — ↓ to choose, Enter to open</source>
        <translation>找到 %1 条 — ↓ 选择，回车打开</translation>
    </message>
    <message>
        <source> (more exist: type more to narrow it down)</source>
        <translation>（还有更多：请输入更多内容缩小范围）</translation>
    </message>
    <message>
        <source>Esc: back · Tab: next table · Enter: open the row</source>
        <translation>Esc：返回 · Tab：下一个表格 · 回车：打开该行</translation>
    </message>
    <message>
        <source>Scan or type: receipt, ticket, phone, member, barcode, serial, name</source>
        <translation>扫码或输入：小票号、维修单号、手机号、会员号、条码、序列号、姓名/商品名</translation>
    </message>
    <message>
        <source>← Back (Esc)</source>
        <translation>← 返回（Esc）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number / name</source>
        <translation>号码 / 名称</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Why it matched</source>
        <translation>匹配依据</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>ticket code</source>
        <translation>维修单号</translation>
    </message>
    <message>
        <source>tracking link</source>
        <translation>查询链接</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>顾客编号</translation>
    </message>
    <message>
        <source>item number</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>member number</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>full pinyin</source>
        <translation>全拼</translation>
    </message>
    <message>
        <source>pinyin initials</source>
        <translation>拼音首字母</translation>
    </message>
    <message>
        <source>last 4 digits of phone</source>
        <translation>手机尾号</translation>
    </message>
    <message>
        <source>name starts with</source>
        <translation>名称开头</translation>
    </message>
    <message>
        <source>pinyin starts with</source>
        <translation>拼音开头</translation>
    </message>
    <message>
        <source>initials start with</source>
        <translation>首字母开头</translation>
    </message>
    <message>
        <source>receipt number starts with</source>
        <translation>小票号开头</translation>
    </message>
    <message>
        <source>ticket code starts with</source>
        <translation>维修单号开头</translation>
    </message>
    <message>
        <source>member number starts with</source>
        <translation>会员号开头</translation>
    </message>
    <message>
        <source>serial starts with</source>
        <translation>序列号开头</translation>
    </message>
    <message>
        <source>phone starts with</source>
        <translation>手机号开头</translation>
    </message>
    <message>
        <source>barcode starts with</source>
        <translation>条码开头</translation>
    </message>
    <message>
        <source>name contains</source>
        <translation>名称包含</translation>
    </message>
    <message>
        <source>pinyin contains</source>
        <translation>拼音包含</translation>
    </message>
    <message>
        <source>initials contain</source>
        <translation>首字母包含</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Store card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <source>Spend-and-save</source>
        <translation>满减</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>施工</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>清洁</translation>
    </message>
    <message>
        <source>Testing</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>waiting for head office</source>
        <translation>等待总部审批</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Fraud (3× price)</source>
        <translation>欺诈（价款三倍）</translation>
    </message>
    <message>
        <source>Unsafe food (10× price)</source>
        <translation>食品安全（价款十倍）</translation>
    </message>
    <message>
        <source>Quality problem</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <source>Service complaint</source>
        <translation>服务投诉</translation>
    </message>
    <message>
        <source>Late repair</source>
        <translation>维修逾期</translation>
    </message>
    <message>
        <source>simple</source>
        <translation>简单</translation>
    </message>
    <message>
        <source>complex</source>
        <translation>复杂</translation>
    </message>
    <message>
        <source>major</source>
        <translation>重大</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>Repair intake</source>
        <translation>维修受理</translation>
    </message>
    <message>
        <source>Repair ticket</source>
        <translation>维修单</translation>
    </message>
    <message>
        <source>Follow-up calls</source>
        <translation>回访电话</translation>
    </message>
    <message>
        <source>Latest receipts</source>
        <translation>最近小票</translation>
    </message>
    <message>
        <source>Print history</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>维修车间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Repairs out of time</source>
        <translation>维修超时</translation>
    </message>
    <message>
        <source>Waiting for head office</source>
        <translation>等待总部批准</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Daily closure</source>
        <translation>日结</translation>
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
    <name>print_history</name>
    <message>
        <source>waiting</source>
        <translation>等待打印</translation>
    </message>
    <message>
        <source>held (printer not ready)</source>
        <translation>暂停（打印机未就绪）</translation>
    </message>
    <message>
        <source>printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>failed, will retry</source>
        <translation>失败，将重试</translation>
    </message>
    <message>
        <source>unknown: check the printer</source>
        <translation>未知：请查看打印机</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Return receipt (customer)</source>
        <translation>退货凭证（顾客联）</translation>
    </message>
    <message>
        <source>Return receipt (store)</source>
        <translation>退货凭证（门店联）</translation>
    </message>
    <message>
        <source>Return waiting for approval (customer)</source>
        <translation>退货待审批（顾客联）</translation>
    </message>
    <message>
        <source>Return waiting for approval (store)</source>
        <translation>退货待审批（门店联）</translation>
    </message>
    <message>
        <source>Compensation slip (customer)</source>
        <translation>补偿凭证（顾客联）</translation>
    </message>
    <message>
        <source>Compensation slip (store)</source>
        <translation>补偿凭证（门店联）</translation>
    </message>
    <message>
        <source>Repair intake slip</source>
        <translation>维修受理单</translation>
    </message>
    <message>
        <source>Repair quote</source>
        <translation>维修报价单</translation>
    </message>
    <message>
        <source>Repair completion certificate</source>
        <translation>维修完工证明</translation>
    </message>
    <message>
        <source>Daily closure summary</source>
        <translation>日结报告（简版）</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>其他单据</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>加入时间</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>For</source>
        <translation>对应单号</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>A copy of job %1 is queued.</source>
        <translation>任务 %1 的副本已加入打印队列。</translation>
    </message>
    <message>
        <source>Choose a job whose state is unknown.</source>
        <translation>请选择状态为“未知”的任务。</translation>
    </message>
    <message>
        <source>Job %1 is cancelled: it will not print.</source>
        <translation>任务 %1 已取消，不会打印。</translation>
    </message>
    <message>
        <source>Print history</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <source>Reprint (marked COPY)</source>
        <translation>重打（标注副本）</translation>
    </message>
    <message>
        <source>It printed</source>
        <translation>已打出</translation>
    </message>
    <message>
        <source>Send it again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Cancel the job</source>
        <translation>取消任务</translation>
    </message>
</context>
<context>
    <name>repairs</name>
    <message>
        <source>Intake of ticket %1</source>
        <translation>工单 %1 接修</translation>
    </message>
    <message>
        <source>Quote of ticket %1: %2</source>
        <translation>维修单 %1 的报价：%2</translation>
    </message>
    <message>
        <source>Completion of ticket %1: %2</source>
        <translation>维修单 %1 完工：%2</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>施工</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>清洁</translation>
    </message>
    <message>
        <source>Testing</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Customer declined</source>
        <translation>顾客拒绝</translation>
    </message>
    <message>
        <source>Part unavailable</source>
        <translation>缺少配件</translation>
    </message>
    <message>
        <source>Customer absent</source>
        <translation>顾客不在场</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
</context>
<context>
    <name>returns</name>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>Write why it is refused: the store and the customer are told.</source>
        <translation>请写明拒绝原因：门店和顾客会收到通知。</translation>
    </message>
    <message>
        <source>Case %1 approved.</source>
        <translation>案件 %1 已批准。</translation>
    </message>
    <message>
        <source>Case %1 refused.</source>
        <translation>案件 %1 已拒绝。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Receipt or ticket</source>
        <translation>小票或维修单</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Reason (a refusal needs one)</source>
        <translation>原因（拒绝时必填）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒绝</translation>
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
    <name>service</name>
    <message>
        <source>Response late</source>
        <translation>响应超时</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>No news</source>
        <translation>长时间未更新</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要关注</translation>
    </message>
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
    <message>
        <source>Go to any page: type part of its name</source>
        <translation>转到任意页面：输入页面名称</translation>
    </message>
    <message>
        <source>In a receipt or a customer found by the search: take a return from it</source>
        <translation>在查找到的小票或顾客详情中：按此办理退货</translation>
    </message>
</context>
<context>
    <name>signing</name>
    <message>
        <source>Return of receipt %1: refund %2</source>
        <translation>小票 %1 退货：退款 %2</translation>
    </message>
    <message>
        <source>Compensation %1</source>
        <translation>补偿 %1</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Keep the first record</source>
        <translation>保留最先的记录</translation>
    </message>
    <message>
        <source>Both are right (handled outside)</source>
        <translation>两条都正确（已另行处理）</translation>
    </message>
    <message>
        <source>The extra one was reversed</source>
        <translation>多出的一笔已冲回</translation>
    </message>
    <message>
        <source>Accepted as it is</source>
        <translation>按现状接受</translation>
    </message>
    <message>
        <source>Other (say what in the note)</source>
        <translation>其他（请在备注中说明）</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>First recorded</source>
        <translation>首次记录</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Central: starting…</source>
        <translation>中心：正在启动…</translation>
    </message>
    <message>
        <source>Central: not configured (working offline)</source>
        <translation>中心：未配置（离线工作）</translation>
    </message>
    <message>
        <source>Central: sync switched off</source>
        <translation>中心：同步已关闭</translation>
    </message>
    <message>
        <source>Central: password needed</source>
        <translation>中心：需要密码</translation>
    </message>
    <message>
        <source>Central: syncing…</source>
        <translation>中心：正在同步…</translation>
    </message>
    <message>
        <source>Central: online</source>
        <translation>中心：在线</translation>
    </message>
    <message>
        <source>Central: offline</source>
        <translation>中心：离线</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 条待上传</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>%1 conflict(s)</source>
        <translation>%1 个冲突</translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation>%1 秒后重试</translation>
    </message>
</context>
</TS>