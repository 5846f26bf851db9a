"""The federation domain: pure rules and models, no I/O."""
