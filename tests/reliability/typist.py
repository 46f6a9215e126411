"""A child process for the minutes crash test: a secretary typing the minutes.

Usage: python -m tests.reliability.typist DB_FILE MEETING_ID ITEM_ID

Opens the meeting's window offscreen as the demo administrator, types into the
item's notes one key at a time, and each time the window says "Saved at", prints
``saved <json of the text on screen>``. It types until it is killed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(db_file: str, meeting_id: int, item_id: int) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.services import organisation
    from app.services.accounts import auth
    from app.services.demo import DEMO_PASSWORD
    from app.storage.database import open_database
    from app.ui.context import PageContext
    from app.ui.meetings.window import MeetingWindow
    from app.ui.ops import ChangeBus, OpRunner

    app = QApplication.instance() or QApplication([])
    database = open_database(Path(db_file), daily_backup=False)
    user = auth.sign_in(database.sessions, "admin", DEMO_PASSWORD)
    with database.sessions() as session:
        org = organisation.get(session, user.organisation_id)
    bus = ChangeBus()
    runner = OpRunner(database.sessions, bus)
    state = QSettings(str(Path(db_file).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MeetingWindow(
        PageContext(runner, bus, user, org, database.file, state), None, meeting_id
    )
    window.show()
    for _ in range(50):
        runner.wait()
        app.processEvents()
    tab = window.minutes_tab
    window.tabs.setCurrentWidget(tab)
    tab.focus_item(item_id)
    app.processEvents()
    tab.notes.setFocus()
    words = [
        "The", "lift", "in", "Block", "B", "was", "out", "of", "action", "for", "nine", "days",
    ]  # fmt: skip
    shown = ""
    n = 0
    while True:
        QTest.keyClicks(tab.notes, words[n % len(words)] + " ")
        n += 1
        # A pause every fourth word, as people make: the save started meanwhile ends
        # with nothing typed since, so the window can say "Saved at".
        for _ in range(3 if n % 4 else 25):
            app.processEvents()
            QTest.qWait(15)
        if tab.saved.text().startswith("✔ Saved at") and tab.notes.toPlainText() != shown:
            shown = tab.notes.toPlainText()
            print("saved " + json.dumps(shown), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
