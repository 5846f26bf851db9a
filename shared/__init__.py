"""The kernel every gpfed service shares: settings, db, events, bus, money, ods, auth, web."""
