"""The money: a double-entry ledger, payment schedules, payment runs, the distribution of a hub's
income to the practices that did the work (by the activity it pays for, whenever it arrives),
restatements of periods already paid, and remittance statements.
"""
