<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>AppointmentBook</name>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="54" />
      <source>Appointments</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="63" />
      <source>Customer name (optional)</source>
      <translation type="unfinished">Customer name (optional)</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="64" />
      <source>Phone (optional)</source>
      <translation>Phone (optional)</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="65" />
      <source>Booking reference (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="66" />
      <source>Book</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="68" />
      <source>Day</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="68" />
      <location filename="../../app/ui/beyond/book.py" line="82" />
      <source>Service</source>
      <translation>Service</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="69" />
      <location filename="../../app/ui/beyond/book.py" line="82" />
      <source>Slot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="82" />
      <source>Customer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="83" />
      <source>Reference</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="83" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="83" />
      <source>Ticket</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="92" />
      <source>Cancel the selected appointment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="93" />
      <source>Import from the booking system...</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="94" />
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="131" />
      <source>%1   %2 of %3 free</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="146" />
      <source>booked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="146" />
      <source>checked in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="146" />
      <source>no-show</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="147" />
      <source>cancelled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="161" />
      <source>Choose a service and a free slot.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="173" />
      <source>Booked: %1 at %2.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="179" />
      <source>Select an appointment first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="186" />
      <source>Appointment %1 cancelled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="189" />
      <source>Import bookings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="190" />
      <source>Bookings (*.csv *.json)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="201" />
      <source>%1 booked, %2 changed, %3 unchanged, %4 refused.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>BranchCard</name>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="44" />
      <source>Within target today</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="46" />
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="48" />
      <source>Issued %1, served %2, open %3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="50" />
      <source>Average wait %1, never called %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="51" />
      <source>Rating %1, complaints %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="53" />
      <source>Updated %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>BroadcastDialog</name>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="215" />
      <source>Message everyone waiting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="218" />
      <source>Sent by text message to every customer still waiting who asked for messages, in their language.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="220" />
      <source>Message in Chinese, e.g. 系统故障，请稍候</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="221" />
      <source>Message in English (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="227" />
      <source>Send</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="229" />
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="250" />
      <source>Messages queued: %1.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CheckInDialog</name>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="37" />
      <source>Appointment check-in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="41" />
      <source>Booking reference, or scan its QR code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="42" />
      <source>Last 4 digits of the phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="43" />
      <source>First character of the name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="46" />
      <source>Find today's appointment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="51" />
      <source>Find</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="61" />
      <source>Check in and issue the ticket</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="65" />
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="83" />
      <source>That slot is full.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="84" />
      <source>No such appointment, or it was cancelled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="88" />
      <source>Give the booking reference, or the last four digits of the phone and the first character of the name.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="91" />
      <source>This appointment cannot be checked in: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="112" />
      <source>No appointment today matches.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="125" />
      <source>booked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="125" />
      <source>window passed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/checkin.py" line="126" />
      <source>checked in (ticket %1)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CustomerForm</name>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="179" />
      <source>Elderly</source>
      <translation>Elderly</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="179" />
      <source>Disabled</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="179" />
      <source>Pregnant</source>
      <translation>Pregnant</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="180" />
      <source>VIP</source>
      <translation>VIP</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="180" />
      <source>Appointment</source>
      <translation>Appointment</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="195" />
      <source>Name (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="225" />
      <location filename="../../app/ui/greeter/form.py" line="226" />
      <source>At most %1 characters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="227" />
      <source>Digits only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="228" />
      <source>7 to 15 digits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="229" />
      <source>Not a mobile number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="196" />
      <source>Phone (optional)</source>
      <translation>Phone (optional)</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="197" />
      <source>What the customer needs (optional)</source>
      <translation>What the customer needs (optional)</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="208" />
      <source>Text this phone when the turn nears (the customer agrees)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>GreeterListActions</name>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="22" />
      <source>Only waiting tickets can be reprinted.</source>
      <translation>Only waiting tickets can be reprinted.</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="35" />
      <source>Cancel ticket %1? The customer loses their place in the queue. Press Cancel ticket again to confirm.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="37" />
      <source>Cancel ticket</source>
      <translation>Cancel ticket</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="60" />
      <source>%1 is back in the queue.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/list_actions.py" line="64" />
      <source>Ticket %1 cancelled.</source>
      <translation>Ticket %1 cancelled.</translation>
    </message>
  </context>
  <context>
    <name>GreeterScreen</name>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="65" />
      <source>BranchDesk - Greeter</source>
      <translation>BranchDesk - Greeter</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="228" />
      <source>Database connection restored.</source>
      <translation>Database connection restored.</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="89" />
      <source>Greeter</source>
      <translation>Greeter</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="101" />
      <location filename="../../app/ui/greeter/screen.py" line="204" />
      <source>Choose a service</source>
      <translation>Choose a service</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="104" />
      <source>One tap issues</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="106" />
      <source>Quick mode: a tap on a service issues its ticket at once, with the priority and details chosen on the right.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="110" />
      <source>Alt+letter chooses a service · Enter issues the ticket</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="121" />
      <location filename="../../app/ui/greeter/screen.py" line="205" />
      <source>Issued today</source>
      <translation>Issued today</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="144" />
      <source>Customer (optional)</source>
      <translation>Customer (optional)</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="147" />
      <source>Issue ticket  (Enter)</source>
      <translation>Issue ticket  (Enter)</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="152" />
      <source>Appointment check-in  (F6)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="250" />
      <source>Choose a service first.</source>
      <translation>Choose a service first.</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="253" />
      <source>Please correct the marked fields; nothing was issued.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="258" />
      <source>No window serves this now. Press Issue ticket again to give the customer a ticket anyway; it prints no waiting time.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="281" />
      <location filename="../../app/ui/screenshots.py" line="112" />
      <source>It is past %1. Press Issue ticket again to give this customer a ticket for today.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="308" />
      <source>Ticket %1 is valid, but its text messages could not be set up: %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="334" />
      <source>Appointment %1 checked in: ticket %2.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/screen.py" line="375" />
      <source>Ticket %1 is valid; press Reprint.</source>
      <translation>Ticket %1 is valid; press Reprint.</translation>
    </message>
  </context>
  <context>
    <name>HqScreen</name>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="68" />
      <source>BranchDesk - Head office</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="71" />
      <source>Head office</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="71" />
      <source>Every branch today</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="78" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="80" />
      <source>All regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/hq/screen.py" line="117" />
      <source>%1 branches, %2 under the %3% goal (%4)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Launcher</name>
    <message>
      <location filename="../../app/ui/shell.py" line="31" />
      <source>BranchDesk</source>
      <translation>BranchDesk</translation>
    </message>
    <message>
      <location filename="../../app/ui/shell.py" line="37" />
      <source>Logged in as %1</source>
      <translation>Logged in as %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/shell.py" line="48" />
      <source>Log out</source>
      <translation>Log out</translation>
    </message>
  </context>
  <context>
    <name>LobbyScreen</name>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="39" />
      <source>Now calling</source>
      <translation>Now calling</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="40" />
      <source>Recent calls</source>
      <translation>Recent calls</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="41" />
      <source>Number</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="42" />
      <source>Window</source>
      <translation>Window</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="43" />
      <source>waiting</source>
      <translation>waiting</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="44" />
      <source>Please go to window %1</source>
      <translation>Please go to window %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/lobby/screen.py" line="81" />
      <source>BranchDesk - Lobby display</source>
      <translation>BranchDesk - Lobby display</translation>
    </message>
  </context>
  <context>
    <name>LoginWindow</name>
    <message>
      <location filename="../../app/ui/login.py" line="25" />
      <source>BranchDesk - Log in</source>
      <translation>BranchDesk - Log in</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="33" />
      <source>BranchDesk</source>
      <translation>BranchDesk</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="38" />
      <source>Username</source>
      <translation>Username</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="39" />
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="43" />
      <source>Log in</source>
      <translation>Log in</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="50" />
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="73" />
      <source>Enter your username and password.</source>
      <translation>Enter your username and password.</translation>
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="80" />
      <source>Too many wrong passwords: try again in %1 seconds.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/login.py" line="83" />
      <source>Unknown user or wrong password.</source>
      <translation>Unknown user or wrong password.</translation>
    </message>
  </context>
  <context>
    <name>ManagerExtras</name>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="257" />
      <source>Appointments and messages</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="258" />
      <source>Appointments...</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/beyond/book.py" line="259" />
      <source>Message everyone waiting...</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Messages</name>
    <message>
      <location filename="../../app/ui/messages.py" line="32" />
      <source>Please check the phone number: 7 to 15 digits, or a valid mobile number.</source>
      <translation>Please check the phone number: 7 to 15 digits, or a valid mobile number.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="33" />
      <source>The name is too long (at most 50 characters).</source>
      <translation>The name is too long (at most 50 characters).</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="34" />
      <source>The note is too long (at most 500 characters).</source>
      <translation>The note is too long (at most 500 characters).</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="35" />
      <source>Please give a short reason for the pause.</source>
      <translation>Please give a short reason for the pause.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="36" />
      <source>Please choose 1 to 5 stars.</source>
      <translation>Please choose 1 to 5 stars.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="42" />
      <source>You are not allowed to do this, or the username or password is wrong.</source>
      <translation>You are not allowed to do this, or the username or password is wrong.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="43" />
      <source>This service does not exist.</source>
      <translation>This service does not exist.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="44" />
      <source>This window does not exist.</source>
      <translation>This window does not exist.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="45" />
      <source>No such ticket today.</source>
      <translation>No such ticket today.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="46" />
      <source>No such staff account.</source>
      <translation>No such staff account.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="47" />
      <source>Nobody is waiting for this window.</source>
      <translation>Nobody is waiting for this window.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="48" />
      <source>Window %1 is not open. Open it first.</source>
      <translation>Window %1 is not open. Open it first.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="49" />
      <source>Ticket %1 is still at this window. Finish it or mark it no-show first.</source>
      <translation>Ticket %1 is still at this window. Finish it or mark it no-show first.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="51" />
      <source>That is not possible for this ticket at the moment.</source>
      <translation>That is not possible for this ticket at the moment.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="52" />
      <source>All numbers of this service are in use today.</source>
      <translation>All numbers of this service are in use today.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="53" />
      <source>This service is not offered right now.</source>
      <translation>This service is not offered right now.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="64" />
      <source>complaint text</source>
      <translation>complaint text</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="65" />
      <source>customer name</source>
      <translation>customer name</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="66" />
      <source>note</source>
      <translation>note</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="67" />
      <source>answer to the customer</source>
      <translation>answer to the customer</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="68" />
      <source>reason</source>
      <translation>reason</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="69" />
      <source>reason for the extension</source>
      <translation>reason for the extension</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="82" />
      <source>The %1 is too long (at most %2 characters).</source>
      <translation>The %1 is too long (at most %2 characters).</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="84" />
      <source>Please fill in the %1.</source>
      <translation>Please fill in the %1.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="87" />
      <source>The time the customer was told cannot be in the future.</source>
      <translation>The time the customer was told cannot be in the future.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="88" />
      <source>The customer cannot be told the answer before the case is resolved.</source>
      <translation>The customer cannot be told the answer before the case is resolved.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="90" />
      <location filename="../../app/ui/messages.py" line="91" />
      <source>Please choose an entry from the list.</source>
      <translation>Please choose an entry from the list.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="92" />
      <source>Please choose how the customer was told.</source>
      <translation>Please choose how the customer was told.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="93" />
      <source>Please choose why the clock is paused.</source>
      <translation>Please choose why the clock is paused.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="94" />
      <source>Please check the email address.</source>
      <translation>Please check the email address.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="95" />
      <source>A complaint needs a phone number or an email address to answer the customer.</source>
      <translation>A complaint needs a phone number or an email address to answer the customer.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="96" />
      <source>The time received cannot be in the future.</source>
      <translation>The time received cannot be in the future.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="97" />
      <source>Please choose categories from the list.</source>
      <translation>Please choose categories from the list.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="98" />
      <source>Say whether the suggestion was adopted before closing it.</source>
      <translation>Say whether the suggestion was adopted before closing it.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="99" />
      <source>This staff member does not handle complaints; choose another.</source>
      <translation>This staff member does not handle complaints; choose another.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="100" />
      <source>Please choose the customer's satisfaction, 1 to 5.</source>
      <translation>Please choose the customer's satisfaction, 1 to 5.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="101" />
      <source>The regulatory limit is already at its maximum of 60 days.</source>
      <translation>The regulatory limit is already at its maximum of 60 days.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="102" />
      <source>The closing time should look like 17:00.</source>
      <translation>The closing time should look like 17:00.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="103" />
      <source>Choose a month (such as 2026-11) or a quarter (such as 2026Q4).</source>
      <translation>Choose a month (such as 2026-11) or a quarter (such as 2026Q4).</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="104" />
      <source>Choose a month such as 2026-11.</source>
      <translation>Choose a month such as 2026-11.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="105" />
      <source>Choose a quarter such as 2026Q4.</source>
      <translation>Choose a quarter such as 2026Q4.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="106" />
      <source>A category's deadline is 1 to 30 working days.</source>
      <translation>A category's deadline is 1 to 30 working days.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="113" />
      <source>received</source>
      <translation>received</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="114" />
      <source>acknowledged</source>
      <translation>acknowledged</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="115" />
      <source>in progress</source>
      <translation>in progress</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="116" />
      <source>paused</source>
      <translation>paused</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="117" />
      <source>resolved</source>
      <translation>resolved</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="118" />
      <source>customer notified</source>
      <translation>customer notified</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="119" />
      <source>closed</source>
      <translation>closed</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="128" />
      <source>The working-day calendar for %1 is not known yet: enter the branch's holidays and make-up working days for %1 first.</source>
      <translation>The working-day calendar for %1 is not known yet: enter the branch's holidays and make-up working days for %1 first.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="131" />
      <source>The working-day calendar does not reach that far yet.</source>
      <translation>The working-day calendar does not reach that far yet.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="133" />
      <source>There is no complaint case %1.</source>
      <translation>There is no complaint case %1.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="136" />
      <source>acknowledged</source>
      <comment>complaint step</comment>
      <translation>acknowledged</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="137" />
      <source>started</source>
      <comment>complaint step</comment>
      <translation>started</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="138" />
      <source>paused</source>
      <comment>complaint step</comment>
      <translation>paused</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="139" />
      <source>resumed</source>
      <comment>complaint step</comment>
      <translation>resumed</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="140" />
      <source>answered</source>
      <comment>complaint step</comment>
      <translation>answered</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="141" />
      <source>marked as notified</source>
      <comment>complaint step</comment>
      <translation>marked as notified</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="142" />
      <source>closed</source>
      <comment>complaint step</comment>
      <translation>closed</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="143" />
      <source>reopened</source>
      <comment>complaint step</comment>
      <translation>reopened</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="146" />
      <source>This case is %1, so it cannot be %2 now.</source>
      <translation>This case is %1, so it cannot be %2 now.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="148" />
      <source>This case is closed, so that is not possible any more.</source>
      <translation>This case is closed, so that is not possible any more.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="156" />
      <source>That day is in the future; choose today or an earlier day.</source>
      <translation>That day is in the future; choose today or an earlier day.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="157" />
      <source>Choose a range that ends after it starts, of at most three years.</source>
      <translation>Choose a range that ends after it starts, of at most three years.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="159" />
      <source>The report was not written there; choose another folder or file name.</source>
      <translation>The report was not written there; choose another folder or file name.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="165" />
      <source>The ticket printer is out of paper.</source>
      <translation>The ticket printer is out of paper.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="166" />
      <source>The ticket printer's cover is open.</source>
      <translation>The ticket printer's cover is open.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="167" />
      <source>The ticket printer is offline.</source>
      <translation>The ticket printer is offline.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="168" />
      <source>The ticket printer is not connected.</source>
      <translation>The ticket printer is not connected.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="169" />
      <source>The ticket printer does not answer.</source>
      <translation>The ticket printer does not answer.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="170" />
      <source>The ticket printer is not set up correctly.</source>
      <translation>The ticket printer is not set up correctly.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="172" />
      <source>The ticket could not be printed.</source>
      <translation>The ticket could not be printed.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="182" />
      <source>This database was written by a newer BranchDesk. Please update this PC.</source>
      <translation>This database was written by a newer BranchDesk. Please update this PC.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="184" />
      <source>The database cannot be reached. Please try again, or call IT if it persists.</source>
      <translation>The database cannot be reached. Please try again, or call IT if it persists.</translation>
    </message>
    <message>
      <location filename="../../app/ui/messages.py" line="186" />
      <source>Something went wrong. Please try again.</source>
      <translation>Something went wrong. Please try again.</translation>
    </message>
  </context>
  <context>
    <name>RecentTickets</name>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Number</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Service</source>
      <translation>Service</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Issued</source>
      <translation>Issued</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="27" />
      <source>Printed</source>
      <translation>Printed</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="33" />
      <source>Reprint</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="34" />
      <source>Back in queue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/recent.py" line="36" />
      <source>Cancel ticket</source>
      <translation>Cancel ticket</translation>
    </message>
  </context>
  <context>
    <name>Screens</name>
    <message>
      <location filename="../../app/ui/screens.py" line="58" />
      <source>Greeter</source>
      <translation>Greeter</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="59" />
      <source>Teller window</source>
      <translation>Teller window</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="60" />
      <source>Lobby display</source>
      <translation>Lobby display</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="61" />
      <source>Rating pad</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="62" />
      <source>Complaints</source>
      <translation>Complaints</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="63" />
      <source>Manager</source>
      <translation>Manager</translation>
    </message>
    <message>
      <location filename="../../app/ui/screens.py" line="64" />
      <source>Administration</source>
      <translation>Administration</translation>
    </message>
  </context>
  <context>
    <name>ServiceButton</name>
    <message numerus="yes">
      <location filename="../../app/ui/greeter/form.py" line="73" />
      <source>%n waiting</source>
      <translation>
        <numerusform>%n waiting</numerusform>
        <numerusform>%n waiting</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../app/ui/greeter/form.py" line="75" />
      <source>%n priority</source>
      <translation>
        <numerusform>%n priority</numerusform>
        <numerusform>%n priority</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="78" />
      <source>no window open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="82" />
      <source>about %1 min</source>
      <translation>about %1 min</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/form.py" line="84" />
      <source>may not be served today</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>StaffStatus</name>
    <message>
      <location filename="../../app/ui/status.py" line="217" />
      <source>Printer: %1</source>
      <translation>Printer: %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="220" />
      <source>Keypad window %1 offline</source>
      <translation>Keypad window %1 offline</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="222" />
      <source>Display window %1 offline</source>
      <translation>Display window %1 offline</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="224" />
      <source>Serial device %1 offline</source>
      <translation>Serial device %1 offline</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="228" />
      <source>Keypads and displays: settings not valid (%1)</source>
      <translation>Keypads and displays: settings not valid (%1)</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="233" />
      <source>paper low</source>
      <translation>paper low</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="233" />
      <source>out of paper</source>
      <translation>out of paper</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="234" />
      <source>cover open</source>
      <translation>cover open</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="234" />
      <source>offline</source>
      <translation>offline</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="235" />
      <source>not connected</source>
      <translation>not connected</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="235" />
      <source>not answering</source>
      <translation>not answering</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="236" />
      <source>settings not valid (%1)</source>
      <translation>settings not valid (%1)</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="245" />
      <source>Head-office sync not configured</source>
      <translation>Head-office sync not configured</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="247" />
      <source>Head-office sync switched off on this PC</source>
      <translation>Head-office sync switched off on this PC</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="250" />
      <source>Head-office sync starting</source>
      <translation>Head-office sync starting</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="252" />
      <source>Head office: nothing sent yet, %1 records waiting</source>
      <translation>Head office: nothing sent yet, %1 records waiting</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="254" />
      <source>Head office: last sync %2, %1 records waiting</source>
      <translation>Head office: last sync %2, %1 records waiting</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="257" />
      <source>; last error: %1</source>
      <translation>; last error: %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="264" />
      <source>the connection to head office timed out</source>
      <translation>the connection to head office timed out</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="265" />
      <source>head office refused the connection (server down or wrong address)</source>
      <translation>head office refused the connection (server down or wrong address)</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="266" />
      <source>head office did not accept the branch password</source>
      <translation>head office did not accept the branch password</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="267" />
      <source>head office refused this branch's rows (permission)</source>
      <translation>head office refused this branch's rows (permission)</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="268" />
      <source>head office's address cannot be found; check the network</source>
      <translation>head office's address cannot be found; check the network</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="269" />
      <source>the secure connection to head office failed: %1</source>
      <translation>the secure connection to head office failed: %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="270" />
      <source>the connection to head office was lost</source>
      <translation>the connection to head office was lost</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="271" />
      <source>the head-office password file %1 does not exist</source>
      <translation>the head-office password file %1 does not exist</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="272" />
      <source>the password file %1 can be read by other accounts (chmod 600)</source>
      <translation>the password file %1 can be read by other accounts (chmod 600)</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="273" />
      <source>the head-office password file %1 is empty</source>
      <translation>the head-office password file %1 is empty</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="274" />
      <source>sync is switched off on this PC</source>
      <translation>sync is switched off on this PC</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="275" />
      <source>sync is not set up</source>
      <translation>sync is not set up</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="276" />
      <source>sync with head office failed: %1</source>
      <translation>sync with head office failed: %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="288" />
      <source>Database unreachable: showing the last known state; trying again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="290" />
      <source>ahead of</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="290" />
      <source>behind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="291" />
      <source>This PC's clock is %1 s %2 the database's; set it right</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="237" />
      <source>not set up, numbers on screen only</source>
      <translation>not set up, numbers on screen only</translation>
    </message>
    <message>
      <location filename="../../app/ui/status.py" line="238" />
      <source>simulated, pictures only, no paper</source>
      <translation>simulated, pictures only, no paper</translation>
    </message>
  </context>
  <context>
    <name>TellerActions</name>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="34" />
      <source>Close window %1? Customers waiting for it stay in the queue. Press Close window again to confirm.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="36" />
      <source>Close window</source>
      <translation>Close window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="49" />
      <location filename="../../app/ui/teller/actions.py" line="61" />
      <source>Calling %1.</source>
      <translation>Calling %1.</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="59" />
      <source>Select a ticket in the waiting list first.</source>
      <translation>Select a ticket in the waiting list first.</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="64" />
      <source>Calling %1 again.</source>
      <translation>Calling %1 again.</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="72" />
      <source>%1 marked as no-show.</source>
      <translation>%1 marked as no-show.</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="73" />
      <source>Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="88" />
      <source>%1 is back: called to this window again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="95" />
      <source>%1 is back in the queue.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="101" />
      <source>%1 finished.</source>
      <translation>%1 finished.</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="113" />
      <source>Choose where to transfer the customer first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/actions.py" line="120" />
      <source>%1 transferred.</source>
      <translation>%1 transferred.</translation>
    </message>
  </context>
  <context>
    <name>TellerKeys</name>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="17" />
      <source>Completed</source>
      <translation type="unfinished">Completed</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="18" />
      <source>Referred elsewhere</source>
      <translation type="unfinished">Referred elsewhere</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="19" />
      <source>Documents missing</source>
      <translation type="unfinished">Documents missing</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="20" />
      <source>Customer left</source>
      <translation type="unfinished">Customer left</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="62" />
      <source>Break</source>
      <translation type="unfinished">Break</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="63" />
      <source>Cash count</source>
      <translation type="unfinished">Cash count</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="64" />
      <source>Meeting</source>
      <translation type="unfinished">Meeting</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="65" />
      <source>System fault</source>
      <translation type="unfinished">System fault</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="67" />
      <source>Outcome (F5)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="68" />
      <source>Transfer to (F6)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="69" />
      <source>Pause reason (F7)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/keys.py" line="85" />
      <source>Choose…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TellerPanels</name>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="54" />
      <source>Show need</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="106" />
      <source>Priority: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="110" />
      <source>called %1 times</source>
      <translation type="unfinished">called %1 times</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/panels.py" line="126" />
      <source>Need: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TellerScreen</name>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="77" />
      <source>BranchDesk - Teller</source>
      <translation>BranchDesk - Teller</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="108" />
      <source>Teller window</source>
      <translation>Teller window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="121" />
      <location filename="../../app/ui/teller/screen.py" line="247" />
      <source>Open window</source>
      <translation>Open window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="124" />
      <source>Window</source>
      <translation>Window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="131" />
      <source>At the window</source>
      <translation>At the window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="152" />
      <source>Waiting for this window</source>
      <translation>Waiting for this window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="154" />
      <source>In the order F1 calls them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="155" />
      <source>Number</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="155" />
      <source>Service</source>
      <translation>Service</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="155" />
      <source>Priority</source>
      <translation>Priority</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="155" />
      <source>Need</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="156" />
      <source>Waited</source>
      <translation>Waited</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="158" />
      <source>Show need note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="161" />
      <source>No-shows at this window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="162" />
      <source>Back in queue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="169" />
      <source>Today at this window</source>
      <translation>Today at this window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="135" />
      <source>Call next</source>
      <translation>Call next</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="136" />
      <source>Recall</source>
      <translation>Recall</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="137" />
      <source>No-show</source>
      <translation>No-show</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="138" />
      <source>Start</source>
      <translation>Start</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="139" />
      <source>Finish</source>
      <translation>Finish</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="140" />
      <source>Transfer</source>
      <translation>Transfer</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="142" />
      <source>Call selected</source>
      <translation>Call selected</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="197" />
      <source>Window %1 · %2</source>
      <translation>Window %1 · %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="195" />
      <location filename="../../app/ui/teller/screen.py" line="201" />
      <source>Window %1</source>
      <translation>Window %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="247" />
      <source>Close window</source>
      <translation>Close window</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="271" />
      <source>Press F1 to call the next customer.</source>
      <translation>Press F1 to call the next customer.</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="254" />
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="257" />
      <source>Served: %1</source>
      <translation>Served: %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="258" />
      <source>Average service time: %1</source>
      <translation>Average service time: %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="259" />
      <source>No-shows: %1</source>
      <translation>No-shows: %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="312" />
      <source>Resume</source>
      <translation>Resume</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="141" />
      <location filename="../../app/ui/teller/screen.py" line="312" />
      <source>Pause</source>
      <translation>Pause</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="253" />
      <source>Waiting for this window: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="266" />
      <source>The window is closed. Open it to call customers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="268" />
      <source>The window is paused. Press F7 to resume.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="270" />
      <source>Nobody is waiting for this window.</source>
      <translation>Nobody is waiting for this window.</translation>
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="283" />
      <source>None today</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="291" />
      <source>Select a customer to see what they need.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/teller/screen.py" line="296" />
      <source>%1 needs: %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/screenshots.py" line="124" />
      <source>%1 marked as no-show.</source>
      <translation>%1 marked as no-show.</translation>
    </message>
    <message>
      <location filename="../../app/ui/screenshots.py" line="125" />
      <source>Undo</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <location filename="../../app/ui/widgets.py" line="132" />
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="13" />
      <source>Waiting</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="14" />
      <source>Transferred</source>
      <translation>Transferred</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="15" />
      <source>Called</source>
      <translation>Called</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="16" />
      <source>Serving</source>
      <translation>Serving</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="17" />
      <source>Done</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="18" />
      <source>No-show</source>
      <translation>No-show</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="19" />
      <source>Cancelled</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="20" />
      <source>Expired</source>
      <translation>Expired</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="28" />
      <source>Elderly</source>
      <translation>Elderly</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="29" />
      <source>Disabled</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="30" />
      <source>Pregnant</source>
      <translation>Pregnant</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="32" />
      <source>Special needs</source>
      <translation>Special needs</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="33" />
      <source>VIP</source>
      <translation>VIP</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="33" />
      <source>Appointment</source>
      <translation>Appointment</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="39" />
      <source>Printed</source>
      <translation>Printed</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="40" />
      <source>Print failed</source>
      <translation>Print failed</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="41" />
      <source>Not printed</source>
      <translation>Not printed</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="42" />
      <source>Voided</source>
      <translation>Voided</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="50" />
      <source>Open</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="50" />
      <source>Paused</source>
      <translation>Paused</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="50" />
      <source>Closed</source>
      <translation>Closed</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="43" />
      <source>On screen only</source>
      <translation>On screen only</translation>
    </message>
    <message>
      <location filename="../../app/ui/texts.py" line="44" />
      <source>Simulated (picture)</source>
      <translation>Simulated (picture)</translation>
    </message>
  </context>
  <context>
    <name>TicketResult</name>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="25" />
      <source>Last ticket</source>
      <translation>Last ticket</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="41" />
      <source>Reprint</source>
      <translation>Reprint</translation>
    </message>
    <message numerus="yes">
      <location filename="../../app/ui/greeter/result.py" line="83" />
      <source>%n ahead</source>
      <translation>
        <numerusform>%n ahead</numerusform>
        <numerusform>%n ahead</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="88" />
      <source>no window serves it now: watch the screen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="90" />
      <source>may not be served today</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="93" />
      <source>about %1 min</source>
      <translation>about %1 min</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="94" />
      <source>about %1-%2 min</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="99" />
      <source>Ticket %1 went to the simulated printer: no paper, a picture in %2.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="103" />
      <source>Printing %1 …</source>
      <translation>Printing %1 …</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="104" />
      <source>Ticket %1 printed.</source>
      <translation>Ticket %1 printed.</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="106" />
      <source>Ticket %1 was not printed.</source>
      <translation>Ticket %1 was not printed.</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="101" />
      <source>Ticket %1 went to the simulated printer: a picture, no paper.</source>
      <translation>Ticket %1 went to the simulated printer: a picture, no paper.</translation>
    </message>
    <message>
      <location filename="../../app/ui/greeter/result.py" line="107" />
      <source>No ticket printer set up: the number is shown on screen only.</source>
      <translation>No ticket printer set up: the number is shown on screen only.</translation>
    </message>
  </context>
  <context>
    <name>Upcoming</name>
    <message>
      <location filename="../../app/ui/beyond/upcoming.py" line="32" />
      <source>Appointments today</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
