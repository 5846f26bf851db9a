"""The federation back office: membership history, subcontracts under hub contracts, consultation
activity from practice clinical systems, and the monthly close.
"""
