<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseView</name>
    <message>
        <location filename="../case.py" line="45"/>
        <location filename="../case.py" line="121"/>
        <source>No case selected</source>
        <translation>未选择案件</translation>
    </message>
    <message>
        <location filename="../case.py" line="53"/>
        <source>Follow-up log</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <location filename="../case.py" line="55"/>
        <source>Note, answer or reason</source>
        <translation>记录、答复或原因</translation>
    </message>
    <message>
        <location filename="../case.py" line="67"/>
        <source>Acknowledge</source>
        <translation>确认受理</translation>
    </message>
    <message>
        <location filename="../case.py" line="67"/>
        <source>Start</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <location filename="../case.py" line="68"/>
        <source>Pause</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../case.py" line="68"/>
        <source>Resume</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../case.py" line="68"/>
        <source>Resolve</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../case.py" line="69"/>
        <source>Customer notified</source>
        <translation>已告知客户</translation>
    </message>
    <message>
        <location filename="../case.py" line="69"/>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../case.py" line="70"/>
        <source>Reopen</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <location filename="../case.py" line="70"/>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <location filename="../case.py" line="70"/>
        <source>Add note</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <location filename="../case.py" line="71"/>
        <source>Extend limit</source>
        <translation>延长时限</translation>
    </message>
    <message>
        <location filename="../case.py" line="81"/>
        <source>Satisfaction </source>
        <translation>满意度 </translation>
    </message>
    <message>
        <location filename="../case.py" line="82"/>
        <source>Suggestion adopted</source>
        <translation>建议已采纳</translation>
    </message>
    <message>
        <location filename="../case.py" line="128"/>
        <source>Channel: %1</source>
        <translation>渠道：%1</translation>
    </message>
    <message>
        <location filename="../case.py" line="129"/>
        <source>Received: %1 by %2</source>
        <translation>受理：%1，%2</translation>
    </message>
    <message>
        <location filename="../case.py" line="130"/>
        <source>Acknowledge by: %1</source>
        <translation>确认受理期限：%1</translation>
    </message>
    <message>
        <location filename="../case.py" line="131"/>
        <source>Answer by: %1</source>
        <translation>答复期限：%1</translation>
    </message>
    <message>
        <location filename="../case.py" line="132"/>
        <source>Regulatory limit (%1 days): %2</source>
        <translation>监管时限（%1天）：%2</translation>
    </message>
    <message>
        <location filename="../case.py" line="134"/>
        <source>Handler: %1</source>
        <translation>经办人：%1</translation>
    </message>
    <message>
        <location filename="../case.py" line="137"/>
        <source>Paused: %1</source>
        <translation>已暂停：%1</translation>
    </message>
    <message>
        <location filename="../case.py" line="140"/>
        <location filename="../case.py" line="147"/>
        <source>Customer: %1, %2</source>
        <translation>客户：%1，%2</translation>
    </message>
    <message>
        <location filename="../case.py" line="141"/>
        <source>Answer:</source>
        <translation>答复：</translation>
    </message>
    <message>
        <location filename="../case.py" line="149"/>
        <source>Content is visible to complaints staff and managers only.</source>
        <translation>内容仅对投诉专员和网点负责人可见。</translation>
    </message>
    <message>
        <location filename="../case.py" line="191"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Complaints</name>
    <message>
        <location filename="../texts.py" line="14"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../texts.py" line="15"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../texts.py" line="16"/>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../texts.py" line="22"/>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../texts.py" line="23"/>
        <location filename="../texts.py" line="44"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../texts.py" line="24"/>
        <location filename="../texts.py" line="47"/>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <location filename="../texts.py" line="25"/>
        <source>Web / app</source>
        <translation>网站/App</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../texts.py" line="32"/>
        <location filename="../texts.py" line="61"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../texts.py" line="33"/>
        <location filename="../texts.py" line="62"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../texts.py" line="34"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../texts.py" line="35"/>
        <location filename="../texts.py" line="64"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../texts.py" line="36"/>
        <location filename="../texts.py" line="66"/>
        <source>Resolved</source>
        <translation>已答复</translation>
    </message>
    <message>
        <location filename="../texts.py" line="37"/>
        <location filename="../texts.py" line="67"/>
        <source>Customer notified</source>
        <translation>已告知客户</translation>
    </message>
    <message>
        <location filename="../texts.py" line="38"/>
        <location filename="../texts.py" line="68"/>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../texts.py" line="45"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../texts.py" line="46"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../texts.py" line="48"/>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <location filename="../texts.py" line="54"/>
        <source>Waiting for the customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location filename="../texts.py" line="55"/>
        <source>Outside appraisal</source>
        <translation>外部鉴定</translation>
    </message>
    <message>
        <location filename="../texts.py" line="63"/>
        <source>Started</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <location filename="../texts.py" line="65"/>
        <source>Resumed</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../texts.py" line="69"/>
        <source>Reopened</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <location filename="../texts.py" line="70"/>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <location filename="../texts.py" line="71"/>
        <source>Note</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../texts.py" line="72"/>
        <source>Limit extended</source>
        <translation>时限已延长</translation>
    </message>
    <message>
        <location filename="../texts.py" line="73"/>
        <source>Receipt print</source>
        <translation>回执打印</translation>
    </message>
    <message>
        <location filename="../texts.py" line="84"/>
        <source>%1 d</source>
        <translation>%1天</translation>
    </message>
    <message>
        <location filename="../texts.py" line="86"/>
        <source>%1 h</source>
        <translation>%1小时</translation>
    </message>
    <message>
        <location filename="../texts.py" line="88"/>
        <source>overdue %1</source>
        <translation>超期%1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="90"/>
        <source>in %1</source>
        <translation>剩%1</translation>
    </message>
</context>
<context>
    <name>ComplaintsBoard</name>
    <message>
        <location filename="../board.py" line="57"/>
        <source>BranchDesk - Complaints</source>
        <translation>BranchDesk - 投诉与建议</translation>
    </message>
    <message>
        <location filename="../board.py" line="71"/>
        <source>Complaints and suggestions</source>
        <translation>投诉与建议</translation>
    </message>
    <message>
        <location filename="../board.py" line="84"/>
        <source>Reference</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <location filename="../board.py" line="84"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../board.py" line="84"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../board.py" line="84"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../board.py" line="84"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../board.py" line="85"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../board.py" line="85"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../board.py" line="85"/>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../board.py" line="85"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../board.py" line="107"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../board.py" line="111"/>
        <source>Open cases</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../board.py" line="112"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../board.py" line="116"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../board.py" line="121"/>
        <source>All handlers</source>
        <translation>全部经办人</translation>
    </message>
    <message>
        <location filename="../board.py" line="125"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../board.py" line="125"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../board.py" line="125"/>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../board.py" line="126"/>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <location filename="../board.py" line="128"/>
        <source>Search reference, ticket, name, phone</source>
        <translation>搜索编号、票号、姓名、电话</translation>
    </message>
    <message>
        <location filename="../board.py" line="130"/>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../board.py" line="133"/>
        <source>New case</source>
        <translation>新登记</translation>
    </message>
    <message>
        <location filename="../board.py" line="168"/>
        <source>Overdue: %1</source>
        <translation>超期：%1</translation>
    </message>
    <message>
        <location filename="../board.py" line="220"/>
        <source>%1 recorded; answer due by %2.</source>
        <translation>%1 已受理，答复期限 %2。</translation>
    </message>
    <message>
        <location filename="../board.py" line="242"/>
        <source>Receipt for %1 printed.</source>
        <translation>%1 的回执已打印。</translation>
    </message>
    <message>
        <location filename="../board.py" line="244"/>
        <source>No printer is set up; the receipt for %1 was not printed.</source>
        <translation>未配置打印机，%1 的回执未打印。</translation>
    </message>
    <message>
        <location filename="../board.py" line="247"/>
        <source>The receipt for %1 could not be printed; the case is kept.</source>
        <translation>%1 的回执未能打印，案件已保存。</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../form.py" line="41"/>
        <source>New case</source>
        <translation>新登记</translation>
    </message>
    <message>
        <location filename="../form.py" line="50"/>
        <source>Customer name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location filename="../form.py" line="51"/>
        <source>Mobile or landline</source>
        <translation>手机或固定电话</translation>
    </message>
    <message>
        <location filename="../form.py" line="52"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location filename="../form.py" line="53"/>
        <source>Ticket number today, e.g. A023 (optional)</source>
        <translation>今日票号，如 A023（可选）</translation>
    </message>
    <message>
        <location filename="../form.py" line="54"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../form.py" line="55"/>
        <source>Teller concerned (optional)</source>
        <translation>涉及柜员（可选）</translation>
    </message>
    <message>
        <location filename="../form.py" line="56"/>
        <source>What the customer says, in their words</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <location filename="../form.py" line="58"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../form.py" line="58"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../form.py" line="59"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../form.py" line="59"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../form.py" line="60"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../form.py" line="60"/>
        <source>Related ticket</source>
        <translation>相关票号</translation>
    </message>
    <message>
        <location filename="../form.py" line="61"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../form.py" line="61"/>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <location filename="../form.py" line="64"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../form.py" line="73"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../form.py" line="78"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../form.py" line="79"/>
        <source>Record and print receipt</source>
        <translation>登记并打印回执</translation>
    </message>
</context>
</TS>
