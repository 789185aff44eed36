"""Zoom's signed webhooks: receive them, store them durably, then act on them.

signature.py      verify `x-zm-signature`, answer the URL validation
events.py         what a delivery is about, and its dedupe key
db.py, inbox.py   the SQLite inbox (committed before the 200 goes back)
receiver.py       the WSGI app; server.py runs it with the worker
processor.py      the worker: dedupe, order, ledger, auto-approval, live store
registrations.py  registration events into the ledger; the auto-approval rules
livestore.py, snapshot.py   live attendance (drawn by cli/render/live.py)
samples.py        signed sample events (`wmdctl webhooks trigger`)
"""
