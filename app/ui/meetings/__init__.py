"""The Meetings area: meetings, agendas, attendance and the live quorum, minutes."""
