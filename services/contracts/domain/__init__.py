"""The contracts domain: pure rules and models, no I/O."""
