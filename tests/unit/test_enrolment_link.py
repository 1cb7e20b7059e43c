"""The enrolment link: what the console shows as a QR code and the desk's first-run screen reads back."""

from __future__ import annotations

import pytest

from visitorcentre.core import enrolment_link


def test_a_link_reads_back_as_the_address_and_the_code():
    line = enrolment_link.link("https://visits.example.scot/", "ABCD-EFGH-JKLM")
    assert line == "https://visits.example.scot/#enrol=ABCD-EFGH-JKLM"
    assert enrolment_link.parse(f"  {line}\n") == ("https://visits.example.scot", "ABCD-EFGH-JKLM")
    assert enrolment_link.parse("http://10.0.0.5:8000/visits/#enrol=abcd") == ("http://10.0.0.5:8000/visits", "abcd")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://visits.example.scot",
        "ABCD-EFGH-JKLM",
        "ftp://x/#enrol=ABCD",
        "https://x/#enrol=",
        "https://x/#enrol=AB CD",
    ],
)
def test_anything_else_is_not_a_link(text):
    assert enrolment_link.parse(text) is None
