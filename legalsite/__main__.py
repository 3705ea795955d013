"""``python -m legalsite``."""

import sys

from legalsite.cli import main

sys.exit(main())
