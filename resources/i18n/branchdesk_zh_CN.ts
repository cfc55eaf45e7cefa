<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AppointmentBook</name>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="54" />
      <source>Appointments</source>
      <translation>预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="63" />
      <source>Customer name (optional)</source>
      <translation>客户姓名（可选）</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="64" />
      <source>Phone (optional)</source>
      <translation>电话（可选）</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="65" />
      <source>Booking reference (optional)</source>
      <translation>预约号（可选）</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="66" />
      <source>Book</source>
      <translation>预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="68" />
      <source>Day</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="68" />
      <location filename="../../app/ui/beyond/book.py" line="82" />
      <source>Service</source>
      <translation>业务</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="69" />
      <location filename="../../app/ui/beyond/book.py" line="82" />
      <source>Slot</source>
      <translation>时段</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="82" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="83" />
      <source>Reference</source>
      <translation>预约号</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="83" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="83" />
      <source>Ticket</source>
      <translation>号码</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="92" />
      <source>Cancel the selected appointment</source>
      <translation>取消所选预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="93" />
      <source>Import from the booking system...</source>
      <translation>从预约系统导入…</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="94" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="131" />
      <source>%1   %2 of %3 free</source>
      <translation>%1   共 %3 个名额，剩 %2 个</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="146" />
      <source>booked</source>
      <translation>已预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="146" />
      <source>checked in</source>
      <translation>已签到</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="146" />
      <source>no-show</source>
      <translation>爽约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="147" />
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="161" />
      <source>Choose a service and a free slot.</source>
      <translation>请选择业务和有空位的时段。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="173" />
      <source>Booked: %1 at %2.</source>
      <translation>已预约：%1，时间 %2。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="179" />
      <source>Select an appointment first.</source>
      <translation>请先选择一条预约。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="186" />
      <source>Appointment %1 cancelled.</source>
      <translation>预约 %1 已取消。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="189" />
      <source>Import bookings</source>
      <translation>导入预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="190" />
      <source>Bookings (*.csv *.json)</source>
      <translation>预约文件 (*.csv *.json)</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="201" />
      <source>%1 booked, %2 changed, %3 unchanged, %4 refused.</source>
      <translation>新增 %1 条，变更 %2 条，未变 %3 条，拒绝 %4 条。</translation>
    </message>
  </context>
  <context>
    <name>BranchCard</name>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="44" />
      <source>Within target today</source>
      <translation>今日达标率</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="46" />
      <source>%1 min</source>
      <translation>%1 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="48" />
      <source>Issued %1, served %2, open %3</source>
      <translation>取号 %1，办结 %2，在办 %3</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="50" />
      <source>Average wait %1, never called %2</source>
      <translation>平均等候 %1，未叫号 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="51" />
      <source>Rating %1, complaints %2</source>
      <translation>满意度 %1，投诉 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="53" />
      <source>Updated %1</source>
      <translation>更新于 %1</translation>
    </message>
  </context>
  <context>
    <name>BroadcastDialog</name>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="215" />
      <source>Message everyone waiting</source>
      <translation>群发短信给所有等候客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="218" />
      <source>Sent by text message to every customer still waiting who asked for messages, in their language.</source>
      <translation>以短信发给所有仍在等候且登记了短信提醒的客户（按客户选择的语言）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="220" />
      <source>Message in Chinese, e.g. 系统故障，请稍候</source>
      <translation>中文内容，例如：系统故障，请稍候</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="221" />
      <source>Message in English (optional)</source>
      <translation>英文内容（可选）</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="227" />
      <source>Send</source>
      <translation>发送</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="229" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="250" />
      <source>Messages queued: %1.</source>
      <translation>已排队待发短信：%1 条。</translation>
    </message>
  </context>
  <context>
    <name>CheckInDialog</name>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="37" />
      <source>Appointment check-in</source>
      <translation>预约签到</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="41" />
      <source>Booking reference, or scan its QR code</source>
      <translation>预约号，或扫描预约二维码</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="42" />
      <source>Last 4 digits of the phone</source>
      <translation>手机号后四位</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="43" />
      <source>First character of the name</source>
      <translation>姓名首字</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="46" />
      <source>Find today's appointment</source>
      <translation>查找今日预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="51" />
      <source>Find</source>
      <translation>查找</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="61" />
      <source>Check in and issue the ticket</source>
      <translation>签到并取号</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="65" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="83" />
      <source>That slot is full.</source>
      <translation>该时段已约满。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="84" />
      <source>No such appointment, or it was cancelled.</source>
      <translation>没有这条预约，或已取消。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="88" />
      <source>Give the booking reference, or the last four digits of the phone and the first character of the name.</source>
      <translation>请输入预约号，或手机号后四位加姓名首字。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="91" />
      <source>This appointment cannot be checked in: %1</source>
      <translation>此预约无法签到：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="112" />
      <source>No appointment today matches.</source>
      <translation>今日没有符合的预约。</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="125" />
      <source>booked</source>
      <translation>已预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="125" />
      <source>window passed</source>
      <translation>已过签到时段</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="126" />
      <source>checked in (ticket %1)</source>
      <translation>已签到（号码 %1）</translation>
    </message>
  </context>
  <context>
    <name>CustomerForm</name>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="179" />
      <source>Elderly</source>
      <translation>老年人</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="179" />
      <source>Disabled</source>
      <translation>残障人士</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="179" />
      <source>Pregnant</source>
      <translation>孕妇</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="180" />
      <source>VIP</source>
      <translation>贵宾</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="180" />
      <source>Appointment</source>
      <translation>预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="195" />
      <source>Name (optional)</source>
      <translation>客户姓名（选填）</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="208" />
      <source>Text near the turn (customer agrees)</source>
      <translation>到号前短信提醒（客户同意）</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="225" />
      <location filename="../../app/ui/greeter/form.py" line="226" />
      <source>At most %1 characters</source>
      <translation>最多 %1 个字</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="227" />
      <source>Digits only</source>
      <translation>只能填写数字</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="228" />
      <source>7 to 15 digits</source>
      <translation>7 至 15 位数字</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="229" />
      <source>Not a mobile number</source>
      <translation>不是有效的手机号码</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="196" />
      <source>Phone (optional)</source>
      <translation>手机号码（选填）</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="197" />
      <source>What the customer needs (optional)</source>
      <translation>客户需求（选填）</translation>
    </message>
  </context>
  <context>
    <name>GreeterListActions</name>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="22" />
      <source>Only waiting tickets can be reprinted.</source>
      <translation>只有等候中的号票可以重新打印。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="35" />
      <source>Cancel ticket %1? The customer loses their place in the queue. Press Cancel ticket again to confirm.</source>
      <translation>作废 %1 号？该客户将失去排队位置。再按一次“作废号票”确认。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="37" />
      <source>Cancel ticket</source>
      <translation>作废号票</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="60" />
      <source>%1 is back in the queue.</source>
      <translation>%1 已重新排队。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="64" />
      <source>Ticket %1 cancelled.</source>
      <translation>%1 号已作废。</translation>
    </message>
  </context>
  <context>
    <name>GreeterScreen</name>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="65" />
      <source>BranchDesk - Greeter</source>
      <translation>网点排队叫号系统 - 取号台</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="232" />
      <source>Database connection restored.</source>
      <translation>数据库连接已恢复。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="89" />
      <source>Greeter</source>
      <translation>取号台</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="101" />
      <location filename="../../app/ui/greeter/screen.py" line="208" />
      <source>Choose a service</source>
      <translation>选择业务</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="104" />
      <source>One tap issues</source>
      <translation>轻触即取号</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="106" />
      <source>Quick mode: a tap on a service issues its ticket at once, with the priority and details chosen on the right.</source>
      <translation>快速模式：轻触业务按钮即取号，使用右侧已选的优先类别和客户信息。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="117" />
      <source>Alt+letter chooses a service · Enter issues the ticket</source>
      <translation>Alt+字母 选择业务 · 回车键 取号</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="128" />
      <location filename="../../app/ui/greeter/screen.py" line="209" />
      <source>Issued today</source>
      <translation>今日取号</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="151" />
      <source>Customer (optional)</source>
      <translation>客户信息（选填）</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="154" />
      <source>Issue ticket  (Enter)</source>
      <translation>取号  (Enter)</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="110" />
      <source>Appointment check-in  (F6)</source>
      <translation>预约签到  (F6)</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="254" />
      <source>Choose a service first.</source>
      <translation>请先选择业务。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="257" />
      <source>Please correct the marked fields; nothing was issued.</source>
      <translation>请修改标出的内容；尚未取号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="262" />
      <source>No window serves this now. Press Issue ticket again to give the customer a ticket anyway; it prints no waiting time.</source>
      <translation>暂无窗口办理此业务。如仍需取号请再按一次“取号”，号票上不印等候时间。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="285" />
      <location filename="../../app/ui/screenshots.py" line="113" />
      <source>It is past %1. Press Issue ticket again to give this customer a ticket for today.</source>
      <translation>已过 %1。如仍为该客户取今日号，请再按一次“取号”。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="312" />
      <source>Ticket %1 is valid, but its text messages could not be set up: %2</source>
      <translation>%1 号有效，但短信提醒未能登记：%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="338" />
      <source>Appointment %1 checked in: ticket %2.</source>
      <translation>预约 %1 已签到：号码 %2。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="379" />
      <source>Ticket %1 is valid; press Reprint.</source>
      <translation>%1 号依然有效，请按“重新打印”。</translation>
    </message>
  </context>
  <context>
    <name>HqScreen</name>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="68" />
      <source>BranchDesk - Head office</source>
      <translation>BranchDesk - 总行</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="71" />
      <source>Head office</source>
      <translation>总行</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="71" />
      <source>Every branch today</source>
      <translation>今日各网点</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="78" />
      <source>Region</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="80" />
      <source>All regions</source>
      <translation>全部区域</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="117" />
      <source>%1 branches, %2 under the %3% goal (%4)</source>
      <translation>%1 个网点，%2 个低于 %3% 的目标（%4）</translation>
    </message>
  </context>
  <context>
    <name>Launcher</name>
    <message>
      <location filename="../../app/ui/shell.py" line="34" />
      <source>BranchDesk</source>
      <translation>网点排队叫号系统</translation>
    </message>
    <message>
      <location filename="../../app/ui/shell.py" line="40" />
      <source>Logged in as %1</source>
      <translation>当前用户：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/shell.py" line="51" />
      <source>Log out</source>
      <translation>退出登录</translation>
    </message>
  </context>
  <context>
    <name>LobbyScreen</name>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="39" />
      <source>Now calling</source>
      <translation>请</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="40" />
      <source>Recent calls</source>
      <translation>最近呼叫</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="41" />
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="42" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="43" />
      <source>waiting</source>
      <translation>人等候</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="44" />
      <source>Please go to window %1</source>
      <translation>到 %1 号窗口办理</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="81" />
      <source>BranchDesk - Lobby display</source>
      <translation>网点排队叫号系统 - 大厅显示屏</translation>
    </message>
  </context>
  <context>
    <name>LoginWindow</name>
    <message>
      <location filename="../../app/ui/login.py" line="25" />
      <source>BranchDesk - Log in</source>
      <translation>网点排队叫号系统 - 登录</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="33" />
      <source>BranchDesk</source>
      <translation>网点排队叫号系统</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="38" />
      <source>Username</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="39" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="43" />
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="50" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="73" />
      <source>Enter your username and password.</source>
      <translation>请输入用户名和密码。</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="80" />
      <source>Too many wrong passwords: try again in %1 seconds.</source>
      <translation>密码错误次数过多，请 %1 秒后再试。</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="83" />
      <source>Unknown user or wrong password.</source>
      <translation>用户名或密码错误。</translation>
    </message>
  </context>
  <context>
    <name>ManagerExtras</name>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="257" />
      <source>Appointments and messages</source>
      <translation>预约与短信</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="258" />
      <source>Appointments...</source>
      <translation>预约管理…</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="259" />
      <source>Message everyone waiting...</source>
      <translation>群发短信…</translation>
    </message>
  </context>
  <context>
    <name>Messages</name>
    <message>
      <location filename="../../app/ui/messages.py" line="32" />
      <source>Please check the phone number: 7 to 15 digits, or a valid mobile number.</source>
      <translation>请检查电话号码：7 至 15 位数字，或有效的手机号码。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="33" />
      <source>The name is too long (at most 50 characters).</source>
      <translation>姓名过长（最多 50 个字符）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="34" />
      <source>The note is too long (at most 500 characters).</source>
      <translation>备注过长（最多 500 个字符）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="35" />
      <source>Please give a short reason for the pause.</source>
      <translation>请填写暂停原因。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="36" />
      <source>Please choose 1 to 5 stars.</source>
      <translation>请选择 1 至 5 星。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="42" />
      <source>You are not allowed to do this, or the username or password is wrong.</source>
      <translation>您无权进行此操作，或用户名、密码有误。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="43" />
      <source>This service does not exist.</source>
      <translation>没有这项业务。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="44" />
      <source>This window does not exist.</source>
      <translation>没有这个窗口。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="45" />
      <source>No such ticket today.</source>
      <translation>今天没有这个号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="46" />
      <source>No such staff account.</source>
      <translation>没有这个员工账号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="47" />
      <source>Nobody is waiting for this window.</source>
      <translation>本窗口暂无等候客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="48" />
      <source>Window %1 is not open. Open it first.</source>
      <translation>%1 号窗口未开启，请先开启窗口。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="49" />
      <source>Ticket %1 is still at this window. Finish it or mark it no-show first.</source>
      <translation>%1 号仍在本窗口，请先办结或标记过号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="51" />
      <source>That is not possible for this ticket at the moment.</source>
      <translation>该号票当前状态不能进行此操作。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="52" />
      <source>All numbers of this service are in use today.</source>
      <translation>该业务今日号码已用完。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="53" />
      <source>This service is not offered right now.</source>
      <translation>该业务暂停办理。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="64" />
      <source>complaint text</source>
      <translation>投诉内容</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="65" />
      <source>customer name</source>
      <translation>客户姓名</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="66" />
      <source>note</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="67" />
      <source>answer to the customer</source>
      <translation>答复内容</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="68" />
      <source>reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="69" />
      <source>reason for the extension</source>
      <translation>延期原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="82" />
      <source>The %1 is too long (at most %2 characters).</source>
      <translation>%1过长（最多 %2 个字符）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="84" />
      <source>Please fill in the %1.</source>
      <translation>请填写%1。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="87" />
      <source>The time the customer was told cannot be in the future.</source>
      <translation>告知客户的时间不能晚于现在。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="88" />
      <source>The customer cannot be told the answer before the case is resolved.</source>
      <translation>案件答复之前不能登记已告知客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="90" />
      <location filename="../../app/ui/messages.py" line="91" />
      <source>Please choose an entry from the list.</source>
      <translation>请从列表中选择。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="92" />
      <source>Please choose how the customer was told.</source>
      <translation>请选择告知客户的方式。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="93" />
      <source>Please choose why the clock is paused.</source>
      <translation>请选择暂停计时的原因。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="94" />
      <source>Please check the email address.</source>
      <translation>请检查电子邮箱地址。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="95" />
      <source>A complaint needs a phone number or an email address to answer the customer.</source>
      <translation>投诉须留下电话或电子邮箱，以便答复客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="96" />
      <source>The time received cannot be in the future.</source>
      <translation>受理时间不能晚于现在。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="97" />
      <source>Please choose categories from the list.</source>
      <translation>请从列表中选择类别。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="98" />
      <source>Say whether the suggestion was adopted before closing it.</source>
      <translation>办结建议前请注明是否采纳。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="99" />
      <source>This staff member does not handle complaints; choose another.</source>
      <translation>该员工不处理投诉，请另选他人。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="100" />
      <source>Please choose the customer's satisfaction, 1 to 5.</source>
      <translation>请选择客户满意度（1 至 5）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="101" />
      <source>The regulatory limit is already at its maximum of 60 days.</source>
      <translation>监管时限已达最长 60 天，不能再延长。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="102" />
      <source>The closing time should look like 17:00.</source>
      <translation>下班时间格式应为 17:00。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="103" />
      <source>Choose a month (such as 2026-11) or a quarter (such as 2026Q4).</source>
      <translation>请选择月份（如 2026-11）或季度（如 2026Q4）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="104" />
      <source>Choose a month such as 2026-11.</source>
      <translation>请填写月份，如 2026-11。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="105" />
      <source>Choose a quarter such as 2026Q4.</source>
      <translation>请填写季度，如 2026Q4。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="106" />
      <source>A category's deadline is 1 to 30 working days.</source>
      <translation>类别办理时限为 1 至 30 个工作日。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="113" />
      <source>received</source>
      <translation>已受理</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="114" />
      <source>acknowledged</source>
      <translation>已确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="115" />
      <source>in progress</source>
      <translation>处理中</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="116" />
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="117" />
      <source>resolved</source>
      <translation>已答复</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="118" />
      <source>customer notified</source>
      <translation>已告知客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="119" />
      <source>closed</source>
      <translation>已办结</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="128" />
      <source>The working-day calendar for %1 is not known yet: enter the branch's holidays and make-up working days for %1 first.</source>
      <translation>%1 年的工作日历尚未知晓：请先录入本网点 %1 年的节假日和调休工作日。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="131" />
      <source>The working-day calendar does not reach that far yet.</source>
      <translation>工作日历尚未覆盖该日期。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="133" />
      <source>There is no complaint case %1.</source>
      <translation>没有编号为 %1 的投诉案件。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="136" />
      <source>acknowledged</source>
      <comment>complaint step</comment>
      <translation>确认受理</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="137" />
      <source>started</source>
      <comment>complaint step</comment>
      <translation>开始处理</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="138" />
      <source>paused</source>
      <comment>complaint step</comment>
      <translation>暂停计时</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="139" />
      <source>resumed</source>
      <comment>complaint step</comment>
      <translation>恢复计时</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="140" />
      <source>answered</source>
      <comment>complaint step</comment>
      <translation>答复</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="141" />
      <source>marked as notified</source>
      <comment>complaint step</comment>
      <translation>登记为已告知客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="142" />
      <source>closed</source>
      <comment>complaint step</comment>
      <translation>办结</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="143" />
      <source>reopened</source>
      <comment>complaint step</comment>
      <translation>重新处理</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="146" />
      <source>This case is %1, so it cannot be %2 now.</source>
      <translation>该案件当前为“%1”，现在不能%2。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="148" />
      <source>This case is closed, so that is not possible any more.</source>
      <translation>该案件已办结，不能再进行此操作。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="156" />
      <source>That day is in the future; choose today or an earlier day.</source>
      <translation>该日期尚未到来，请选择今天或更早的日期。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="157" />
      <source>Choose a range that ends after it starts, of at most three years.</source>
      <translation>请选择结束日期晚于开始日期、且不超过三年的区间。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="159" />
      <source>The report was not written there; choose another folder or file name.</source>
      <translation>报表无法保存到该位置，请另选文件夹或文件名。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="165" />
      <source>The ticket printer is out of paper.</source>
      <translation>取号打印机缺纸。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="166" />
      <source>The ticket printer's cover is open.</source>
      <translation>取号打印机盖未关好。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="167" />
      <source>The ticket printer is offline.</source>
      <translation>取号打印机离线。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="168" />
      <source>The ticket printer is not connected.</source>
      <translation>取号打印机未连接。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="169" />
      <source>The ticket printer does not answer.</source>
      <translation>取号打印机无响应。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="170" />
      <source>The ticket printer is not set up correctly.</source>
      <translation>取号打印机设置有误。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="172" />
      <source>The ticket could not be printed.</source>
      <translation>号票未能打印。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="182" />
      <source>This database was written by a newer BranchDesk. Please update this PC.</source>
      <translation>该数据库由更新版本的系统写入，请升级本机软件。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="184" />
      <source>The database cannot be reached. Please try again, or call IT if it persists.</source>
      <translation>无法连接数据库，请稍后重试；如持续出现请联系科技人员。</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="186" />
      <source>Something went wrong. Please try again.</source>
      <translation>操作未成功，请重试。</translation>
    </message>
  </context>
  <context>
    <name>RecentTickets</name>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Service</source>
      <translation>业务</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Issued</source>
      <translation>取号时间</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Printed</source>
      <translation>已打印</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="33" />
      <source>Reprint</source>
      <translation>重新打印</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="34" />
      <source>Back in queue</source>
      <translation>重新排队</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="36" />
      <source>Cancel ticket</source>
      <translation>作废号票</translation>
    </message>
  </context>
  <context>
    <name>Screens</name>
    <message>
      <location filename="../../app/ui/screens.py" line="58" />
      <source>Greeter</source>
      <translation>取号台</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="59" />
      <source>Teller window</source>
      <translation>柜台窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="60" />
      <source>Lobby display</source>
      <translation>大厅显示屏</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="61" />
      <source>Rating pad</source>
      <translation>服务评价器</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="62" />
      <source>Complaints</source>
      <translation>投诉与建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="63" />
      <source>Manager</source>
      <translation>网点负责人</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="64" />
      <source>Administration</source>
      <translation>系统管理</translation>
    </message>
  </context>
  <context>
    <name>ServiceButton</name>
    <message numerus="yes">
      <location filename="../../app/ui/greeter/form.py" line="73" />
      <source>%n waiting</source>
      <translation>
        <numerusform>等候 %n 人</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../app/ui/greeter/form.py" line="75" />
      <source>%n priority</source>
      <translation>
        <numerusform>优先 %n 人</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="78" />
      <source>no window open</source>
      <translation>暂无窗口办理</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="82" />
      <source>about %1 min</source>
      <translation>约 %1 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="84" />
      <source>may not be served today</source>
      <translation>今日可能无法办理</translation>
    </message>
  </context>
  <context>
    <name>StaffStatus</name>
    <message>
      <location filename="../../app/ui/status.py" line="217" />
      <source>Printer: %1</source>
      <translation>打印机：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="220" />
      <source>Keypad window %1 offline</source>
      <translation>%1 号窗口呼叫器离线</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="222" />
      <source>Display window %1 offline</source>
      <translation>%1 号窗口显示屏离线</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="224" />
      <source>Serial device %1 offline</source>
      <translation>串口设备 %1 离线</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="228" />
      <source>Keypads and displays: settings not valid (%1)</source>
      <translation>呼叫器和显示屏设置无效（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="233" />
      <source>paper low</source>
      <translation>纸将用完</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="233" />
      <source>out of paper</source>
      <translation>缺纸</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="234" />
      <source>cover open</source>
      <translation>机盖打开</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="234" />
      <source>offline</source>
      <translation>离线</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="235" />
      <source>not connected</source>
      <translation>未连接</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="235" />
      <source>not answering</source>
      <translation>无响应</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="236" />
      <source>settings not valid (%1)</source>
      <translation>设置无效（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="245" />
      <source>Head-office sync not configured</source>
      <translation>未配置总行同步</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="247" />
      <source>Head-office sync switched off on this PC</source>
      <translation>本机已关闭总行同步</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="250" />
      <source>Head-office sync starting</source>
      <translation>总行同步正在启动</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="252" />
      <source>Head office: nothing sent yet, %1 records waiting</source>
      <translation>总行同步：尚未发送，%1 条记录待发送</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="254" />
      <source>Head office: last sync %2, %1 records waiting</source>
      <translation>总行同步：上次成功 %2，%1 条记录待发送</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="257" />
      <source>; last error: %1</source>
      <translation>；最近错误：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="264" />
      <source>the connection to head office timed out</source>
      <translation>连接总行超时</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="265" />
      <source>head office refused the connection (server down or wrong address)</source>
      <translation>总行拒绝连接（服务器未运行或地址有误）</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="266" />
      <source>head office did not accept the branch password</source>
      <translation>总行不接受本网点的密码</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="267" />
      <source>head office refused this branch's rows (permission)</source>
      <translation>总行拒收本网点的数据（权限不足）</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="268" />
      <source>head office's address cannot be found; check the network</source>
      <translation>找不到总行地址，请检查网络</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="269" />
      <source>the secure connection to head office failed: %1</source>
      <translation>与总行的加密连接失败：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="270" />
      <source>the connection to head office was lost</source>
      <translation>与总行的连接中断</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="271" />
      <source>the head-office password file %1 does not exist</source>
      <translation>总行密码文件 %1 不存在</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="272" />
      <source>the password file %1 can be read by other accounts (chmod 600)</source>
      <translation>密码文件 %1 可被其他账户读取（请执行 chmod 600）</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="273" />
      <source>the head-office password file %1 is empty</source>
      <translation>总行密码文件 %1 为空</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="274" />
      <source>sync is switched off on this PC</source>
      <translation>本机已关闭同步</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="275" />
      <source>sync is not set up</source>
      <translation>尚未配置同步</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="276" />
      <source>sync with head office failed: %1</source>
      <translation>与总行同步失败：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="288" />
      <source>Database unreachable: showing the last known state; trying again</source>
      <translation>无法连接数据库：显示的是最后已知状态，正在重试</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="290" />
      <source>ahead of</source>
      <translation>快于</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="290" />
      <source>behind</source>
      <translation>慢于</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="291" />
      <source>This PC's clock is %1 s %2 the database's; set it right</source>
      <translation>本机时钟%2数据库 %1 秒，请校准</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="237" />
      <source>not set up, numbers on screen only</source>
      <translation>未设置，号码只显示在屏幕上</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="238" />
      <source>simulated, pictures only, no paper</source>
      <translation>模拟打印，只有图片，不出纸</translation>
    </message>
  </context>
  <context>
    <name>TellerActions</name>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="34" />
      <source>Close window %1? Customers waiting for it stay in the queue. Press Close window again to confirm.</source>
      <translation>关闭 %1 号窗口？等候的客户仍留在队列中。再按一次“关闭窗口”确认。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="36" />
      <source>Close window</source>
      <translation>关闭窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="49" />
      <location filename="../../app/ui/teller/actions.py" line="61" />
      <source>Calling %1.</source>
      <translation>正在呼叫 %1。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="59" />
      <source>Select a ticket in the waiting list first.</source>
      <translation>请先在等候列表中选择一个号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="64" />
      <source>Calling %1 again.</source>
      <translation>再次呼叫 %1。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="72" />
      <source>%1 marked as no-show.</source>
      <translation>%1 已标记为过号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="73" />
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="88" />
      <source>%1 is back: called to this window again.</source>
      <translation>%1 已回来：重新呼叫到本窗口。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="95" />
      <source>%1 is back in the queue.</source>
      <translation>%1 已重新排队。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="101" />
      <source>%1 finished.</source>
      <translation>%1 已办结。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="113" />
      <source>Choose where to transfer the customer first.</source>
      <translation>请先选择转往的业务或窗口。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="120" />
      <source>%1 transferred.</source>
      <translation>%1 已转移。</translation>
    </message>
  </context>
  <context>
    <name>TellerKeys</name>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="17" />
      <source>Completed</source>
      <translation>已办结</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="18" />
      <source>Referred elsewhere</source>
      <translation>已转介</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="19" />
      <source>Documents missing</source>
      <translation>资料不全</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="20" />
      <source>Customer left</source>
      <translation>客户离开</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="62" />
      <source>Break</source>
      <translation>休息</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="63" />
      <source>Cash count</source>
      <translation>清点现金</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="64" />
      <source>Meeting</source>
      <translation>开会</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="65" />
      <source>System fault</source>
      <translation>系统故障</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="67" />
      <source>Outcome (F5)</source>
      <translation>办理结果（F5）</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="68" />
      <source>Transfer to (F6)</source>
      <translation>转至（F6）</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="69" />
      <source>Pause reason (F7)</source>
      <translation>暂停原因（F7）</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="85" />
      <source>Choose…</source>
      <translation>请选择…</translation>
    </message>
  </context>
  <context>
    <name>TellerPanels</name>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="54" />
      <source>Show need</source>
      <translation>查看需求</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="105" />
      <source>Priority: %1</source>
      <translation>优先：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="109" />
      <source>called %1 times</source>
      <translation>已呼叫 %1 次</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="125" />
      <source>Need: %1</source>
      <translation>需求：%1</translation>
    </message>
  </context>
  <context>
    <name>TellerScreen</name>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="69" />
      <source>BranchDesk - Teller</source>
      <translation>网点排队叫号系统 - 柜台窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="102" />
      <source>Teller window</source>
      <translation>柜台窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="115" />
      <location filename="../../app/ui/teller/screen.py" line="253" />
      <source>Open window</source>
      <translation>开启窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="118" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="125" />
      <source>At the window</source>
      <translation>当前客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="146" />
      <source>Waiting for this window</source>
      <translation>本窗口等候客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="148" />
      <source>In the order F1 calls them</source>
      <translation>按 F1 叫号的先后排列</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="149" />
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="149" />
      <source>Service</source>
      <translation>业务</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="149" />
      <source>Priority</source>
      <translation>优先</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="149" />
      <source>Need</source>
      <translation>需求</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="150" />
      <source>Waited</source>
      <translation>已等候</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="152" />
      <source>Show need note</source>
      <translation>查看需求</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="155" />
      <source>No-shows at this window</source>
      <translation>本窗口过号客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="156" />
      <source>Back in queue</source>
      <translation>重新排队</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="163" />
      <source>Today at this window</source>
      <translation>本窗口今日</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="129" />
      <source>Call next</source>
      <translation>呼叫下一位</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="130" />
      <source>Recall</source>
      <translation>重呼</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="131" />
      <source>No-show</source>
      <translation>过号</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="132" />
      <source>Start</source>
      <translation>开始办理</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="133" />
      <source>Finish</source>
      <translation>办结</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="134" />
      <source>Transfer</source>
      <translation>转移</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="136" />
      <source>Call selected</source>
      <translation>呼叫所选</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="201" />
      <source>Window %1 · %2</source>
      <translation>%1 号窗口 · %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="199" />
      <location filename="../../app/ui/teller/screen.py" line="205" />
      <source>Window %1</source>
      <translation>%1 号窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="253" />
      <source>Close window</source>
      <translation>关闭窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="277" />
      <source>Press F1 to call the next customer.</source>
      <translation>按 F1 呼叫下一位客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="260" />
      <source>%1 min</source>
      <translation>%1 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="263" />
      <source>Served: %1</source>
      <translation>已办理：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="264" />
      <source>Average service time: %1</source>
      <translation>平均办理时长：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="265" />
      <source>No-shows: %1</source>
      <translation>过号：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="318" />
      <source>Resume</source>
      <translation>恢复服务</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="135" />
      <location filename="../../app/ui/teller/screen.py" line="318" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="259" />
      <source>Waiting for this window: %1</source>
      <translation>本窗口等候：%1 人</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="272" />
      <source>The window is closed. Open it to call customers.</source>
      <translation>窗口已关闭。请先开启窗口再叫号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="274" />
      <source>The window is paused. Press F7 to resume.</source>
      <translation>本窗口已暂停服务，按 F7 恢复。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="276" />
      <source>Nobody is waiting for this window.</source>
      <translation>本窗口暂无等候客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="289" />
      <source>None today</source>
      <translation>今日无</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="297" />
      <source>Select a customer to see what they need.</source>
      <translation>选中一位客户可查看其需求。</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="302" />
      <source>%1 needs: %2</source>
      <translation>%1 需求：%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/screenshots.py" line="125" />
      <source>%1 marked as no-show.</source>
      <translation>%1 已标记为过号。</translation>
    </message>
    <message>
      <location filename="../../app/ui/screenshots.py" line="126" />
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <location filename="../../app/ui/widgets.py" line="134" />
      <source>%1 min</source>
      <translation>%1 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="13" />
      <source>Waiting</source>
      <translation>等候中</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="14" />
      <source>Transferred</source>
      <translation>已转移</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="15" />
      <source>Called</source>
      <translation>已呼叫</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="16" />
      <source>Serving</source>
      <translation>办理中</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="17" />
      <source>Done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="18" />
      <source>No-show</source>
      <translation>过号</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="19" />
      <source>Cancelled</source>
      <translation>已作废</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="20" />
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="28" />
      <source>Elderly</source>
      <translation>老年人</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="29" />
      <source>Disabled</source>
      <translation>残障人士</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="30" />
      <source>Pregnant</source>
      <translation>孕妇</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="32" />
      <source>Special needs</source>
      <translation>特殊需要</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="33" />
      <source>VIP</source>
      <translation>贵宾</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="33" />
      <source>Appointment</source>
      <translation>预约</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="39" />
      <source>Printed</source>
      <translation>已打印</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="40" />
      <source>Print failed</source>
      <translation>打印失败</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="41" />
      <source>Not printed</source>
      <translation>未打印</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="42" />
      <source>Voided</source>
      <translation>已作废</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="50" />
      <source>Open</source>
      <translation>营业中</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="50" />
      <source>Paused</source>
      <translation>暂停服务</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="50" />
      <source>Closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="43" />
      <source>On screen only</source>
      <translation>仅屏幕显示</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="44" />
      <source>Simulated (picture)</source>
      <translation>模拟打印（图片）</translation>
    </message>
  </context>
  <context>
    <name>TicketResult</name>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="25" />
      <source>Last ticket</source>
      <translation>刚取的号</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="41" />
      <source>Reprint</source>
      <translation>重新打印</translation>
    </message>
    <message numerus="yes">
      <location filename="../../app/ui/greeter/result.py" line="84" />
      <source>%n ahead</source>
      <translation>
        <numerusform>前面还有 %n 人</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="89" />
      <source>no window serves it now: watch the screen</source>
      <translation>暂无窗口办理：请留意叫号屏幕</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="91" />
      <source>may not be served today</source>
      <translation>今日可能无法办理</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="94" />
      <source>about %1 min</source>
      <translation>约 %1 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="95" />
      <source>about %1-%2 min</source>
      <translation>约 %1-%2 分钟</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="100" />
      <source>Ticket %1 went to the simulated printer: no paper, a picture in %2.</source>
      <translation>%1 号已交给模拟打印机：没有纸质号票，图片保存在 %2。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="104" />
      <source>Printing %1 …</source>
      <translation>正在打印 %1 …</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="105" />
      <source>Ticket %1 printed.</source>
      <translation>%1 号已打印。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="107" />
      <source>Ticket %1 was not printed.</source>
      <translation>%1 号未打印。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="102" />
      <source>Ticket %1 went to the simulated printer: a picture, no paper.</source>
      <translation>%1 号已交给模拟打印机：只生成图片，没有纸质号票。</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="108" />
      <source>No ticket printer set up: the number is shown on screen only.</source>
      <translation>未设置取号打印机：号码只显示在屏幕上。</translation>
    </message>
  </context>
  <context>
    <name>Upcoming</name>
    <message>
      <location filename="../../app/ui/beyond/upcoming.py" line="32" />
      <source>Appointments today</source>
      <translation>今日预约</translation>
    </message>
  </context>
</TS>
