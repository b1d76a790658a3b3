<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>ResendDialog</name>
    <message numerus="yes">
      <source>%n order(s) in this file were already accepted on this connection.</source>
      <translation>
        <numerusform>%n order in this file was already accepted on this connection.</numerusform>
        <numerusform>%n orders in this file were already accepted on this connection.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>and %n more</source>
      <translation>
        <numerusform>and %n more</numerusform>
        <numerusform>and %n more</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Send %n order(s) again</source>
      <translation>
        <numerusform>Send %n order again</numerusform>
        <numerusform>Send %n orders again</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Activity</name>
    <message numerus="yes">
      <source>%n record(s) stored</source>
      <translation>
        <numerusform>%n record stored</numerusform>
        <numerusform>%n records stored</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n record(s)</source>
      <translation>
        <numerusform>%n record</numerusform>
        <numerusform>%n records</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Versions</name>
    <message numerus="yes">
      <source>Version %1, downloaded %2, %n record(s)</source>
      <translation>
        <numerusform>Version %1, downloaded %2, %n record</numerusform>
        <numerusform>Version %1, downloaded %2, %n records</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <source>%n upload(s) are still being tracked.</source>
      <translation>
        <numerusform>%n upload is still being tracked.</numerusform>
        <numerusform>%n uploads are still being tracked.</numerusform>
      </translation>
    </message>
  </context>
</TS>
