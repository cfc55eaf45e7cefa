<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AlertPanel</name>
    <message>
      <location filename="../alerts.py" line="61" />
      <source>Alerts</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="67" />
      <source>No open alerts.</source>
      <translation>没有未处理的提醒。</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="70" />
      <source>Raised</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="70" />
      <source>Alert</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="70" />
      <source>What</source>
      <translation>内容</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="71" />
      <source>Seen</source>
      <translation>查看</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="93" />
      <source>%1 open, %2 not yet seen</source>
      <translation>%1 条未处理，%2 条尚未查看</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="98" />
      <source>%1 at %2</source>
      <translation>%1 %2</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="99" />
      <source>New</source>
      <translation>新</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="114" />
      <source>Acknowledge</source>
      <translation>确认已阅</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="118" />
      <source>Take complaint...</source>
      <translation>受理投诉…</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="214" />
      <source>BranchDesk: a new alert</source>
      <translation>BranchDesk：新提醒</translation>
    </message>
    <message>
      <location filename="../alerts.py" line="215" />
      <source>BranchDesk: %1 new alerts</source>
      <translation>BranchDesk：%1 条新提醒</translation>
    </message>
  </context>
  <context>
    <name>ComplaintDialog</name>
    <message>
      <location filename="../alerts.py" line="233" />
      <source>Complaint for ticket %1</source>
      <translation>%1 号客户的投诉</translation>
    </message>
  </context>
  <context>
    <name>HourlyChart</name>
    <message>
      <location filename="../chart.py" line="47" />
      <source>No tickets yet today.</source>
      <translation>今天还没有取号。</translation>
    </message>
    <message>
      <location filename="../chart.py" line="81" />
      <source>Arrivals</source>
      <translation>取号</translation>
    </message>
    <message>
      <location filename="../chart.py" line="81" />
      <source>Served</source>
      <translation>办结</translation>
    </message>
    <message>
      <location filename="../chart.py" line="82" />
      <source>Average wait (min)</source>
      <translation>平均等候(分钟)</translation>
    </message>
  </context>
  <context>
    <name>ManagerScreen</name>
    <message>
      <location filename="../screen.py" line="73" />
      <source>BranchDesk - Manager</source>
      <translation>BranchDesk - 网点负责人</translation>
    </message>
    <message>
      <location filename="../screen.py" line="111" />
      <source>Branch manager</source>
      <translation>网点负责人</translation>
    </message>
    <message>
      <location filename="../screen.py" line="125" />
      <source>Waiting per service</source>
      <translation>各业务等候</translation>
    </message>
    <message>
      <location filename="../screen.py" line="133" />
      <source>Today by hour</source>
      <translation>今日分时段</translation>
    </message>
    <message>
      <location filename="../screen.py" line="134" />
      <source>Staffing today</source>
      <translation>今日人员配置</translation>
    </message>
    <message>
      <location filename="../screen.py" line="135" />
      <source>Staffing next 7 days</source>
      <translation>未来 7 天人员配置</translation>
    </message>
    <message>
      <location filename="../screen.py" line="149" />
      <source>Reports</source>
      <translation>报告</translation>
    </message>
    <message>
      <location filename="../screen.py" line="152" />
      <source>View daily report</source>
      <translation>查看每日报告</translation>
    </message>
    <message>
      <location filename="../screen.py" line="154" />
      <source>Save...</source>
      <translation>保存……</translation>
    </message>
    <message>
      <location filename="../screen.py" line="155" />
      <source>Print...</source>
      <translation>打印……</translation>
    </message>
    <message>
      <location filename="../screen.py" line="159" />
      <source>Business day</source>
      <translation>营业日</translation>
    </message>
    <message>
      <location filename="../screen.py" line="163" />
      <source>Save period report...</source>
      <translation>保存期间报告……</translation>
    </message>
    <message>
      <location filename="../screen.py" line="165" />
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <location filename="../screen.py" line="165" />
      <source>to</source>
      <translation>至</translation>
    </message>
    <message>
      <location filename="../screen.py" line="167" />
      <source>Save staff report...</source>
      <translation>保存员工报告……</translation>
    </message>
    <message>
      <location filename="../screen.py" line="170" />
      <source>Close the day now...</source>
      <translation>立即日终…</translation>
    </message>
    <message>
      <location filename="../screen.py" line="269" />
      <source>Save the report</source>
      <translation>保存报告</translation>
    </message>
    <message>
      <location filename="../screen.py" line="281" />
      <source>Making the report...</source>
      <translation>正在生成报告……</translation>
    </message>
    <message>
      <location filename="../screen.py" line="285" />
      <source>Report saved: %1</source>
      <translation>报告已保存：%1</translation>
    </message>
    <message>
      <location filename="../screen.py" line="290" />
      <source>Close the day</source>
      <translation>日终</translation>
    </message>
    <message>
      <location filename="../screen.py" line="291" />
      <source>Close today's business now? Customers still waiting or called are ended as expired, customers being served as served, every window is closed, and the final report is written.</source>
      <translation>现在结束今日营业吗？仍在等候或已叫号的客户记为过期，正在办理的记为已办结，所有窗口关闭，并生成最终日报。</translation>
    </message>
    <message>
      <location filename="../screen.py" line="302" />
      <source>Day closed: %1 expired, %2 served at closing, windows closed. The final report is in %3.</source>
      <translation>营业日已结束：%1 张过期，%2 张在日终时办结，窗口已关闭。最终日报在 %3。</translation>
    </message>
    <message>
      <location filename="../screen.py" line="309" />
      <source>Today's report was written to %1</source>
      <translation>今日报告已写入 %1</translation>
    </message>
  </context>
  <context>
    <name>ReportDialog</name>
    <message>
      <location filename="../report_view.py" line="96" />
      <source>Daily report %1</source>
      <translation>每日报告 %1</translation>
    </message>
    <message>
      <location filename="../report_view.py" line="104" />
      <source>Print...</source>
      <translation>打印……</translation>
    </message>
    <message>
      <location filename="../report_view.py" line="115" />
      <source>Print the daily report</source>
      <translation>打印每日报告</translation>
    </message>
  </context>
  <context>
    <name>ServiceQueueTable</name>
    <message>
      <location filename="../panels.py" line="90" />
      <source>Service</source>
      <translation>业务</translation>
    </message>
    <message>
      <location filename="../panels.py" line="90" />
      <source>Waiting</source>
      <translation>等候</translation>
    </message>
    <message>
      <location filename="../panels.py" line="90" />
      <source>Longest wait (min)</source>
      <translation>最长等候(分钟)</translation>
    </message>
    <message>
      <location filename="../panels.py" line="91" />
      <source>Target (min)</source>
      <translation>目标(分钟)</translation>
    </message>
  </context>
  <context>
    <name>StaffingToday</name>
    <message>
      <location filename="../staffing.py" line="51" />
      <source>Hour</source>
      <translation>时段</translation>
    </message>
    <message>
      <location filename="../staffing.py" line="51" />
      <source>Customers expected</source>
      <translation>预计客户</translation>
    </message>
    <message>
      <location filename="../staffing.py" line="52" />
      <source>Windows needed</source>
      <translation>需开窗口</translation>
    </message>
    <message>
      <location filename="../staffing.py" line="52" />
      <source>Windows open</source>
      <translation>实开窗口</translation>
    </message>
    <message>
      <location filename="../staffing.py" line="53" />
      <source>In target with them</source>
      <translation>按实开预计达标</translation>
    </message>
    <message>
      <location filename="../staffing.py" line="57" />
      <source>To serve %1% of customers within target (Erlang C, learned from %2 to %3).</source>
      <translation>为使 %1% 的客户在目标时间内被叫号（Erlang C 模型，依据 %2 至 %3 的数据）。</translation>
    </message>
  </context>
  <context>
    <name>StaffingWeek</name>
    <message>
      <location filename="../staffing.py" line="82" />
      <source>Windows needed / usually open on that weekday</source>
      <translation>需开窗口 / 该星期几通常开放的窗口</translation>
    </message>
    <message>
      <location filename="../staffing.py" line="91" />
      <source>Hour</source>
      <translation>时段</translation>
    </message>
  </context>
  <context>
    <name>Tiles</name>
    <message>
      <location filename="../panels.py" line="33" />
      <source>Waiting now</source>
      <translation>当前等候</translation>
    </message>
    <message>
      <location filename="../panels.py" line="34" />
      <source>Longest wait now</source>
      <translation>当前最长等候</translation>
    </message>
    <message>
      <location filename="../panels.py" line="35" />
      <source>Windows open / paused</source>
      <translation>窗口 开放 / 暂停</translation>
    </message>
    <message>
      <location filename="../panels.py" line="36" />
      <source>Average wait today</source>
      <translation>今日平均等候</translation>
    </message>
    <message>
      <location filename="../panels.py" line="37" />
      <source>Within target today</source>
      <translation>今日达标率</translation>
    </message>
    <message>
      <location filename="../panels.py" line="38" />
      <source>Served today</source>
      <translation>今日办结</translation>
    </message>
    <message>
      <location filename="../panels.py" line="39" />
      <source>No-shows today</source>
      <translation>今日过号</translation>
    </message>
    <message>
      <location filename="../panels.py" line="40" />
      <source>Overdue complaints</source>
      <translation>超期投诉</translation>
    </message>
    <message>
      <location filename="../panels.py" line="60" />
      <source>%1 closed</source>
      <translation>关闭 %1 个</translation>
    </message>
    <message>
      <location filename="../panels.py" line="62" />
      <source>unattended: %1</source>
      <translation>无人值守：%1</translation>
    </message>
    <message>
      <location filename="../panels.py" line="65" />
      <source>90th percentile %1 min</source>
      <translation>90百分位 %1 分钟</translation>
    </message>
    <message>
      <location filename="../panels.py" line="68" />
      <source>%1 of %2 waits</source>
      <translation>%2 个等候中 %1 个达标</translation>
    </message>
    <message>
      <location filename="../panels.py" line="70" />
      <source>%1 issued</source>
      <translation>共取号 %1</translation>
    </message>
    <message>
      <location filename="../panels.py" line="71" />
      <source>%1 cancelled</source>
      <translation>取消 %1</translation>
    </message>
    <message>
      <location filename="../panels.py" line="77" />
      <source>%1 min</source>
      <translation>%1 分钟</translation>
    </message>
  </context>
</TS>
