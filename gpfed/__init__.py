"""The ``gpfed`` command: the one place that knows all four services (the composition root)."""
