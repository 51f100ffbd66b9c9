"""`python -m analysis ...`: the Stancemap command line."""

import sys

from analysis.cli import main

sys.exit(main())
