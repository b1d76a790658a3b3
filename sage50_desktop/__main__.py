import sys

from sage50_desktop.app import main

sys.exit(main())
