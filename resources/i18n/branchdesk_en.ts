<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CustomerForm</name>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="148"/>
        <source>Elderly</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="148"/>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="148"/>
        <source>Pregnant</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="149"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="149"/>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="165"/>
        <source>Customer name (optional)</source>
        <translation>Customer name (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="166"/>
        <source>Phone (optional)</source>
        <translation>Phone (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/form.py" line="167"/>
        <source>What the customer needs (optional)</source>
        <translation>What the customer needs (optional)</translation>
    </message>
</context>
<context>
    <name>GreeterScreen</name>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="47"/>
        <source>BranchDesk - Greeter</source>
        <translation>BranchDesk - Greeter</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="112"/>
        <source>Database connection restored.</source>
        <translation>Database connection restored.</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="64"/>
        <source>Greeter</source>
        <translation>Greeter</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="71"/>
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="75"/>
        <source>Issued today</source>
        <translation>Issued today</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="84"/>
        <source>Customer (optional)</source>
        <translation>Customer (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="87"/>
        <source>Issue ticket  (Enter)</source>
        <translation>Issue ticket  (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="133"/>
        <source>Choose a service first.</source>
        <translation>Choose a service first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="192"/>
        <source>Ticket %1 is valid; press Reprint.</source>
        <translation>Ticket %1 is valid; press Reprint.</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="204"/>
        <source>Only waiting tickets can be reprinted.</source>
        <translation>Only waiting tickets can be reprinted.</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/screen.py" line="216"/>
        <source>Ticket %1 cancelled.</source>
        <translation>Ticket %1 cancelled.</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../../app/ui/shell.py" line="31"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="37"/>
        <source>Logged in as %1</source>
        <translation>Logged in as %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="48"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>LobbyScreen</name>
    <message>
        <location filename="../../app/ui/lobby/screen.py" line="37"/>
        <source>Now calling</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <location filename="../../app/ui/lobby/screen.py" line="38"/>
        <source>Recent calls</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <location filename="../../app/ui/lobby/screen.py" line="39"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../app/ui/lobby/screen.py" line="40"/>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../app/ui/lobby/screen.py" line="41"/>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/lobby/screen.py" line="42"/>
        <source>Please go to window %1</source>
        <translation>Please go to window %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/lobby/screen.py" line="79"/>
        <source>BranchDesk - Lobby display</source>
        <translation>BranchDesk - Lobby display</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../app/ui/login.py" line="24"/>
        <source>BranchDesk - Log in</source>
        <translation>BranchDesk - Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="32"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="37"/>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="38"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="42"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="49"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="72"/>
        <source>Enter your username and password.</source>
        <translation>Enter your username and password.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="78"/>
        <source>Unknown user or wrong password.</source>
        <translation>Unknown user or wrong password.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/ui/messages.py" line="26"/>
        <source>Please check the phone number: 7 to 15 digits, or a valid mobile number.</source>
        <translation>Please check the phone number: 7 to 15 digits, or a valid mobile number.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="27"/>
        <source>The name is too long (at most 50 characters).</source>
        <translation>The name is too long (at most 50 characters).</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="28"/>
        <source>The note is too long (at most 500 characters).</source>
        <translation>The note is too long (at most 500 characters).</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="29"/>
        <source>Please give a short reason for the pause.</source>
        <translation>Please give a short reason for the pause.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="30"/>
        <source>Please choose 1 to 5 stars.</source>
        <translation>Please choose 1 to 5 stars.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="36"/>
        <source>You are not allowed to do this, or the username or password is wrong.</source>
        <translation>You are not allowed to do this, or the username or password is wrong.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="37"/>
        <source>This service does not exist.</source>
        <translation>This service does not exist.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="38"/>
        <source>This window does not exist.</source>
        <translation>This window does not exist.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="39"/>
        <source>No such ticket today.</source>
        <translation>No such ticket today.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="40"/>
        <source>No such staff account.</source>
        <translation>No such staff account.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="41"/>
        <source>Nobody is waiting for this window.</source>
        <translation>Nobody is waiting for this window.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="42"/>
        <source>Window %1 is not open. Open it first.</source>
        <translation>Window %1 is not open. Open it first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="43"/>
        <source>Ticket %1 is still at this window. Finish it or mark it no-show first.</source>
        <translation>Ticket %1 is still at this window. Finish it or mark it no-show first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="45"/>
        <source>That is not possible for this ticket at the moment.</source>
        <translation>That is not possible for this ticket at the moment.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="46"/>
        <source>All numbers of this service are in use today.</source>
        <translation>All numbers of this service are in use today.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="47"/>
        <source>This service is not offered right now.</source>
        <translation>This service is not offered right now.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="54"/>
        <source>The ticket printer is out of paper.</source>
        <translation>The ticket printer is out of paper.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="55"/>
        <source>The ticket printer&apos;s cover is open.</source>
        <translation>The ticket printer&apos;s cover is open.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="56"/>
        <source>The ticket printer is offline.</source>
        <translation>The ticket printer is offline.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="57"/>
        <source>The ticket printer is not connected.</source>
        <translation>The ticket printer is not connected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="58"/>
        <source>The ticket printer does not answer.</source>
        <translation>The ticket printer does not answer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="59"/>
        <source>The ticket printer is not set up correctly.</source>
        <translation>The ticket printer is not set up correctly.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="61"/>
        <source>The ticket could not be printed.</source>
        <translation>The ticket could not be printed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="71"/>
        <source>This database was written by a newer BranchDesk. Please update this PC.</source>
        <translation>This database was written by a newer BranchDesk. Please update this PC.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="73"/>
        <source>The database cannot be reached. Please try again, or call IT if it persists.</source>
        <translation>The database cannot be reached. Please try again, or call IT if it persists.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="75"/>
        <source>Something went wrong. Please try again.</source>
        <translation>Something went wrong. Please try again.</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../app/ui/teller/rating.py" line="20"/>
        <source>Please rate our service</source>
        <translation>Please rate our service</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/rating.py" line="31"/>
        <source>How was our service today?</source>
        <translation>How was our service today?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/teller/rating.py" line="44"/>
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/rating.py" line="49"/>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/rating.py" line="61"/>
        <source>Ticket %1 · 1 = poor, 5 = excellent</source>
        <translation>Ticket %1 · 1 = poor, 5 = excellent</translation>
    </message>
</context>
<context>
    <name>RecentTickets</name>
    <message>
        <location filename="../../app/ui/greeter/recent.py" line="25"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/recent.py" line="25"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/recent.py" line="25"/>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/recent.py" line="25"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/recent.py" line="25"/>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/recent.py" line="30"/>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/recent.py" line="31"/>
        <source>Cancel ticket</source>
        <translation>Cancel ticket</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../app/ui/screens.py" line="58"/>
        <source>Greeter</source>
        <translation>Greeter</translation>
    </message>
    <message>
        <location filename="../../app/ui/screens.py" line="59"/>
        <source>Teller window</source>
        <translation>Teller window</translation>
    </message>
    <message>
        <location filename="../../app/ui/screens.py" line="60"/>
        <source>Lobby display</source>
        <translation>Lobby display</translation>
    </message>
    <message>
        <location filename="../../app/ui/screens.py" line="61"/>
        <source>Complaints</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../app/ui/screens.py" line="62"/>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../app/ui/screens.py" line="63"/>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
</context>
<context>
    <name>ServiceButton</name>
    <message numerus="yes">
        <location filename="../../app/ui/greeter/form.py" line="59"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/greeter/form.py" line="61"/>
        <source>%n priority</source>
        <translation>
            <numerusform>%n priority</numerusform>
            <numerusform>%n priority</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffStatus</name>
    <message>
        <location filename="../../app/ui/status.py" line="177"/>
        <source>Printer: %1</source>
        <translation>Printer: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="180"/>
        <source>Keypad window %1 offline</source>
        <translation>Keypad window %1 offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="182"/>
        <source>Display window %1 offline</source>
        <translation>Display window %1 offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="184"/>
        <source>Serial device %1 offline</source>
        <translation>Serial device %1 offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="188"/>
        <source>Keypads and displays: settings not valid (%1)</source>
        <translation>Keypads and displays: settings not valid (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="193"/>
        <source>paper low</source>
        <translation>paper low</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="193"/>
        <source>out of paper</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="194"/>
        <source>cover open</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="194"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="195"/>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="195"/>
        <source>not answering</source>
        <translation>not answering</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="196"/>
        <source>settings not valid (%1)</source>
        <translation>settings not valid (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="203"/>
        <source>Head-office sync not configured</source>
        <translation>Head-office sync not configured</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="205"/>
        <source>Head-office sync switched off on this PC</source>
        <translation>Head-office sync switched off on this PC</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="208"/>
        <source>Head-office sync starting</source>
        <translation>Head-office sync starting</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="210"/>
        <source>Head office: nothing sent yet, %1 records waiting</source>
        <translation>Head office: nothing sent yet, %1 records waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="212"/>
        <source>Head office: last sync %2, %1 records waiting</source>
        <translation>Head office: last sync %2, %1 records waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="215"/>
        <source>; last error: %1</source>
        <translation>; last error: %1</translation>
    </message>
</context>
<context>
    <name>TellerScreen</name>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="50"/>
        <source>BranchDesk - Teller</source>
        <translation>BranchDesk - Teller</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="65"/>
        <source>Teller window</source>
        <translation>Teller window</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="79"/>
        <location filename="../../app/ui/teller/screen.py" line="199"/>
        <source>Open window</source>
        <translation>Open window</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="81"/>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="89"/>
        <source>At the window</source>
        <translation>At the window</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="96"/>
        <source>Waiting for this window</source>
        <translation>Waiting for this window</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="97"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="97"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="97"/>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="97"/>
        <source>Waited</source>
        <translation>Waited</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="101"/>
        <source>Today at this window</source>
        <translation>Today at this window</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="116"/>
        <source>Call next</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="117"/>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="118"/>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="119"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="120"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="121"/>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="122"/>
        <source>Pause / Resume</source>
        <translation>Pause / Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="123"/>
        <source>Call selected</source>
        <translation>Call selected</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="136"/>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="136"/>
        <source>Referred elsewhere</source>
        <translation>Referred elsewhere</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="137"/>
        <source>Documents missing</source>
        <translation>Documents missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="137"/>
        <source>Customer left</source>
        <translation>Customer left</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="143"/>
        <source>Break</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="143"/>
        <source>Cash count</source>
        <translation>Cash count</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="143"/>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="143"/>
        <source>System fault</source>
        <translation>System fault</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="144"/>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="144"/>
        <source>Transfer to</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="145"/>
        <source>Pause reason</source>
        <translation>Pause reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="163"/>
        <source>Window %1 · %2</source>
        <translation>Window %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="161"/>
        <location filename="../../app/ui/teller/screen.py" line="170"/>
        <source>Window %1</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="199"/>
        <source>Close window</source>
        <translation>Close window</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="201"/>
        <source>Press F1 to call the next customer.</source>
        <translation>Press F1 to call the next customer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="202"/>
        <source>called %1 times</source>
        <translation>called %1 times</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="203"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="204"/>
        <source>Served: %1</source>
        <translation>Served: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="205"/>
        <source>Average service time: %1</source>
        <translation>Average service time: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="206"/>
        <source>No-shows: %1</source>
        <translation>No-shows: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="208"/>
        <source>Waiting: %1</source>
        <translation>Waiting: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="222"/>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="222"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="279"/>
        <location filename="../../app/ui/teller/screen.py" line="286"/>
        <source>Calling %1.</source>
        <translation>Calling %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="284"/>
        <source>Select a ticket in the waiting list first.</source>
        <translation>Select a ticket in the waiting list first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="289"/>
        <source>Calling %1 again.</source>
        <translation>Calling %1 again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="292"/>
        <source>%1 marked as no-show.</source>
        <translation>%1 marked as no-show.</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="298"/>
        <source>%1 finished.</source>
        <translation>%1 finished.</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="306"/>
        <source>Thank you: %1 rated %2 of 5.</source>
        <translation>Thank you: %1 rated %2 of 5.</translation>
    </message>
    <message>
        <location filename="../../app/ui/teller/screen.py" line="319"/>
        <source>%1 transferred.</source>
        <translation>%1 transferred.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="105"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="13"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="14"/>
        <source>Transferred</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="15"/>
        <source>Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="16"/>
        <source>Serving</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="17"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="18"/>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="19"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="20"/>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="28"/>
        <source>Elderly</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="29"/>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="30"/>
        <source>Pregnant</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="32"/>
        <source>Special needs</source>
        <translation>Special needs</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="33"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="33"/>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="39"/>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="40"/>
        <source>Print failed</source>
        <translation>Print failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="41"/>
        <source>Not printed</source>
        <translation>Not printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="42"/>
        <source>Voided</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="48"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="48"/>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../app/ui/texts.py" line="48"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>TicketResult</name>
    <message>
        <location filename="../../app/ui/greeter/result.py" line="24"/>
        <source>Last ticket</source>
        <translation>Last ticket</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/result.py" line="34"/>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/greeter/result.py" line="52"/>
        <source>%n ahead</source>
        <translation>
            <numerusform>%n ahead</numerusform>
            <numerusform>%n ahead</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/result.py" line="53"/>
        <source>about %1 min</source>
        <translation>about %1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/result.py" line="58"/>
        <source>Printing %1 …</source>
        <translation>Printing %1 …</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/result.py" line="59"/>
        <source>Ticket %1 printed.</source>
        <translation>Ticket %1 printed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/result.py" line="60"/>
        <source>Ticket %1 was not printed.</source>
        <translation>Ticket %1 was not printed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/greeter/result.py" line="61"/>
        <source>No ticket printer is set up: tell the customer the number.</source>
        <translation>No ticket printer is set up: tell the customer the number.</translation>
    </message>
</context>
</TS>
