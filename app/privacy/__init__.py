"""Personal data: field encryption, the branch's data key, retention and
erasure, the access log. No Qt.

- ``crypto``: AES-GCM with keys derived from one branch data key; every
  ciphertext names its key version (``k3:...``).
- ``keys``: the data key's versions (table ``privacy_keys``) and where this PC
  keeps the key itself (a machine-wide file outside the database).
- ``vault``: sealing and opening fields inside a transaction, the phone index.
- ``personal``: what the ticket and complaint services call (seal on write,
  open in the audited personal-data views, masked forms for everything else).
- ``masking``: the masked forms shown on screens and lists.
- ``access``: the access log (decrypting views, backups, keys, purges, logins).
- ``retention``: erasure after the retention periods and on a customer's request.
- ``rotation``: a new key version, the rows re-encrypted in small batches.
- ``transfer``: the passphrase-wrapped key export and import.
- ``backups``: encrypted backup files.
- ``credentials``: passwords kept out of URLs, settings files and messages.
"""
