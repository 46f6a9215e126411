"""The reference: a bare PySide6 program that shows an empty window, then quits."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def main() -> None:
    """Show an empty window and say when it is on screen."""
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    window.show()

    def shown() -> None:
        print("mark first-window", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()


if __name__ == "__main__":
    main()
