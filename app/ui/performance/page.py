"""The Performance page: indicators, reach, community projects, project ballots, surveys, and social
value with the annual report's words, each a tab; re-read when anything is recorded."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.services.accounts.roles import Permission
from app.ui.context import PageContext
from app.ui.forms import named
from app.ui.ops import Change
from app.ui.pages import heading
from app.ui.performance.ballots_tab import BallotsTab
from app.ui.performance.indicators_tab import IndicatorsTab
from app.ui.performance.projects_tab import ProjectsTab
from app.ui.performance.reach_tab import ReachTab
from app.ui.performance.surveys_tab import SurveysTab
from app.ui.performance.value_tab import ValueTab


class PerformancePage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName("Performance")
        actor = ctx.user.actor
        can_change = actor.can(Permission.EDIT_PERFORMANCE) and not ctx.read_only
        money = (can_change or actor.can(Permission.EDIT_FINANCE)) and not ctx.read_only
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Performance"))
        self.tabs = named(QTabWidget(), "Performance")
        self.indicators = IndicatorsTab(ctx, can_change)
        self.reach = ReachTab(ctx, can_change)
        self.projects = ProjectsTab(ctx, money)
        self.ballots = BallotsTab(ctx, can_change)
        self.surveys = SurveysTab(ctx, can_change)
        self.value = ValueTab(ctx, money)  # the treasurer writes words too
        for tab, title in (
            (self.indicators, "&Indicators"),
            (self.reach, "R&each"),
            (self.projects, "&Projects"),
            (self.ballots, "Ba&llots"),
            (self.surveys, "Sur&veys"),
            (self.value, "Social value && &annual report"),
        ):
            self.tabs.addTab(tab, title)
        layout.addWidget(self.tabs, 1)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    def refresh(self) -> None:
        for tab in (
            self.indicators,
            self.reach,
            self.projects,
            self.ballots,
            self.surveys,
            self.value,
        ):
            tab.refresh()

    def _on_bus_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.PERFORMANCE, Change.FINANCE, Change.DATABASE}:
            self.refresh()
