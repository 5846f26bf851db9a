"""Governance: people, registers of interests, gifts and hospitality, committees, decision items
screened for conflicts, decisions and the public registers.
"""
