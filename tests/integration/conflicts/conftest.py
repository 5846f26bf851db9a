from tests.integration.conflicts.support import client, env

__all__ = ["client", "env"]
