"""The demo establishments and their weekly session pattern, after the published visiting rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from visitorcentre.core.kinds import SessionKind as K


@dataclass(frozen=True)
class DemoEstablishment:
    code: str
    name: str
    adult_age: int
    max_adults: int
    max_total: int
    cutoff_minutes: int
    locker_rule: str
    cash_rule: str
    address: str
    booking_line: str
    weight: int  # share of the prisoners held here


ESTABLISHMENTS = (
    DemoEstablishment(
        "BAR",
        "HMP Barlinnie",
        18,
        3,
        6,
        20,
        "Lockers take £1 coins; the key goes with you into the visit room. Hooded coats go in the locker.",
        "Only £10 in coins. Money for the prisoner goes to the cash desk.",
        "81 Lee Avenue, Riddrie, Glasgow G33 2QX",
        "0141 770 2059",
        30,
    ),
    DemoEstablishment(
        "GRE",
        "HMP Greenock",
        18,
        3,
        5,
        30,
        "Lockers take £1 coins. Phones, cameras, purses and wallets stay in the locker.",
        "Up to £10 in cash for the café.",
        "Old Inverkip Road, Greenock PA16 9AJ",
        "01475 787 801",
        15,
    ),
    DemoEstablishment(
        "KIL",
        "HMP Kilmarnock",
        18,
        3,
        6,
        15,
        "Lockers take £1 coins. Hats, gloves and scarves stay in the locker.",
        "Up to £20 in coins; no paper money.",
        "Mauchline Road, Kilmarnock KA1 5AA",
        "01563 548 928",
        20,
    ),
    DemoEstablishment(
        "ADD",
        "HMP Addiewell",
        17,
        3,
        6,
        15,
        "Lockers take £1 coins or tokens from the visitor centre.",
        "Up to £20 in coins for the vending machines.",
        "9 Station Road, Addiewell, West Lothian EH55 8QA",
        "01506 874 500",
        20,
    ),
    DemoEstablishment(
        "EDI",
        "HMP Edinburgh",
        18,
        3,
        6,
        15,
        "Lockers take £1 coins; ask the visitor centre for a token if you have none.",
        "Up to £10 in coins.",
        "33 Stenhouse Road, Edinburgh EH11 3LN",
        "0131 444 3115",
        15,
    ),
)

#: (kind, start, end, room, places) for each weekday, Monday first.
WEEK = (
    (
        (K.INDUCTION, time(10, 30), time(11, 30), "Family Room", 8),
        (K.STANDARD, time(14), time(15, 30), "Visit Hall", 30),
        (K.VIRTUAL, time(16), time(16, 30), "Video Suite", 6),
        (K.STANDARD, time(18, 30), time(19, 45), "Visit Hall", 24),
    ),
    (
        (K.EXCEPTIONAL, time(10, 30), time(11, 30), "Interview Room", 4),
        (K.STANDARD, time(14), time(15, 30), "Visit Hall", 30),
        (K.HOMEWORK_CLUB, time(16, 30), time(17, 45), "Family Room", 8),
    ),
    (
        (K.VIRTUAL, time(10), time(10, 30), "Video Suite", 6),
        (K.STANDARD, time(14), time(15, 30), "Visit Hall", 30),
        (K.CHILD_CENTRED, time(16, 30), time(18), "Family Room", 10),
    ),
    (
        (K.INTER_PRISON, time(10, 30), time(11, 30), "Interview Room", 4),
        (K.STANDARD, time(14), time(15, 30), "Visit Hall", 30),
        (K.STANDARD, time(18, 30), time(19, 45), "Visit Hall", 24),
    ),
    ((K.STANDARD, time(14), time(15, 30), "Visit Hall", 30), (K.FAMILY, time(16, 30), time(18), "Family Room", 12)),
    (
        (K.STANDARD, time(10), time(11, 30), "Visit Hall", 30),
        (K.FAMILY, time(14), time(15, 30), "Family Room", 12),
        (K.VIRTUAL, time(16, 30), time(17), "Video Suite", 6),
    ),
    (
        (K.FAMILY_DAY, time(10, 30), time(13), "Visit Hall", 20),
        (K.STANDARD, time(14), time(15, 30), "Visit Hall", 30),
        (K.EXCEPTIONAL, time(16), time(17), "Interview Room", 4),
    ),
)
