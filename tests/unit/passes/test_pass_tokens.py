"""Pass tokens on their own: round trip, every kind of refusal, and anything a scanner might type."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from visitorcentre.core import passes as p

DAY = date(2026, 11, 22)
KEY_ID, PRIVATE, PUBLIC = p.new_key_pair()
KEYS = {KEY_ID: p.PublicKey(KEY_ID, "BAR", PUBLIC)}
CLAIMS = p.PassClaims(
    establishment="BAR",
    reference="7K3M9Q",
    session_date=DAY,
    session_start=time(14),
    party_size=3,
    serial=123456,
    issued_at=datetime(2026, 11, 22, 13, 0),
    key_id=KEY_ID,
)
TOKEN = p.issue(CLAIMS, PRIVATE)


def check(token: str, here: str = "BAR", today: date = DAY, voided=frozenset(), keys=None) -> p.PassVerdict:
    return p.verify(token, KEYS if keys is None else keys, voided, here, today)


def test_round_trip_keeps_every_claim():
    verdict = check(TOKEN)
    assert verdict.valid and verdict.reason == p.OK
    assert verdict.claims == CLAIMS
    assert (verdict.reference, verdict.party_size, verdict.session) == ("7K3M9Q", 3, "2026-11-22T14:00:00")


def test_compact_enough_for_a_small_qr_code():
    assert len(TOKEN) <= p.TOKEN_MAX_LENGTH <= 200
    longest = p.issue(replace(CLAIMS, establishment="ABCDEFGH"), PRIVATE)
    assert len(longest) == p.TOKEN_MAX_LENGTH
    # Only QR "alphanumeric" characters, the same on any keyboard layout.
    assert set(TOKEN) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567VC1")


def test_caps_lock_and_stray_whitespace_from_a_scanner_are_forgiven():
    assert check(TOKEN.lower()).valid
    assert check(f"  {TOKEN}\n").valid


@pytest.mark.parametrize(
    "field, value",
    [
        ("establishment", "BAX"),
        ("reference", "7K3M9R"),
        ("session_date", DAY + timedelta(days=1)),
        ("session_start", time(10)),
        ("party_size", 4),
        ("serial", 123457),
        ("issued_at", datetime(2026, 11, 22, 13, 1)),
    ],
)
def test_altering_any_claim_breaks_the_signature(field, value):
    original = base64.b32decode(TOKEN[3:] + "=" * (-len(TOKEN[3:]) % 8))
    forged_payload = p._pack(replace(CLAIMS, **{field: value}))
    forged = p.PREFIX + base64.b32encode(forged_payload + original[-64:]).decode().rstrip("=")
    verdict = check(forged)
    assert not verdict.valid and verdict.reason == p.ALTERED


def test_changing_the_key_id_makes_it_nobody_we_know():
    other_id = "00000000" if KEY_ID != "00000000" else "11111111"
    original = base64.b32decode(TOKEN[3:] + "=" * (-len(TOKEN[3:]) % 8))
    forged_payload = p._pack(replace(CLAIMS, key_id=other_id))
    forged = p.PREFIX + base64.b32encode(forged_payload + original[-64:]).decode().rstrip("=")
    assert check(forged).reason == p.NOT_OURS


def test_a_pass_signed_with_a_key_we_do_not_hold_is_not_ours():
    key_id, private, _ = p.new_key_pair()
    assert check(p.issue(replace(CLAIMS, key_id=key_id), private)).reason == p.NOT_OURS


def test_a_wrong_key_claiming_our_key_id_is_altered():
    _, private, _ = p.new_key_pair()
    assert check(p.issue(CLAIMS, private)).reason == p.ALTERED


def test_another_establishments_key_cannot_vouch_for_us():
    # GRE's genuine key signing a pass that says BAR: the key and the establishment disagree.
    key_id, private, public = p.new_key_pair()
    keys = dict(KEYS, **{key_id: p.PublicKey(key_id, "GRE", public)})
    assert check(p.issue(replace(CLAIMS, key_id=key_id), private), keys=keys).reason == p.ALTERED


def test_another_establishments_pass():
    key_id, private, public = p.new_key_pair()
    keys = dict(KEYS, **{key_id: p.PublicKey(key_id, "GRE", public)})
    token = p.issue(replace(CLAIMS, establishment="GRE", key_id=key_id), private)
    verdict = check(token, keys=keys)
    assert not verdict.valid and verdict.reason == p.OTHER_ESTABLISHMENT
    assert check(token, here="GRE", keys=keys).valid


def test_expires_at_the_end_of_its_session_day():
    assert check(TOKEN, today=DAY).valid
    verdict = check(TOKEN, today=DAY + timedelta(days=1))
    assert not verdict.valid and verdict.reason == p.EXPIRED


def test_not_valid_before_its_day():
    verdict = check(TOKEN, today=DAY - timedelta(days=1))
    assert not verdict.valid and verdict.reason == p.NOT_YET


def test_a_voided_pass_is_refused():
    verdict = check(TOKEN, voided={("BAR", 123456)})
    assert not verdict.valid and verdict.reason == p.VOIDED
    assert check(TOKEN, voided={("BAR", 999), ("GRE", 123456)}).valid


def test_every_refusal_has_its_own_words():
    assert len(set(p.MESSAGES.values())) == len(p.MESSAGES)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n",
        "hello",
        "https://example.org/?pass=VC1",
        "7K3M9Q",
        "VC1",
        "VC1" + "A" * 8,
        TOKEN[:60],
        TOKEN[:-1],
        TOKEN + "A",
        TOKEN * 2,
        "VC1" + "!" * 144,
        "x" * 1_000_000,
        "VC1" + "\x00" * 10,
        "ＶＣ１ABC",
    ],
)
def test_what_a_scanner_might_type_is_refused(text):
    verdict = check(text)
    assert not verdict.valid and verdict.reason in (p.NOT_OURS, p.ALTERED)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_is_never_valid(text):
    verdict = check(text)
    assert not verdict.valid and verdict.reason in (p.NOT_OURS, p.ALTERED)


@settings(max_examples=300)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=200))
def test_arbitrary_base32_after_our_prefix_is_never_valid(body):
    verdict = check(p.PREFIX + body)
    assert not verdict.valid and verdict.reason in (p.NOT_OURS, p.ALTERED)


@settings(max_examples=400)
@given(st.data())
def test_a_changed_character_is_never_valid(data):
    position = data.draw(st.integers(min_value=0, max_value=len(TOKEN) - 1))
    replacement = data.draw(
        st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567019!-").filter(lambda ch: ch != TOKEN[position].upper())
    )
    mutated = TOKEN[:position] + replacement + TOKEN[position + 1 :]
    verdict = check(mutated)
    assert not verdict.valid and verdict.reason in (p.NOT_OURS, p.ALTERED)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=len(TOKEN) - 1), st.integers(min_value=0, max_value=len(TOKEN)))
def test_a_cut_or_spliced_token_is_never_valid(start, end):
    cut = TOKEN[:start] + TOKEN[max(start, end) :] if end > start else TOKEN[:start]
    if cut.upper().replace(" ", "") == TOKEN:
        return
    verdict = check(cut)
    assert not verdict.valid and verdict.reason in (p.NOT_OURS, p.ALTERED)


# --- a retired (rotated) key ---------------------------------------------------------------------


def test_a_retired_key_still_vouches_for_passes_of_its_retirement_day_and_before():
    retired = {KEY_ID: p.PublicKey(KEY_ID, "BAR", PUBLIC, retired_on=DAY)}
    assert check(TOKEN, keys=retired).valid
    earlier = {KEY_ID: p.PublicKey(KEY_ID, "BAR", PUBLIC, retired_on=DAY - timedelta(days=1))}
    verdict = check(TOKEN, keys=earlier)
    assert not verdict.valid and verdict.reason == p.KEY_REPLACED and "new pass" in verdict.message


def test_a_retired_key_cannot_make_a_pass_for_a_later_day():
    # Whoever kept the old private key signs a pass for the day after the rotation, claiming it
    # was issued before: the issue time is the signer's word, so only the session day counts.
    later = replace(CLAIMS, session_date=DAY + timedelta(days=1), issued_at=datetime(2026, 11, 20, 9, 0))
    retired = {KEY_ID: p.PublicKey(KEY_ID, "BAR", PUBLIC, retired_on=DAY)}
    verdict = check(p.issue(later, PRIVATE), keys=retired, today=DAY + timedelta(days=1))
    assert not verdict.valid and verdict.reason == p.KEY_REPLACED


def test_an_expired_pass_of_a_retired_key_is_just_expired():
    retired = {KEY_ID: p.PublicKey(KEY_ID, "BAR", PUBLIC, retired_on=DAY - timedelta(days=3))}
    assert check(TOKEN, keys=retired, today=DAY + timedelta(days=1)).reason == p.EXPIRED
