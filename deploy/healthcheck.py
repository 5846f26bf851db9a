"""Container health check: exit 0 when the service answers 200 on a health route.

Usage: python healthcheck.py [PATH]   (default /health/live; /health/ready also checks the
database and the broker). Standard library only: the runtime image has no curl.
"""

import os
import sys
import urllib.request

DEFAULT_PATH = "/health/live"


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH
    port = os.environ.get("GPFED_PORT", "8000")
    url = f"http://127.0.0.1:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return 0 if response.status == 200 else 1
    except Exception as exc:
        print(f"{url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
