"""The conflicts domain: pure rules and models, no I/O."""
