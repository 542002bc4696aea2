"""Container health check: GET http://127.0.0.1:$PKRAFT_HEALTH_PORT<path> (stdlib only).

``python /opt/pkraft/healthcheck.py`` checks ``/healthz`` (the image's HEALTHCHECK);
compose passes ``/readyz`` so that ``service_healthy`` means ready. Exit 0 when the
answer is 200, else 1.
"""

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
    port = os.environ.get("PKRAFT_HEALTH_PORT", "8000")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=4) as answer:
            return 0 if answer.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
