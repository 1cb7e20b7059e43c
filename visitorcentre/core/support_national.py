"""Support services for families across Scotland, listed at every establishment's desk and directory.

(name, category, description, phone, website, hours); the description and hours are marked for
translation (the directory prints them in the family's language). Used when the database holds no national services.
"""

from __future__ import annotations

from visitorcentre.core.words import N_

NATIONAL_SERVICES = (
    (
        "Families Outside helpline",
        "helpline",
        N_(
            "Free, confidential support for anyone affected by a family member's imprisonment: visits, worries, "
            "money, children, and what happens next."
        ),
        "0800 254 0088",
        "familiesoutside.org.uk",
        N_("Free to call"),
    ),
    (
        "Help with the cost of prison visits",
        "financial",
        N_(
            "If you get certain benefits or are on a low income, you may get help with travel, meals and "
            "childcare for a visit. Ask at the visitor centre desk: staff can help you apply here."
        ),
        "",
        "",
        N_("Ask at the desk"),
    ),
    (
        "Citizens Advice Scotland",
        "financial",
        N_("Free advice on benefits, debt, housing and money worries."),
        "",
        "cas.org.uk",
        "",
    ),
    (
        "Childline",
        "children",
        N_("Children and young people can talk about anything, including a parent in prison. Free and private."),
        "0800 1111",
        "childline.org.uk",
        N_("Any time, day or night"),
    ),
    (
        "Cruse Scotland",
        "bereavement",
        N_(
            "Support for anyone who is grieving, including the loss of someone in prison or the loss of a relationship."
        ),
        "0808 802 6161",
        "crusescotland.org.uk",
        "",
    ),
    (
        "Child Bereavement UK",
        "bereavement",
        N_("Support for families when a child grieves or when a child dies."),
        "0800 02 888 40",
        "childbereavementuk.org",
        "",
    ),
    (
        "Samaritans",
        "other",
        N_("Someone to talk to when things are getting to you."),
        "116 123",
        "samaritans.org",
        N_("Any time, day or night"),
    ),
)
