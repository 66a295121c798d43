"""``python -m game`` runs the ``partnership`` command."""

import sys

from .cli import main

sys.exit(main())
