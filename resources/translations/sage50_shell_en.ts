<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Activity</name>
    <message>
        <source>Indexing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check for new versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted (the app was closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press Enter to go to what this concerns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renewed silently before it expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renewed silently after the server refused the old key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taken over from another copy of the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renewed on request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityDock</name>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the whole history as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The local cache was damaged and has been rebuilt; download the data sets again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app cannot write to its data folder {folder} (it is read-only, full or not yours). Free some space or fix its permissions, then start the app again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app's database {path} is damaged ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup exists. Move the file away to start with no connections (they must then be added again), or restore it from your own backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup from {when} exists. Restore it? The damaged file is kept next to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox did not start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionOverviewPage</name>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials kept in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last key renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data sets fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection to the bundled sandbox: nothing you do here reaches a real Sage 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server for the published data sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew &amp;key now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get a new API key now (the app does it by itself before the key expires)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;consent again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data sets (scopes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data set (scope)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data sets of this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none since the app started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed — run the consent step again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory only (sandbox connections get fresh credentials at every start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no credential store is available on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system credential store (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not published yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReportDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The app keeps running, but the last action may not have finished. The report below has no passwords or keys in it; copy it into a message to support. It is also in the log file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>A field is missing or malformed. Check what you entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another copy of the app renewed the key; the app picks up the new one by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network connection and the server address, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent is needed: request a new passcode and ask the Sage 50 administrator to grant access again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent was not granted. Request a new passcode and ask the Sage 50 administrator to approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credential store is available. On Linux install and unlock a Secret Service provider (GNOME Keyring or KWallet); on Windows and macOS the system one is used. To choose a backend explicitly, set PYTHON_KEYRING_BACKEND.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only Sage 50 delivers this data set; it cannot be uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sage 50 has not published this data set yet. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key expired; the app renews it by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key is not valid. Grant consent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application ID is unknown. Copy it again from the registration e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consent does not cover this domain. Ask the Sage 50 administrator to grant it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The developer ID is unknown. Copy it again from the registration e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk that holds the app&apos;s data is full. Free some space, or keep fewer versions per data set in Settings, then download again. The previous version is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download arrived damaged and was discarded. Download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download or upload link expired. Start the operation again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded file is not a valid scope file. The previous version is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file changed or broke while uploading. Upload it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than the platform accepts (256 MiB). Split it into smaller files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passcode is unknown. Request a new passcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform does not know this upload (wrong ID, or too old).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret does not match this passcode. Request a new passcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret must have at least 32 characters; let the app generate one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered something unexpected. Check that the address points at the Sage 50 Cloud API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not answer. Check the address in the connection settings, or start the sandbox, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy or having trouble. The app retries by itself; try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted by this computer. If your company uses its own certificate authority, choose its CA bundle in Settings (Custom CA bundle) or install it in the system&apos;s trust store; otherwise check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection has no stored credentials: run the consent step again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again. If it keeps failing, check the log file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an https:// address, or allow plain HTTP for this connection explicitly in its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credential store is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is having trouble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoBar</name>
    <message>
        <source>Hide this message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No connection yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect this app to a company&apos;s Sage 50: the connection assistant walks you through registration and consent. To look around first, start the app with --sandbox for a test connection with demo data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Test connection&lt;/b&gt; to the bundled sandbox at %1. Nothing done here reaches a real Sage 50. Sandbox credentials are kept in memory only and renewed at every start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Consent needed for “%1”.&lt;/b&gt; Sage 50 withdrew this app&apos;s access, or it has no valid key. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything fetched until %1 stays browsable offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was fetched yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run consent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the activity history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n activity entries exported</source>
        <translation>
            <numerusform>%n activity entry exported</numerusform>
            <numerusform>%n activity entries exported</numerusform>
        </translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export activity as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew API &amp;key now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;consent again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to a&amp;ctivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Administration of a Sage 50 Cloud file-exchange integration: connections, key renewal, published data sets and uploads.&lt;/p&gt;&lt;p&gt;Data: %3&lt;br&gt;Logs: %4&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent for this connection was withdrawn or is missing. Run the consent step again to reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting consent for this connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run consent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server for the published data sets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing fetched yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server which data sets Sage 50 has published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the data fetched on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — showing the data fetched on %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileActions</name>
    <message>
        <source>Rename connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name of the connection “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A connection needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A connection named “%1” exists already. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the connection “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its throwaway sandbox credentials are forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its API key and secret are deleted from the system credential store; to connect again you will need a new consent in Sage 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its local data is deleted too: downloaded data sets, the saved copies of uploaded files and their results, the upload history, the cached listing and its Activity entries. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credentials could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Scopes</name>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-commerce</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Check for new versions every (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download new versions automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions kept per data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy (e.g. http://proxy:3128; empty for none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom CA bundle file (empty for the system&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew the API key this long before it expires (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for a late result file up to (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV exports use &apos;;&apos; (Spanish Excel)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log files: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy, certificate and key renewal changes apply to every connection at once (open connections reconnect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: send files to Sage 50 (upload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not published yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: version %2, published %3; checked %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consent needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections and data sets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>No connection selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last key renewal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key renewal yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No valid API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key: expiry unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key expired (renewed on next use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key expires in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key expires in %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key expires in %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) running</source>
        <translation>
            <numerusform>%n task running</numerusform>
            <numerusform>%n tasks running</numerusform>
        </translation>
    </message>
    <message>
        <source>No tasks running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UploadsPage</name>
    <message>
        <source>Test connection: uploads go to the bundled sandbox, never to a real Sage 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production connection “%1”: uploads reach the real Sage 50 of this company.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WizardLauncher</name>
    <message>
        <source>Connection assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection assistant is not part of this build, so connections cannot be added or consented here. Use the command line (sage50 register / sage50 consent), or start the demo with sage50-desktop --sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
