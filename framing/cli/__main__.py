"""``python -m framing.cli``: the ``framing`` command without the console script."""

from __future__ import annotations

import sys

from framing.cli import main

sys.exit(main())
