"""The commissioner's system of record: organisations (practices, federations, CCGs, NHS England,
trusts) and the contracts that bind them, with their variations.
"""
