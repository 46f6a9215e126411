"""Elections without the count: set-up, nominations, the frozen roll, ballot entry, declaration.

The states run draft -> nominations -> ballot -> counting -> declared (a
resolution skips nominations); each change is audited, and once declared
nothing about the election can change.

Ballots are secret. A paper is stored with its batch, the teller who typed it
(1 or 2) and its place in the batch: never a member, never a time. Candidates
on a paper are stored by ballot position, so no foreign key leads from a
ballot to a member (``tests/services/elections/test_ballot_secrecy.py`` walks the keys).
Each batch is typed twice, by different tellers, and counts only once both
agree paper for paper.

The count itself is elsewhere (``app/services/counting``): it reads
``ballots_for_count`` and hands its result to ``declare``; ``seat_winners``
then puts the winners on the board.

"""

from app.models import Election
from app.services.elections.common import (
    ANSWERS,
    ISSUED,
    KINDS,
    METHODS,
    RANKED,
    STATE_LABELS,
    STATEMENT_LENGTH,
    STATES,
    CountInput,
    ElectionDetails,
    ElectionInfo,
    ElectionKind,
    ElectionState,
    Mismatch,
    NominationInfo,
    Paper,
    told_apart,
)
from app.services.elections.nominations import (
    nominate,
    nominations,
    withdraw,
)
from app.services.elections.papers import (
    accept_batch,
    compare_batch,
    enter_batch,
    ranking_from_preferences,
    spoilt_papers,
)
from app.services.elections.roll import (
    Elector,
    freeze_roll,
    issue_paper,
    issue_papers,
    outlook_for,
    roll,
    roll_outlook,
)
from app.services.elections.seam import (
    ballots_for_count,
    candidate_ids,
    declare,
    rolls_of_member,
    seat_winners,
)
from app.services.elections.setup import (
    advance,
    change_election,
    create_election,
    get_election,
    list_elections,
)

__all__ = [
    "ANSWERS",
    "ISSUED",
    "KINDS",
    "METHODS",
    "RANKED",
    "STATEMENT_LENGTH",
    "STATES",
    "STATE_LABELS",
    "CountInput",
    "Election",
    "ElectionDetails",
    "ElectionInfo",
    "ElectionKind",
    "ElectionState",
    "Elector",
    "Mismatch",
    "NominationInfo",
    "Paper",
    "accept_batch",
    "advance",
    "ballots_for_count",
    "candidate_ids",
    "change_election",
    "compare_batch",
    "create_election",
    "declare",
    "enter_batch",
    "freeze_roll",
    "get_election",
    "issue_paper",
    "issue_papers",
    "list_elections",
    "nominate",
    "nominations",
    "outlook_for",
    "ranking_from_preferences",
    "roll",
    "roll_outlook",
    "rolls_of_member",
    "seat_winners",
    "spoilt_papers",
    "told_apart",
    "withdraw",
]
