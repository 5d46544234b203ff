import sys

from xladdin.cli import main

sys.exit(main())
