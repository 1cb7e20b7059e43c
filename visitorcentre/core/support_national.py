"""Support services for families across Scotland, listed at every establishment's desk and directory.

(name, category, description, phone, website, hours). Used when the database holds no national services.
"""

from __future__ import annotations

NATIONAL_SERVICES = (
    (
        "Families Outside helpline",
        "helpline",
        "Free, confidential support for anyone affected by a family member's imprisonment: visits, worries, "
        "money, children, and what happens next.",
        "0800 254 0088",
        "familiesoutside.org.uk",
        "Free to call",
    ),
    (
        "Help with the cost of prison visits",
        "financial",
        "If you get certain benefits or are on a low income, you may get help with travel, meals and "
        "childcare for a visit. Ask at the visitor centre desk: staff can help you apply here.",
        "",
        "",
        "Ask at the desk",
    ),
    (
        "Citizens Advice Scotland",
        "financial",
        "Free advice on benefits, debt, housing and money worries.",
        "",
        "cas.org.uk",
        "",
    ),
    (
        "Childline",
        "children",
        "Children and young people can talk about anything, including a parent in prison. Free and private.",
        "0800 1111",
        "childline.org.uk",
        "Any time, day or night",
    ),
    (
        "Cruse Scotland",
        "bereavement",
        "Support for anyone who is grieving, including the loss of someone in prison or the loss of a relationship.",
        "0808 802 6161",
        "crusescotland.org.uk",
        "",
    ),
    (
        "Child Bereavement UK",
        "bereavement",
        "Support for families when a child grieves or when a child dies.",
        "0800 02 888 40",
        "childbereavementuk.org",
        "",
    ),
    (
        "Samaritans",
        "other",
        "Someone to talk to when things are getting to you.",
        "116 123",
        "samaritans.org",
        "Any time, day or night",
    ),
)
