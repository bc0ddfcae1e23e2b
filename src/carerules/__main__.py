"""``python -m carerules``: the command-line report."""

from carerules._cli import main

raise SystemExit(main())
