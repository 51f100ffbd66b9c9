"""`python -m bench ...`: Stancemap's benchmarks."""

import sys

from bench import main

sys.exit(main())
