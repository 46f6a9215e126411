"""`python -m app` runs the same program as the `mutualdesk` command."""

from app.main import main

raise SystemExit(main())
