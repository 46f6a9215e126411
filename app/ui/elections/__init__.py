"""The Board & Elections area: the board, its officers, and elections from set-up to declaration."""
