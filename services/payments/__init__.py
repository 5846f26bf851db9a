"""The money: a double-entry ledger, payment schedules, payment runs, the distribution of a hub's
income to the practices that did the work, and remittance statements.
"""
