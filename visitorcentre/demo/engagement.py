"""Demo family engagement: feedback over past weeks, "you said, we did" responses, and the support directory."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, time, timedelta

from visitorcentre.core.support_national import NATIONAL_SERVICES
from visitorcentre.demo.establishments import ESTABLISHMENTS
from visitorcentre.demo.families import demo_id

WEEKS = 12
PER_WEEK = (6, 14)  # feedback left per establishment per week

#: (rating, comment) as families write them; "" leaves the comment out.
ADULT_COMMENTS = (
    (5, "Staff were really kind to my kids."),
    (5, "The family day was the best visit we have had."),
    (5, ""),
    (4, "Good visit. The café was shut though."),
    (4, "Quick to get through the desk today."),
    (4, ""),
    (3, "We waited a long time to get in."),
    (3, "The lockers kept eating my pound coins."),
    (3, "Fine, but the room was very noisy."),
    (2, "Nobody told us the visit was moved to a new time."),
    (2, "The video call kept dropping."),
    (1, "We were turned away because of the ID, nobody told us before."),
    (4, "The induction session helped. I knew what to expect."),
    (5, "Thank you for helping with the bus fares."),
)
CHILD_COMMENTS = (
    (5, "I liked playing with dad."),
    (5, "The homework club was fun."),
    (4, "I got to draw a picture for my mum."),
    (3, "It was too short."),
    (2, "I was bored waiting."),
    (5, ""),
    (4, "The toys were good."),
)
NAMES = ("Lorraine", "Shona M.", "Tariq", "Kasia", "Jamie's mum", "Brian")
KINDS = (
    "standard",
    "standard",
    "standard",
    "family",
    "child_centred",
    "homework_club",
    "family_day",
    "virtual",
    "induction",
)

#: (theme, you said, we did), newest first.
RESPONSES = (
    (
        "Waiting at the desk",
        "You waited too long to be checked in before the afternoon visits.",
        "We open the desk 15 minutes earlier on busy days, and a second worker checks families in.",
    ),
    (
        "Lockers",
        "The lockers kept your pound coins and some were broken.",
        "The lockers were repaired; the desk now lends tokens if a locker takes your coin.",
    ),
    (
        "Children waiting",
        "Children were bored while waiting to go in.",
        "We added a reading corner with books, colouring and games for every age.",
    ),
    (
        "Video visits",
        "Video calls dropped and you lost time with your family member.",
        "We moved the video suite to a faster connection, and a dropped call gets its lost minutes back.",
    ),
)

LOCAL = {
    "BAR": (
        (
            "Barlinnie Visitor Centre",
            "visitor_centre",
            "Tea, a play area and someone to talk to before and after your visit.",
            "0141 770 2059",
            "",
            "Open every visiting day",
        ),
        ("Glasgow Children's Holiday Scheme", "children", "Free days out for children in Glasgow.", "", "", ""),
    ),
    "GRE": (
        (
            "Greenock Visitor Centre",
            "visitor_centre",
            "A warm welcome, a café and help with your visit.",
            "01475 787 801",
            "",
            "Open every visiting day",
        ),
        ("Inverclyde Carers Centre", "other", "Support for anyone caring for a child or relative.", "", "", ""),
    ),
    "KIL": (
        (
            "Kilmarnock Visitor Centre",
            "visitor_centre",
            "Help before and after your visit; toys and books for children.",
            "01563 548 928",
            "",
            "Open every visiting day",
        ),
    ),
    "ADD": (
        (
            "Addiewell Visitor Centre",
            "visitor_centre",
            "Someone to talk to, and help with locker tokens and travel.",
            "01506 874 500",
            "",
            "Open every visiting day",
        ),
        ("West Lothian Financial Inclusion", "financial", "Help with benefits and money worries.", "", "", ""),
    ),
    "EDI": (
        (
            "Edinburgh Visitor Centre",
            "visitor_centre",
            "A family room, refreshments and support staff.",
            "0131 444 3115",
            "",
            "Open every visiting day",
        ),
        (
            "Edinburgh bereavement group",
            "bereavement",
            "A monthly group for families who have lost someone.",
            "",
            "",
            "First Tuesday of the month",
        ),
    ),
}


def _insert(connection: sqlite3.Connection, table: str, columns: str, rows: list[tuple]) -> None:
    names = "id, establishment, created_at, updated_at, version, " + columns
    marks = ", ".join("?" * len(names.split(",")))
    connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _stamp(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"


def fill(connection: sqlite3.Connection, rng: random.Random, now: datetime, made: str) -> None:
    """A few thousand rows at most: support services, feedback over WEEKS weeks, responses."""
    services = [
        (
            demo_id(rng),
            ESTABLISHMENTS[0].code,
            made,
            made,
            1,
            name,
            category,
            description,
            phone,
            website,
            hours,
            True,
            position,
        )
        for position, (name, category, description, phone, website, hours) in enumerate(NATIONAL_SERVICES)
    ]
    for est in ESTABLISHMENTS:
        services += [
            (
                demo_id(rng),
                est.code,
                made,
                made,
                1,
                name,
                category,
                description,
                phone,
                website,
                hours,
                False,
                100 + position,
            )
            for position, (name, category, description, phone, website, hours) in enumerate(LOCAL.get(est.code, ()))
        ]
    _insert(
        connection,
        "support_service",
        "name, category, description, phone, website, hours, national, position",
        services,
    )

    feedback, responses = [], []
    today = now.date()
    for est in ESTABLISHMENTS:
        for back in range(WEEKS * 7, 0, -1):
            day = today - timedelta(days=back)
            if rng.random() > sum(PER_WEEK) / 2 / 7 / 2:  # about half the visiting days have a few each
                continue
            for _ in range(rng.randint(1, 3)):
                child = rng.random() < 0.3
                rating, comment = rng.choice(CHILD_COMMENTS if child else ADULT_COMMENTS)
                if rng.random() < 0.2:  # ratings drift up a little as things changed
                    rating = min(5, rating + (1 if back < WEEKS * 7 // 2 else 0))
                anonymous = child or rng.random() < 0.85
                at = datetime.combine(day, time(rng.choice((11, 15, 16, 17, 19)), rng.randint(0, 59)))
                stamp = _stamp(at)
                feedback.append(
                    (
                        demo_id(rng),
                        est.code,
                        stamp,
                        stamp,
                        1,
                        rating,
                        comment,
                        child,
                        anonymous,
                        "" if anonymous else rng.choice(NAMES),
                        None,
                        rng.choice(KINDS),
                        stamp,
                        day.isoformat(),
                        False,
                    )
                )
        for i, (theme, said, did) in enumerate(RESPONSES[: rng.randint(2, len(RESPONSES))]):
            on = today - timedelta(days=7 + 21 * i)
            stamp = _stamp(datetime.combine(on, time(9)))
            responses.append(
                (demo_id(rng), est.code, stamp, stamp, 1, theme, said, did, "[]", on.isoformat(), "Centre manager")
            )
    _insert(
        connection,
        "feedback",
        "rating, comment, by_child, anonymous, name, visit_id, session_kind, given_at, given_on, responded",
        feedback,
    )
    _insert(
        connection, "feedback_response", "theme, you_said, we_did, feedback_ids, responded_on, responded_by", responses
    )
