<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>CaseView</name>
    <message>
      <location filename="../case.py" line="76" />
      <location filename="../case.py" line="162" />
      <source>No case selected</source>
      <translation>未选择案件</translation>
    </message>
    <message>
      <location filename="../case.py" line="90" />
      <source>Follow-up log</source>
      <translation>跟进记录</translation>
    </message>
    <message>
      <location filename="../case.py" line="83" />
      <source>Note, answer or reason</source>
      <translation>记录、答复或原因</translation>
    </message>
    <message>
      <location filename="../case.py" line="98" />
      <source>Acknowledge</source>
      <translation>确认受理</translation>
    </message>
    <message>
      <location filename="../case.py" line="98" />
      <source>Start</source>
      <translation>开始处理</translation>
    </message>
    <message>
      <location filename="../case.py" line="99" />
      <source>Pause</source>
      <translation>暂停计时</translation>
    </message>
    <message>
      <location filename="../case.py" line="99" />
      <source>Resume</source>
      <translation>恢复计时</translation>
    </message>
    <message>
      <location filename="../case.py" line="99" />
      <source>Resolve</source>
      <translation>答复</translation>
    </message>
    <message>
      <location filename="../case.py" line="100" />
      <source>Customer notified</source>
      <translation>已告知客户</translation>
    </message>
    <message>
      <location filename="../case.py" line="100" />
      <source>Close</source>
      <translation>办结</translation>
    </message>
    <message>
      <location filename="../case.py" line="101" />
      <source>Reopen</source>
      <translation>重新处理</translation>
    </message>
    <message>
      <location filename="../case.py" line="101" />
      <source>Assign</source>
      <translation>指派</translation>
    </message>
    <message>
      <location filename="../case.py" line="101" />
      <source>Add note</source>
      <translation>添加记录</translation>
    </message>
    <message>
      <location filename="../case.py" line="102" />
      <source>Extend limit</source>
      <translation>延长时限</translation>
    </message>
    <message>
      <location filename="../case.py" line="116" />
      <source>Satisfaction…</source>
      <translation>满意度…</translation>
    </message>
    <message>
      <location filename="../case.py" line="117" />
      <source>5 very satisfied</source>
      <translation>5 非常满意</translation>
    </message>
    <message>
      <location filename="../case.py" line="117" />
      <source>4 satisfied</source>
      <translation>4 满意</translation>
    </message>
    <message>
      <location filename="../case.py" line="117" />
      <source>3 neutral</source>
      <translation>3 一般</translation>
    </message>
    <message>
      <location filename="../case.py" line="118" />
      <source>2 dissatisfied</source>
      <translation>2 不满意</translation>
    </message>
    <message>
      <location filename="../case.py" line="118" />
      <source>1 very dissatisfied</source>
      <translation>1 非常不满意</translation>
    </message>
    <message>
      <location filename="../case.py" line="120" />
      <source>Suggestion adopted</source>
      <translation>建议已采纳</translation>
    </message>
    <message>
      <location filename="../case.py" line="169" />
      <source>Channel: %1</source>
      <translation>渠道：%1</translation>
    </message>
    <message>
      <location filename="../case.py" line="170" />
      <source>Received: %1 by %2</source>
      <translation>受理：%1，%2</translation>
    </message>
    <message>
      <location filename="../case.py" line="171" />
      <source>Acknowledge by: %1</source>
      <translation>确认受理期限：%1</translation>
    </message>
    <message>
      <location filename="../case.py" line="172" />
      <source>Answer by: %1</source>
      <translation>答复期限：%1</translation>
    </message>
    <message>
      <location filename="../case.py" line="173" />
      <source>Regulatory limit (%1 days): %2</source>
      <translation>监管时限（%1天）：%2</translation>
    </message>
    <message>
      <location filename="../case.py" line="175" />
      <source>Handler: %1</source>
      <translation>经办人：%1</translation>
    </message>
    <message>
      <location filename="../case.py" line="178" />
      <source>Paused: %1</source>
      <translation>已暂停：%1</translation>
    </message>
    <message>
      <location filename="../case.py" line="181" />
      <location filename="../case.py" line="189" />
      <source>Customer: %1, %2</source>
      <translation>客户：%1，%2</translation>
    </message>
    <message>
      <location filename="../case.py" line="182" />
      <source>Answer:</source>
      <translation>答复：</translation>
    </message>
    <message>
      <location filename="../case.py" line="191" />
      <source>Content is visible to complaints staff and managers only.</source>
      <translation>内容仅对投诉专员和网点负责人可见。</translation>
    </message>
    <message>
      <location filename="../case.py" line="229" />
      <source>Ask the customer how satisfied they are, and choose it before closing.</source>
      <translation>请先询问客户的满意度并选择，再办结。</translation>
    </message>
    <message>
      <location filename="../case.py" line="279" />
      <source>%1: %2</source>
      <translation>%1：%2</translation>
    </message>
  </context>
  <context>
    <name>Complaints</name>
    <message>
      <location filename="../texts.py" line="17" />
      <source>Complaint</source>
      <translation>投诉</translation>
    </message>
    <message>
      <location filename="../texts.py" line="18" />
      <source>Suggestion</source>
      <translation>建议</translation>
    </message>
    <message>
      <location filename="../texts.py" line="19" />
      <source>Praise</source>
      <translation>表扬</translation>
    </message>
    <message>
      <location filename="../texts.py" line="25" />
      <source>Counter</source>
      <translation>柜台</translation>
    </message>
    <message>
      <location filename="../texts.py" line="26" />
      <location filename="../texts.py" line="47" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../texts.py" line="27" />
      <location filename="../texts.py" line="50" />
      <source>Letter</source>
      <translation>信函</translation>
    </message>
    <message>
      <location filename="../texts.py" line="28" />
      <source>Web / app</source>
      <translation>网站/App</translation>
    </message>
    <message>
      <location filename="../texts.py" line="29" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../texts.py" line="35" />
      <location filename="../texts.py" line="64" />
      <source>Received</source>
      <translation>已受理</translation>
    </message>
    <message>
      <location filename="../texts.py" line="36" />
      <location filename="../texts.py" line="65" />
      <source>Acknowledged</source>
      <translation>已确认</translation>
    </message>
    <message>
      <location filename="../texts.py" line="37" />
      <source>In progress</source>
      <translation>处理中</translation>
    </message>
    <message>
      <location filename="../texts.py" line="38" />
      <location filename="../texts.py" line="67" />
      <source>Paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../texts.py" line="39" />
      <location filename="../texts.py" line="69" />
      <source>Resolved</source>
      <translation>已答复</translation>
    </message>
    <message>
      <location filename="../texts.py" line="40" />
      <location filename="../texts.py" line="70" />
      <source>Customer notified</source>
      <translation>已告知客户</translation>
    </message>
    <message>
      <location filename="../texts.py" line="41" />
      <location filename="../texts.py" line="71" />
      <source>Closed</source>
      <translation>已办结</translation>
    </message>
    <message>
      <location filename="../texts.py" line="48" />
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <location filename="../texts.py" line="49" />
      <source>Email</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <location filename="../texts.py" line="51" />
      <source>In person</source>
      <translation>当面</translation>
    </message>
    <message>
      <location filename="../texts.py" line="57" />
      <source>Waiting for the customer</source>
      <translation>等待客户</translation>
    </message>
    <message>
      <location filename="../texts.py" line="58" />
      <source>Outside appraisal</source>
      <translation>外部鉴定</translation>
    </message>
    <message>
      <location filename="../texts.py" line="66" />
      <source>Started</source>
      <translation>开始处理</translation>
    </message>
    <message>
      <location filename="../texts.py" line="68" />
      <source>Resumed</source>
      <translation>恢复计时</translation>
    </message>
    <message>
      <location filename="../texts.py" line="72" />
      <source>Reopened</source>
      <translation>重新处理</translation>
    </message>
    <message>
      <location filename="../texts.py" line="73" />
      <source>Assigned</source>
      <translation>已指派</translation>
    </message>
    <message>
      <location filename="../texts.py" line="74" />
      <source>Note</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="../texts.py" line="75" />
      <source>Limit extended</source>
      <translation>时限已延长</translation>
    </message>
    <message>
      <location filename="../texts.py" line="76" />
      <source>Receipt print</source>
      <translation>回执打印</translation>
    </message>
    <message>
      <location filename="../texts.py" line="77" />
      <source>Deadline pending</source>
      <translation>期限待定</translation>
    </message>
    <message>
      <location filename="../texts.py" line="78" />
      <source>Deadlines computed</source>
      <translation>期限已计算</translation>
    </message>
    <message>
      <location filename="../texts.py" line="85" />
      <source>Pending (calendar missing)</source>
      <translation>待定 (缺日历)</translation>
    </message>
    <message>
      <location filename="../texts.py" line="86" />
      <source>Pending (%1 calendar missing)</source>
      <translation>待定 (缺%1年日历)</translation>
    </message>
    <message>
      <location filename="../texts.py" line="93" />
      <source>the working-day calendar for %1 is not known yet; enter the %1 holidays and make-up working days.</source>
      <translation>%1年的工作日历尚未知，请录入%1年的节假日与调休上班日。</translation>
    </message>
    <message>
      <location filename="../texts.py" line="99" />
      <source>answer by %1</source>
      <translation>答复期限 %1</translation>
    </message>
    <message>
      <location filename="../texts.py" line="102" />
      <source>regulatory limit %1</source>
      <translation>监管时限 %1</translation>
    </message>
    <message>
      <location filename="../texts.py" line="105" />
      <source>, </source>
      <translation>，</translation>
    </message>
    <message>
      <location filename="../texts.py" line="122" />
      <source>Enter next year's holidays: the %1 working-day calendar is not known yet.</source>
      <translation>请录入明年的节假日：%1年的工作日历尚未知。</translation>
    </message>
    <message>
      <location filename="../texts.py" line="125" />
      <source>Enter the %1 holidays: the %1 working-day calendar is not known yet.</source>
      <translation>请录入%1年的节假日：%1年的工作日历尚未知。</translation>
    </message>
    <message>
      <location filename="../texts.py" line="129" />
      <source>Open cases with a pending deadline: %1.</source>
      <translation>期限待定的未结案件：%1 件。</translation>
    </message>
    <message>
      <location filename="../texts.py" line="141" />
      <source>%1 d</source>
      <translation>%1天</translation>
    </message>
    <message>
      <location filename="../texts.py" line="143" />
      <source>%1 h</source>
      <translation>%1小时</translation>
    </message>
    <message>
      <location filename="../texts.py" line="145" />
      <source>overdue %1</source>
      <translation>超期%1</translation>
    </message>
    <message>
      <location filename="../texts.py" line="147" />
      <source>in %1</source>
      <translation>剩%1</translation>
    </message>
  </context>
  <context>
    <name>ComplaintsBoard</name>
    <message>
      <location filename="../board.py" line="59" />
      <source>BranchDesk - Complaints</source>
      <translation>BranchDesk - 投诉与建议</translation>
    </message>
    <message>
      <location filename="../board.py" line="73" />
      <source>Complaints and suggestions</source>
      <translation>投诉与建议</translation>
    </message>
    <message>
      <location filename="../board.py" line="93" />
      <source>Reference</source>
      <translation>受理编号</translation>
    </message>
    <message>
      <location filename="../board.py" line="93" />
      <source>Due</source>
      <translation>期限</translation>
    </message>
    <message>
      <location filename="../board.py" line="93" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../board.py" line="93" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../board.py" line="93" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../board.py" line="94" />
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <location filename="../board.py" line="94" />
      <source>Categories</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../board.py" line="94" />
      <source>Handler</source>
      <translation>经办人</translation>
    </message>
    <message>
      <location filename="../board.py" line="94" />
      <source>Received</source>
      <translation>已受理</translation>
    </message>
    <message>
      <location filename="../board.py" line="121" />
      <source>All kinds</source>
      <translation>全部类型</translation>
    </message>
    <message>
      <location filename="../board.py" line="126" />
      <source>Not closed yet</source>
      <translation>未结案</translation>
    </message>
    <message>
      <location filename="../board.py" line="127" />
      <source>Awaiting an answer</source>
      <translation>待答复</translation>
    </message>
    <message>
      <location filename="../board.py" line="128" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../board.py" line="132" />
      <source>All categories</source>
      <translation>全部类别</translation>
    </message>
    <message>
      <location filename="../board.py" line="137" />
      <source>All handlers</source>
      <translation>全部经办人</translation>
    </message>
    <message>
      <location filename="../board.py" line="141" />
      <source>Any time</source>
      <translation>全部时间</translation>
    </message>
    <message>
      <location filename="../board.py" line="141" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../board.py" line="141" />
      <source>Last 7 days</source>
      <translation>近7天</translation>
    </message>
    <message>
      <location filename="../board.py" line="142" />
      <source>Last 30 days</source>
      <translation>近30天</translation>
    </message>
    <message>
      <location filename="../board.py" line="144" />
      <source>Search reference, ticket, name, phone</source>
      <translation>搜索编号、票号、姓名、电话</translation>
    </message>
    <message>
      <location filename="../board.py" line="146" />
      <source>Print receipt</source>
      <translation>打印回执</translation>
    </message>
    <message>
      <location filename="../board.py" line="149" />
      <source>New case</source>
      <translation>新登记</translation>
    </message>
    <message>
      <location filename="../board.py" line="197" />
      <source>Overdue: %1</source>
      <translation>超期：%1</translation>
    </message>
    <message>
      <location filename="../board.py" line="267" />
      <source>%1 recorded; the answer date is pending until the %2 calendar is entered.</source>
      <translation>%1 已登记；答复期限待录入%2年日历后确定。</translation>
    </message>
    <message>
      <location filename="../board.py" line="271" />
      <source>%1 recorded; answer due by %2.</source>
      <translation>%1 已受理，答复期限 %2。</translation>
    </message>
    <message>
      <location filename="../board.py" line="292" />
      <source>Receipt for %1 printed.</source>
      <translation>%1 的回执已打印。</translation>
    </message>
    <message>
      <location filename="../board.py" line="294" />
      <source>No printer is set up; the receipt for %1 was not printed.</source>
      <translation>未配置打印机，%1 的回执未打印。</translation>
    </message>
    <message>
      <location filename="../board.py" line="297" />
      <source>The receipt for %1 could not be printed; the case is kept.</source>
      <translation>%1 的回执未能打印，案件已保存。</translation>
    </message>
  </context>
  <context>
    <name>IntakeForm</name>
    <message>
      <location filename="../form.py" line="67" />
      <source>New case</source>
      <translation>新登记</translation>
    </message>
    <message>
      <location filename="../form.py" line="74" />
      <source>Customer name</source>
      <translation>客户姓名</translation>
    </message>
    <message>
      <location filename="../form.py" line="75" />
      <source>Mobile or landline</source>
      <translation>手机或固定电话</translation>
    </message>
    <message>
      <location filename="../form.py" line="76" />
      <source>name@example.com</source>
      <translation>name@example.com</translation>
    </message>
    <message>
      <location filename="../form.py" line="82" />
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../form.py" line="83" />
      <source>Teller concerned (optional)</source>
      <translation>涉及柜员（可选）</translation>
    </message>
    <message>
      <location filename="../form.py" line="84" />
      <source>What the customer says, in their words</source>
      <translation>客户原话</translation>
    </message>
    <message>
      <location filename="../form.py" line="100" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../form.py" line="100" />
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <location filename="../form.py" line="101" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../form.py" line="98" />
      <location filename="../form.py" line="195" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../form.py" line="77" />
      <source>e.g. A023 (optional)</source>
      <translation>如 A023（选填）</translation>
    </message>
    <message>
      <location filename="../form.py" line="88" />
      <source>of</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../form.py" line="99" />
      <location filename="../form.py" line="196" />
      <source>Email</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <location filename="../form.py" line="106" />
      <source>Related ticket</source>
      <translation>相关票号</translation>
    </message>
    <message>
      <location filename="../form.py" line="107" />
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../form.py" line="108" />
      <source>Teller</source>
      <translation>柜员</translation>
    </message>
    <message>
      <location filename="../form.py" line="112" />
      <source>Categories</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../form.py" line="122" />
      <source>Content</source>
      <translation>内容</translation>
    </message>
    <message>
      <location filename="../form.py" line="133" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../form.py" line="134" />
      <source>Record and print receipt</source>
      <translation>登记并打印回执</translation>
    </message>
    <message>
      <location filename="../form.py" line="163" />
      <source>Digits only</source>
      <translation>只能填写数字</translation>
    </message>
    <message>
      <location filename="../form.py" line="163" />
      <source>Not a mobile number</source>
      <translation>不是有效的手机号码</translation>
    </message>
    <message>
      <location filename="../form.py" line="164" />
      <source>7 to 15 digits</source>
      <translation>7 至 15 位数字</translation>
    </message>
    <message>
      <location filename="../form.py" line="166" />
      <source>Not an email address</source>
      <translation>邮箱地址不正确</translation>
    </message>
    <message>
      <location filename="../form.py" line="168" />
      <location filename="../form.py" line="170" />
      <location filename="../form.py" line="173" />
      <source>At most %1 characters</source>
      <translation>最多 %1 个字</translation>
    </message>
    <message>
      <location filename="../form.py" line="174" />
      <source>Please write down what the customer says.</source>
      <translation>请填写客户反映的内容。</translation>
    </message>
    <message>
      <location filename="../form.py" line="195" />
      <source>Phone *</source>
      <translation>电话 *</translation>
    </message>
    <message>
      <location filename="../form.py" line="196" />
      <source>Email *</source>
      <translation>邮箱 *</translation>
    </message>
    <message>
      <location filename="../form.py" line="198" />
      <source>* A complaint needs a phone number or an email address, so the answer can reach the customer.</source>
      <translation>* 投诉须留电话或邮箱，以便答复客户。</translation>
    </message>
    <message>
      <location filename="../form.py" line="209" />
      <source>Please correct the marked fields; nothing was stored.</source>
      <translation>请修改标出的内容；尚未保存。</translation>
    </message>
  </context>
</TS>
