"""Help with the cost of prison visits: the scheme's eligibility rules and amounts (no Qt, no database).

``vocab`` holds the fixed values and their words, ``views`` the application form, the quote and
what the desk shows, ``rates`` the rate table, ``rules`` the quote itself and ``explain`` its
plain-words explanation.
"""
