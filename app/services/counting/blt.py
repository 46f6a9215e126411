"""Read and write ballot files in the ``.blt`` format (Hill, Wichmann & Woodall 1987).

Accepted beyond the classic grammar, because real files have them: lines padded
with spaces, a UTF-8 byte-order mark, ``#`` comments, a withdrawn line of negative
numbers, Droop-style option lines ``[nick …]``, ``[withdrawn …]``, ``[tie …]`` (any
other ``[…]`` line is ignored), nicknames in ballots, ballot ids ``(id)``, and
anything after the title (Wichmann's source/comment lines). Ballots with no
preferences are kept in the file's data and counted as invalid by every method
(ERS97 6.9: a paper with no first preference is invalid; Droop and the Scottish
count skip them too). Equal rankings (``2=4``) and skipped ranks (``-``) are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import UserError


@dataclass(frozen=True)
class Election:
    """What a ballot file says: candidates, seats and the ballots as written.

    Candidates are numbered from 0 here (the file numbers them from 1). Each ballot
    is ``(weight, preferences)``; withdrawn candidates are still in the ballots and
    are passed over when counting.
    """

    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[tuple[int, tuple[int, ...]], ...]
    withdrawn: frozenset[int] = frozenset()
    title: str = ""
    tie_order: tuple[int, ...] = ()
    nicknames: tuple[str, ...] = field(default=())

    @property
    def papers(self) -> int:
        """The number of ballot papers in the file (weights added up)."""
        return sum(weight for weight, _ in self.ballots)


_TOKEN = re.compile(r'"[^"]*"|\S+')


class _Tokens:
    """The file as (line number, token) pairs, comments removed."""

    def __init__(self, text: str) -> None:
        self.items: list[tuple[int, str]] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0] if '"' not in raw else raw
            for match in _TOKEN.finditer(line):
                self.items.append((number, match.group(0)))
        self.pos = 0
        self.last_line = len(text.splitlines())

    def peek(self) -> tuple[int, str] | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def take(self, what: str) -> tuple[int, str]:
        item = self.peek()
        if item is None:
            raise UserError(f"line {self.last_line}: the file ends before {what}.")
        self.pos += 1
        return item


def _whole(line: int, token: str, what: str) -> int:
    try:
        return int(token)
    except ValueError:
        raise UserError(f"line {line}: expected {what}, found '{token}'.") from None


def _option_line(tokens: _Tokens) -> tuple[int, list[str]]:
    """Read a ``[name args…]`` option that may span tokens up to ``]``."""
    line, first = tokens.take("the end of an option line")
    words: list[str] = []
    text = first[1:]
    while True:
        if text.endswith("]"):
            if text[:-1]:
                words.append(text[:-1])
            return line, words
        if text:
            words.append(text)
        _, text = tokens.take("']' closing an option line")


def parse_blt(text: str) -> Election:
    """Parse the text of a ``.blt`` file.

    Raises:
        UserError: with the line number and what is wrong, in plain English.
    """
    tokens = _Tokens(text.lstrip("\ufeff"))
    line, token = tokens.take("the number of candidates")
    ncand = _whole(line, token, "the number of candidates")
    line, token = tokens.take("the number of seats")
    seats = _whole(line, token, "the number of seats")
    if ncand < 1:
        raise UserError(f"line {line}: there must be at least one candidate.")
    if seats < 1:
        raise UserError(f"line {line}: there must be at least one seat to fill.")
    if seats > ncand:
        raise UserError(f"line {line}: {seats} seats but only {ncand} candidates.")

    nicks: list[str] = []
    withdrawn: set[int] = set()
    tie_order: list[int] = []
    pending_withdrawn: list[tuple[int, str]] = []
    pending_tie: list[tuple[int, str]] = []

    def candidate(line: int, token: str) -> int:
        if token in nicks:
            return nicks.index(token)
        number = _whole(line, token, "a candidate number")
        if not 1 <= number <= ncand:
            raise UserError(f"line {line}: candidate {number} does not exist (there are {ncand}).")
        return number - 1

    # Options and the withdrawn line come before the ballots.
    while (item := tokens.peek()) is not None:
        line, token = item
        if token.startswith("["):
            line, words = _option_line(tokens)
            if not words:
                continue
            name, args = words[0].lower(), words[1:]
            if name == "nick":
                if len(args) != ncand:
                    raise UserError(
                        f"line {line}: [nick] names {len(args)} candidates; there are {ncand}."
                    )
                nicks = args
            elif name == "withdrawn":
                pending_withdrawn += [(line, a) for a in args]
            elif name == "tie":
                pending_tie += [(line, a) for a in args]
            continue
        if token.startswith("-") and token[1:].isdigit():
            tokens.pos += 1
            withdrawn.add(candidate(line, token[1:]))
            continue
        break
    withdrawn |= {candidate(line, token) for line, token in pending_withdrawn}
    tie_order = [candidate(line, token) for line, token in pending_tie]

    ballots: list[tuple[int, tuple[int, ...]]] = []
    while True:
        line, token = tokens.take("the 0 that ends the ballots")
        if token.startswith("(") and token.endswith(")"):
            line, token = tokens.take("a ballot weight")
        if "." in token:
            raise UserError(f"line {line}: ballot weights must be whole numbers, not '{token}'.")
        weight = _whole(line, token, "a ballot weight or the 0 that ends the ballots")
        if weight == 0:
            break
        if weight < 0:
            raise UserError(f"line {line}: a ballot weight cannot be negative ({weight}).")
        prefs: list[int] = []
        while True:
            pline, ptoken = tokens.take("the 0 that ends a ballot")
            if pline != line and ptoken != "0":
                raise UserError(f"line {line}: this ballot does not end with 0.")
            if ptoken == "0":
                break
            if "=" in ptoken or ptoken == "-":
                raise UserError(
                    f"line {line}: equal or skipped rankings ('{ptoken}') are not supported."
                )
            choice = candidate(pline, ptoken)
            if choice in prefs:
                raise UserError(
                    f"line {line}: candidate {choice + 1} is given more than one preference "
                    "on this ballot."
                )
            prefs.append(choice)
        ballots.append((weight, tuple(prefs)))

    names: list[str] = []
    for _ in range(ncand):
        line, token = tokens.take(f"the names of all {ncand} candidates")
        names.append(_unquote(line, token, "a candidate's name in quotes"))
    title = ""
    if (item := tokens.peek()) is not None:
        title = _unquote(item[0], item[1], "the title in quotes")
    # Anything after the title (source, comment, first-preference notes) is ignored.
    return Election(
        candidates=tuple(names),
        seats=seats,
        ballots=tuple(ballots),
        withdrawn=frozenset(withdrawn),
        title=title,
        tie_order=tuple(tie_order),
        nicknames=tuple(nicks),
    )


def _unquote(line: int, token: str, what: str) -> str:
    if len(token) >= 2 and token.startswith('"') and token.endswith('"'):
        return token[1:-1]
    if token.lstrip("-").isdigit():
        raise UserError(f"line {line}: expected {what}, found the number {token}.")
    return token  # an unquoted one-word name (OpenTally, DrooPHP)


def read_blt(path: Path) -> Election:
    """Read a ``.blt`` file from disk (UTF-8, with or without a byte-order mark)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"There is no ballot file at '{path}'.") from None
    except UnicodeDecodeError:
        raise UserError(f"'{path}' is not a text ballot file (it is not UTF-8).") from None
    return parse_blt(text)


def write_blt(election: Election) -> str:
    """The election as classic ``.blt`` text (no extensions except ``[tie]``)."""
    lines = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        lines.append(" ".join(f"-{c + 1}" for c in sorted(election.withdrawn)))
    if election.tie_order:
        lines.append("[tie " + " ".join(str(c + 1) for c in election.tie_order) + "]")
    for weight, prefs in election.ballots:
        lines.append(" ".join([str(weight), *(str(c + 1) for c in prefs), "0"]))
    lines.append("0")
    for name in election.candidates:
        if '"' in name:
            raise UserError(f"The name {name!r} cannot be written: it contains a double quote.")
        lines.append(f'"{name}"')
    lines.append(f'"{election.title}"')
    return "\n".join(lines) + "\n"
