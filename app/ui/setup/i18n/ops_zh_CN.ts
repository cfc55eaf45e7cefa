<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Setup</name>
    <message>
      <source>A branch code is 1 to 16 letters and digits.</source>
      <translation>网点代码为 1 到 16 位字母或数字。</translation>
    </message>
    <message>
      <source>Enter the branch name (at most 60 characters).</source>
      <translation>请输入网点名称（最多 60 个字符）。</translation>
    </message>
    <message>
      <source>Enter the English branch name (at most 80 characters).</source>
      <translation>请输入网点英文名称（最多 80 个字符）。</translation>
    </message>
    <message>
      <source>A username is 2-64 letters, digits, dots, dashes or underscores.</source>
      <translation>用户名为 2 到 64 位字母、数字、点、横线或下划线。</translation>
    </message>
    <message>
      <source>A password needs at least 8 characters.</source>
      <translation>密码至少需要 8 个字符。</translation>
    </message>
    <message>
      <source>The two passwords are not the same.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
      <source>Choose a monitor for the lobby display.</source>
      <translation>请为大厅显示屏选择一台显示器。</translation>
    </message>
    <message>
      <source>Enter a number of minutes from 1 to 1440.</source>
      <translation>请输入 1 到 1440 之间的分钟数。</translation>
    </message>
    <message>
      <source>Enter the Chinese name (at most 64 characters).</source>
      <translation>请输入中文名称（最多 64 个字符）。</translation>
    </message>
    <message>
      <source>Enter the English name (at most 64 characters).</source>
      <translation>请输入英文名称（最多 64 个字符）。</translation>
    </message>
    <message>
      <source>Enter a name (at most 64 characters).</source>
      <translation>请输入名称（最多 64 个字符）。</translation>
    </message>
    <message>
      <source>Enter a target wait from 1 to 240 minutes.</source>
      <translation>目标等候时间为 1 到 240 分钟。</translation>
    </message>
    <message>
      <source>Enter an order number from 0 to 999.</source>
      <translation>排序号为 0 到 999。</translation>
    </message>
    <message>
      <source>Enter a window number from 1 to 999.</source>
      <translation>窗口号为 1 到 999。</translation>
    </message>
    <message>
      <source>Enter a whole number from 0 to 10.</source>
      <translation>请输入 0 到 10 之间的整数。</translation>
    </message>
    <message>
      <source>Enter a number of minutes from 0 to 240 (0 = never).</source>
      <translation>请输入 0 到 240 之间的分钟数（0 表示不提前）。</translation>
    </message>
    <message>
      <source>The lobby notice is too long (at most 500 characters).</source>
      <translation>大厅公告太长（最多 500 个字符）。</translation>
    </message>
    <message>
      <source>The ticket footer is too long (at most 60 characters).</source>
      <translation>号票页脚太长（最多 60 个字符）。</translation>
    </message>
    <message>
      <source>The ticket footer is too long (at most 80 characters).</source>
      <translation>号票页脚太长（最多 80 个字符）。</translation>
    </message>
    <message>
      <source>Give the window this device serves, or address=window pairs such as 1=1, 2=2.</source>
      <translation>请填写该设备对应的窗口号，或“地址=窗口”对，如 1=1, 2=2。</translation>
    </message>
    <message>
      <source>Enter a time such as 17:00.</source>
      <translation>请输入时间，例如 17:00。</translation>
    </message>
    <message>
      <source>Enter a time such as 16:30, not after the closing time, or leave it empty.</source>
      <translation>请输入时间，例如 16:30，不得晚于营业结束时间；也可留空。</translation>
    </message>
    <message>
      <source>Enter a time zone such as Asia/Shanghai.</source>
      <translation>请输入时区，例如 Asia/Shanghai。</translation>
    </message>
    <message>
      <source>Enter a number of minutes from 0 to 480.</source>
      <translation>请输入 0 到 480 之间的分钟数。</translation>
    </message>
    <message>
      <source>Enter a number of minutes from 1 to 60.</source>
      <translation>请输入 1 到 60 之间的分钟数。</translation>
    </message>
    <message>
      <source>Choose at least one role.</source>
      <translation>请至少选择一个角色。</translation>
    </message>
    <message>
      <source>This is not a valid database address (postgresql://user:password@host/database).</source>
      <translation>这不是有效的数据库地址（postgresql://用户:密码@主机/数据库）。</translation>
    </message>
    <message>
      <source>Give the head-office database address (postgresql://...), or switch sync off.</source>
      <translation>请填写总行数据库地址（postgresql://...），或关闭同步。</translation>
    </message>
    <message>
      <source>A ticket prefix is one or two letters (A-Z).</source>
      <translation>号票前缀为一到两个字母（A-Z）。</translation>
    </message>
    <message>
      <source>A window must serve at least one service.</source>
      <translation>每个窗口至少要办理一项业务。</translation>
    </message>
    <message>
      <source>This window number already exists.</source>
      <translation>该窗口号已存在。</translation>
    </message>
    <message>
      <source>A category code is 2-32 small letters, digits or underscores.</source>
      <translation>类别代码为 2 到 32 位小写字母、数字或下划线。</translation>
    </message>
    <message>
      <source>Enter a number of working days from 1 to 60.</source>
      <translation>请输入 1 到 60 个工作日。</translation>
    </message>
    <message>
      <source>Enter a number of hours from 1 to 240.</source>
      <translation>请输入 1 到 240 小时。</translation>
    </message>
    <message>
      <source>At least one active administrator account must remain.</source>
      <translation>必须保留至少一个启用的管理员账号。</translation>
    </message>
    <message>
      <source>This prefix is already used by another service.</source>
      <translation>该前缀已被其他业务使用。</translation>
    </message>
    <message>
      <source>Enter a serial port first (COM3, /dev/ttyUSB0).</source>
      <translation>请先填写串口（如 COM3、/dev/ttyUSB0）。</translation>
    </message>
    <message>
      <source>The ticket printer cannot print {chars}: use letters, digits and Chinese characters.</source>
      <translation>取号打印机无法打印 {chars}：请使用字母、数字和汉字。</translation>
    </message>
    <message>
      <source>This name is too long (at most {limit} characters).</source>
      <translation>名称太长（最多 {limit} 个字符）。</translation>
    </message>
    <message>
      <source>The database server refused the connection. Check the address and port, and that the server is running.</source>
      <translation>数据库服务器拒绝连接。请检查地址和端口，以及服务器是否在运行。</translation>
    </message>
    <message>
      <source>The database server did not answer in time. Check the address and the network.</source>
      <translation>数据库服务器没有及时应答，请检查地址和网络。</translation>
    </message>
    <message>
      <source>That database server name is not known. Check the address.</source>
      <translation>无法识别该数据库服务器名称，请检查地址。</translation>
    </message>
    <message>
      <source>The database user name or password is wrong.</source>
      <translation>数据库用户名或密码错误。</translation>
    </message>
    <message>
      <source>There is no database of that name on the server.</source>
      <translation>服务器上没有这个名称的数据库。</translation>
    </message>
    <message>
      <source>The database server requires an encrypted connection (or refuses one). Check sslmode in the address.</source>
      <translation>数据库服务器要求（或拒绝）加密连接，请检查地址中的 sslmode。</translation>
    </message>
    <message>
      <source>This database user may not connect to this database.</source>
      <translation>该数据库用户无权连接此数据库。</translation>
    </message>
    <message>
      <source>The database file cannot be opened or created there.</source>
      <translation>无法在该位置打开或创建数据库文件。</translation>
    </message>
    <message>
      <source>The database server gave an error; the log has its words.</source>
      <translation>数据库服务器报告了错误，详情见日志。</translation>
    </message>
    <message>
      <source>Check the printer settings: {detail}</source>
      <translation>请检查打印机设置：{detail}</translation>
    </message>
    <message>
      <source>Head office cannot be reached or the address is not valid ({detail}).</source>
      <translation>无法连接总行，或地址无效（{detail}）。</translation>
    </message>
    <message>
      <source>The head-office password could not be stored ({detail}).</source>
      <translation>总行密码未能保存（{detail}）。</translation>
    </message>
    <message>
      <source>Check the serial devices setting: {detail}</source>
      <translation>请检查串口设备设置：{detail}</translation>
    </message>
    <message>
      <source>The serial port cannot be opened ({detail}).</source>
      <translation>无法打开串口（{detail}）。</translation>
    </message>
    <message>
      <source>The database cannot be reached: {detail}</source>
      <translation>无法连接数据库：{detail}</translation>
    </message>
    <message>
      <source>Branch</source>
      <translation>网点</translation>
    </message>
    <message>
      <source>Which branch this is, and the language of the screens.</source>
      <translation>本网点的信息，以及界面语言。</translation>
    </message>
    <message>
      <source>Branch code</source>
      <translation>网点代码</translation>
    </message>
    <message>
      <source>Branch name (Chinese)</source>
      <translation>网点名称（中文）</translation>
    </message>
    <message>
      <source>Branch name (English)</source>
      <translation>网点名称（英文）</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Administrator</source>
      <translation>管理员</translation>
    </message>
    <message>
      <source>The first account: it can set up services, windows and staff.</source>
      <translation>第一个账号：可设置业务、窗口和员工。</translation>
    </message>
    <message>
      <source>Username</source>
      <translation>用户名</translation>
    </message>
    <message>
      <source>Full name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <source>Password again</source>
      <translation>再次输入密码</translation>
    </message>
    <message>
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <source>One PC: the embedded database. Several PCs: one PostgreSQL database.</source>
      <translation>单台电脑：使用内置数据库。多台电脑：共用一个 PostgreSQL 数据库。</translation>
    </message>
    <message>
      <source>Embedded database on this PC</source>
      <translation>本机内置数据库</translation>
    </message>
    <message>
      <source>PostgreSQL server (several PCs)</source>
      <translation>PostgreSQL 服务器（多台电脑）</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>Test connection</source>
      <translation>测试连接</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <source>Ticket printer</source>
      <translation>取号打印机</translation>
    </message>
    <message>
      <source>Choose how the ticket printer is connected, then print a test ticket.</source>
      <translation>选择取号打印机的连接方式，然后打印一张测试号票。</translation>
    </message>
    <message>
      <source>Screens</source>
      <translation>屏幕</translation>
    </message>
    <message>
      <source>What this PC shows when it starts, and where the lobby display goes.</source>
      <translation>本机启动时打开的界面，以及大厅显示屏所在的显示器。</translation>
    </message>
    <message>
      <source>Lobby display monitor</source>
      <translation>大厅显示屏显示器</translation>
    </message>
    <message>
      <source>This PC opens</source>
      <translation>本机打开</translation>
    </message>
    <message>
      <source>Head office</source>
      <translation>总行</translation>
    </message>
    <message>
      <source>Send the branch's records to the head-office database.</source>
      <translation>把本网点的记录上传到总行数据库。</translation>
    </message>
    <message>
      <source>Send records to head office</source>
      <translation>上传记录到总行</translation>
    </message>
    <message>
      <source>Head-office address</source>
      <translation>总行地址</translation>
    </message>
    <message>
      <source>Head-office password</source>
      <translation>总行密码</translation>
    </message>
    <message>
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <source>Send every</source>
      <translation>上传间隔</translation>
    </message>
    <message>
      <source>Log in and choose</source>
      <translation>登录后选择</translation>
    </message>
    <message>
      <source>Greeter</source>
      <translation>大堂取号</translation>
    </message>
    <message>
      <source>Teller window</source>
      <translation>柜员窗口</translation>
    </message>
    <message>
      <source>Lobby display</source>
      <translation>大厅显示屏</translation>
    </message>
    <message>
      <source>Complaints</source>
      <translation>投诉与建议</translation>
    </message>
    <message>
      <source>Manager</source>
      <translation>网点经理</translation>
    </message>
    <message>
      <source>Connected: {version}</source>
      <translation>连接成功：{version}</translation>
    </message>
    <message>
      <source>No monitor found</source>
      <translation>未找到显示器</translation>
    </message>
    <message>
      <source>Simulated: saves pictures, no paper (demonstrations)</source>
      <translation>模拟打印：只保存图片，不出纸（演示用）</translation>
    </message>
    <message>
      <source>Network (IP address)</source>
      <translation>网络（IP 地址）</translation>
    </message>
    <message>
      <source>USB</source>
      <translation>USB</translation>
    </message>
    <message>
      <source>Serial port</source>
      <translation>串口</translation>
    </message>
    <message>
      <source>Windows printer</source>
      <translation>Windows 打印机</translation>
    </message>
    <message>
      <source>Device file</source>
      <translation>设备文件</translation>
    </message>
    <message>
      <source>No printer: show numbers on screen</source>
      <translation>不接打印机：号码只显示在屏幕上</translation>
    </message>
    <message>
      <source>Connection</source>
      <translation>连接方式</translation>
    </message>
    <message>
      <source>Paper width</source>
      <translation>纸宽</translation>
    </message>
    <message>
      <source>Chinese text</source>
      <translation>中文打印方式</translation>
    </message>
    <message>
      <source>Print a test ticket</source>
      <translation>打印测试号票</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>正在打印…</translation>
    </message>
    <message>
      <source>No ticket is printed: the greeter shows each number on screen and says that no ticket printer is set up. A printer can be set up later with 'branchdesk printer configure'.</source>
      <translation>不打印号票：取号屏幕显示每个号码，并提示未设置取号打印机。以后可用“branchdesk printer configure”设置打印机。</translation>
    </message>
    <message>
      <source>For demonstrations only: each ticket is saved as a picture (kept 7 days) and customers get no paper. Screens and checks call it simulated.</source>
      <translation>仅用于演示：每张号票保存为图片（保留 7 天），客户拿不到纸质号票。各屏幕和检查都标明为“模拟打印”。</translation>
    </message>
    <message>
      <source>IP address</source>
      <translation>IP 地址</translation>
    </message>
    <message>
      <source>Port</source>
      <translation>端口</translation>
    </message>
    <message>
      <source>Printer's own Chinese font</source>
      <translation>打印机自带中文字库</translation>
    </message>
    <message>
      <source>Drawn as a picture (any printer)</source>
      <translation>以图片方式打印（适用于所有打印机）</translation>
    </message>
    <message>
      <source>Detected printers</source>
      <translation>检测到的打印机</translation>
    </message>
    <message>
      <source>Vendor id</source>
      <translation>厂商 ID</translation>
    </message>
    <message>
      <source>Product id</source>
      <translation>产品 ID</translation>
    </message>
    <message>
      <source>Printer drivers are not part of this build; the settings are kept.</source>
      <translation>此版本不含打印机驱动；设置已保留。</translation>
    </message>
    <message>
      <source>A test ticket was printed. Check that it is readable.</source>
      <translation>测试号票已打印，请检查是否清晰。</translation>
    </message>
    <message>
      <source>Speed (baud)</source>
      <translation>波特率</translation>
    </message>
    <message>
      <source>Printer name</source>
      <translation>打印机名称</translation>
    </message>
    <message>
      <source>Enter the ids below</source>
      <translation>在下方填写 ID</translation>
    </message>
    <message>
      <source>BranchDesk setup</source>
      <translation>BranchDesk 初始设置</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>正在保存…</translation>
    </message>
    <message>
      <source>&lt; Back</source>
      <translation>&lt; 上一步</translation>
    </message>
    <message>
      <source>Next &gt;</source>
      <translation>下一步 &gt;</translation>
    </message>
    <message>
      <source>Finish</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>The setup was saved, but the head-office password was not; correct it and press Finish again.</source>
      <translation>设置已保存，但总行密码未保存；请更正后再次点击“完成”。</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Not saved: please correct the marked field.</source>
      <translation>未保存：请修改标出的栏目。</translation>
    </message>
    <message>
      <source>not set up: numbers are shown on screen only</source>
      <translation>未设置（号码只显示在屏幕上）</translation>
    </message>
    <message>
      <source>simulated: pictures only, customers get no paper</source>
      <translation>模拟打印（只有图片，客户拿不到纸质号票）</translation>
    </message>
    <message>
      <source>network printer</source>
      <translation>网络打印机</translation>
    </message>
    <message>
      <source>USB printer</source>
      <translation>USB 打印机</translation>
    </message>
    <message>
      <source>serial printer</source>
      <translation>串口打印机</translation>
    </message>
    <message>
      <source>CUPS printer</source>
      <translation>CUPS 打印机</translation>
    </message>
    <message>
      <source>printer device file</source>
      <translation>打印机设备文件</translation>
    </message>
    <message>
      <source>the system keyring</source>
      <translation>系统密钥环</translation>
    </message>
    <message>
      <source>Language of the screens</source>
      <translation>界面语言</translation>
    </message>
    <message>
      <source>Ticket footer (Chinese)</source>
      <translation>号票页脚（中文）</translation>
    </message>
    <message>
      <source>Ticket footer (English)</source>
      <translation>号票页脚（英文）</translation>
    </message>
    <message>
      <source>The names and footers are printed on every ticket, so they may hold only characters the ticket printer can print. The language is the screens' language where a PC does not choose its own; it applies from the next start.</source>
      <translation>网点名称和页脚会印在每张号票上，只能使用取号打印机能打印的字符。界面语言用于未单独设置语言的电脑，下次启动时生效。</translation>
    </message>
    <message>
      <source>Branch settings saved.</source>
      <translation>网点设置已保存。</translation>
    </message>
    <message>
      <source>Priority tickets in a row</source>
      <translation>连续叫优先号数</translation>
    </message>
    <message>
      <source>Move up after waiting</source>
      <translation>等候超过后提前</translation>
    </message>
    <message>
      <source>Lobby notice</source>
      <translation>大厅公告</translation>
    </message>
    <message>
      <source>Lobby notice (English)</source>
      <translation>大厅公告（英文）</translation>
    </message>
    <message>
      <source>Priority tickets in a row: how many priority customers are called before one waiting normal customer. Move up after waiting: a ticket waiting this long is called next (0 = never). The lobby shows the notice in both languages, running across the screen when it is long.</source>
      <translation>连续优先叫号数：普通客户等候时，最多连续叫多少位优先客户，之后叫一位普通客户。等候超时优先：等候超过此时长的号票下一个被叫（0 = 不启用）。大厅屏幕以中英文显示公告，内容较长时滚动播放。</translation>
    </message>
    <message>
      <source>Queue rules and notice saved.</source>
      <translation>排队规则和公告已保存。</translation>
    </message>
    <message>
      <source>Leave empty to keep the stored password</source>
      <translation>留空则保留已保存的密码</translation>
    </message>
    <message>
      <source>Head office answers.</source>
      <translation>总行连接正常。</translation>
    </message>
    <message>
      <source>Sync settings saved; they are used from the next start.</source>
      <translation>同步设置已保存，下次启动时生效。</translation>
    </message>
    <message>
      <source>Sync settings saved; the head-office password is kept in {where}, not in the address.</source>
      <translation>同步设置已保存；总行密码保存在 {where}，不写入地址。</translation>
    </message>
    <message>
      <source>Prefix</source>
      <translation>前缀</translation>
    </message>
    <message>
      <source>Name (Chinese)</source>
      <translation>中文名称</translation>
    </message>
    <message>
      <source>Name (English)</source>
      <translation>英文名称</translation>
    </message>
    <message>
      <source>Target wait</source>
      <translation>目标等候</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>排序</translation>
    </message>
    <message>
      <source>New service</source>
      <translation>新建业务</translation>
    </message>
    <message>
      <source>Save service</source>
      <translation>保存业务</translation>
    </message>
    <message>
      <source>Service saved.</source>
      <translation>业务已保存。</translation>
    </message>
    <message>
      <source>Window number</source>
      <translation>窗口号</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Services (tick; drag to order)</source>
      <translation>办理业务（勾选；拖动排序）</translation>
    </message>
    <message>
      <source>New window</source>
      <translation>新建窗口</translation>
    </message>
    <message>
      <source>Save window</source>
      <translation>保存窗口</translation>
    </message>
    <message>
      <source>Window saved.</source>
      <translation>窗口已保存。</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <source>Active (offered to customers)</source>
      <translation>启用（向客户提供）</translation>
    </message>
    <message>
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <source>Services served, in order</source>
      <translation>办理业务（按顺序）</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <source>Deadline (working days, 0 = default)</source>
      <translation>办结时限（工作日，0 为默认）</translation>
    </message>
    <message>
      <source>Acknowledge within</source>
      <translation>受理确认时限</translation>
    </message>
    <message>
      <source>Save category</source>
      <translation>保存类别</translation>
    </message>
    <message>
      <source>Save deadline</source>
      <translation>保存时限</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Set day</source>
      <translation>设置日期</translation>
    </message>
    <message>
      <source>Branch holiday</source>
      <translation>网点休息日</translation>
    </message>
    <message>
      <source>Make-up working day</source>
      <translation>调休工作日</translation>
    </message>
    <message>
      <source>Category saved.</source>
      <translation>类别已保存。</translation>
    </message>
    <message>
      <source>Deadline saved.</source>
      <translation>时限已保存。</translation>
    </message>
    <message>
      <source>Calendar saved.</source>
      <translation>日历已保存。</translation>
    </message>
    <message>
      <source>Categories</source>
      <translation>投诉类别</translation>
    </message>
    <message>
      <source>Deadline (working days)</source>
      <translation>办结时限（工作日）</translation>
    </message>
    <message>
      <source>Branch calendar</source>
      <translation>网点日历</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source> h</source>
      <translation> 小时</translation>
    </message>
    <message>
      <source>Normal day (remove)</source>
      <translation>普通日（取消设置）</translation>
    </message>
    <message>
      <source>default</source>
      <translation>默认</translation>
    </message>
    <message>
      <source>Closing time</source>
      <translation>营业结束时间</translation>
    </message>
    <message>
      <source>Last ticket without asking</source>
      <translation>无需确认的最晚取号时间</translation>
    </message>
    <message>
      <source>empty: until closing time</source>
      <translation>留空：至营业结束</translation>
    </message>
    <message>
      <source>Day closes itself after closing</source>
      <translation>营业结束后自动日终</translation>
    </message>
    <message>
      <source>Time zone</source>
      <translation>时区</translation>
    </message>
    <message>
      <source>A window its teller leaves is</source>
      <translation>柜员离开后窗口</translation>
    </message>
    <message>
      <source>A customer called there</source>
      <translation>已叫号的客户</translation>
    </message>
    <message>
      <source>Unattended after silence of</source>
      <translation>无响应多久视为无人值守</translation>
    </message>
    <message>
      <source>After the last-ticket time the greeter confirms each ticket. At closing time plus the delay the day closes itself: customers still waiting or called are ended as expired, those being served as served, every window is closed and the final report is written. A window whose teller's app has been silent this long is shown as unattended and left out of wait estimates.</source>
      <translation>超过最晚取号时间后，大堂经理每次取号都需确认。营业结束时间加上延迟后，营业日自动结束：仍在等候或已叫号的客户记为过期，正在办理的记为已办结，所有窗口关闭，并生成最终日报。柜员程序超过设定时间无响应的窗口显示为无人值守，且不计入等候时间估算。</translation>
    </message>
    <message>
      <source>Business day settings saved.</source>
      <translation>营业日设置已保存。</translation>
    </message>
    <message>
      <source>closed</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>paused</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>goes back to the head of the queue</source>
      <translation>回到队列最前</translation>
    </message>
    <message>
      <source>counts as a no-show</source>
      <translation>记为过号</translation>
    </message>
    <message>
      <source>Keypads</source>
      <translation>呼叫器</translation>
    </message>
    <message>
      <source>Window display</source>
      <translation>窗口显示屏</translation>
    </message>
    <message>
      <source>Keypads and displays</source>
      <translation>呼叫器和显示屏</translation>
    </message>
    <message>
      <source>Save printer</source>
      <translation>保存打印机设置</translation>
    </message>
    <message>
      <source>Protocol</source>
      <translation>协议</translation>
    </message>
    <message>
      <source>Windows</source>
      <translation>窗口</translation>
    </message>
    <message>
      <source>4, or address=window: 1=1, 2=2</source>
      <translation>如 4，或 地址=窗口：1=1, 2=2</translation>
    </message>
    <message>
      <source>New device</source>
      <translation>新增设备</translation>
    </message>
    <message>
      <source>Remove device</source>
      <translation>删除设备</translation>
    </message>
    <message>
      <source>Test port</source>
      <translation>测试串口</translation>
    </message>
    <message>
      <source>Save device</source>
      <translation>保存设备</translation>
    </message>
    <message>
      <source>Printer saved; it is used from the next start of the greeter.</source>
      <translation>打印机设置已保存，取号台下次启动时生效。</translation>
    </message>
    <message>
      <source>Device saved; it is used from the next start.</source>
      <translation>设备已保存，下次启动时生效。</translation>
    </message>
    <message>
      <source>Device removed; the change is used from the next start.</source>
      <translation>设备已删除，下次启动时生效。</translation>
    </message>
    <message>
      <source>The port opens correctly.</source>
      <translation>串口可以正常打开。</translation>
    </message>
    <message>
      <source>Teller keypads and window displays</source>
      <translation>柜员呼叫器和窗口显示屏</translation>
    </message>
    <message>
      <source>serial device</source>
      <translation>串口设备</translation>
    </message>
    <message>
      <source>Choose a keypad or display in the list first.</source>
      <translation>请先在列表中选择呼叫器或显示屏。</translation>
    </message>
    <message>
      <source>Ticket printer: {connection}</source>
      <translation>取号打印机：{connection}</translation>
    </message>
    <message>
      <source>BDL/1 keypads and displays</source>
      <translation>BDL/1 呼叫器和显示屏</translation>
    </message>
    <message>
      <source>CD5220 pole display</source>
      <translation>CD5220 窗口显示屏</translation>
    </message>
    <message>
      <source>BranchDesk - Administration</source>
      <translation>BranchDesk - 系统管理</translation>
    </message>
    <message>
      <source>Services</source>
      <translation>业务</translation>
    </message>
    <message>
      <source>Queue and lobby</source>
      <translation>排队与大厅</translation>
    </message>
    <message>
      <source>Business day</source>
      <translation>营业日</translation>
    </message>
    <message>
      <source>Staff</source>
      <translation>员工</translation>
    </message>
    <message>
      <source>Devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Administration</source>
      <translation>系统管理</translation>
    </message>
    <message>
      <source>Teller</source>
      <translation>柜员</translation>
    </message>
    <message>
      <source>Roles</source>
      <translation>角色</translation>
    </message>
    <message>
      <source>Add account</source>
      <translation>新增账号</translation>
    </message>
    <message>
      <source>Save name and roles</source>
      <translation>保存姓名和角色</translation>
    </message>
    <message>
      <source>Reset password</source>
      <translation>重置密码</translation>
    </message>
    <message>
      <source>Deactivate</source>
      <translation>停用</translation>
    </message>
    <message>
      <source>Account added.</source>
      <translation>账号已新增。</translation>
    </message>
    <message>
      <source>Account saved.</source>
      <translation>账号已保存。</translation>
    </message>
    <message>
      <source>Password reset.</source>
      <translation>密码已重置。</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Activate</source>
      <translation>启用</translation>
    </message>
    <message>
      <source>Account deactivated.</source>
      <translation>账号已停用。</translation>
    </message>
    <message>
      <source>Account activated.</source>
      <translation>账号已启用。</translation>
    </message>
    <message>
      <source>active</source>
      <translation>启用</translation>
    </message>
    <message>
      <source>deactivated</source>
      <translation>已停用</translation>
    </message>
  </context>
</TS>
