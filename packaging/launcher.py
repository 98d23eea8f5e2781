"""Entry point of the bundled application: the same `mizan` command as `pip install` gives."""

from desktop.cli import main

raise SystemExit(main())
