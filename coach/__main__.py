"""`python -m coach` works like the `okr-coach` command."""

from coach.cli.main import main

raise SystemExit(main())
