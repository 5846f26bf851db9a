"""The payments domain: pure rules and models, no I/O."""
