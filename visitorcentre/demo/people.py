"""Names for demo families: Scottish, Gaelic, Irish and Polish, with accents and Mc/Mac spellings."""

from __future__ import annotations

SURNAMES = (
    "MacDonald", "McDonald", "Macdonald", "Campbell", "Stewart", "Robertson", "Thomson", "Anderson", "MacLeod",
    "McLeod", "Scott", "Murray", "Reid", "Clark", "Taylor", "Ross", "Paterson", "Young", "Watson", "Mitchell",
    "Fraser", "Morrison", "Kerr", "Graham", "Hamilton", "Johnston", "McKenzie", "MacKenzie", "Wilson", "Brown",
    "Smith", "Hughes", "Duncan", "Gray", "Hunter", "McGregor", "MacGregor", "Kelly", "Docherty", "O'Neill",
    "O'Brien", "McLaughlin", "Gallacher", "Boyle", "Quinn", "Kowalski", "Kowalska", "Nowak", "Wiśniewska",
    "Wójcik", "Lewandowski", "Zieliński", "Mac an t-Saoir", "MacIllFhinnein", "Ó Dochartaigh", "Ahmed",
    "Khan", "Ali", "Bell", "Craig", "McIntyre", "MacIntyre", "Sinclair", "Grant", "Dunn", "Burns", "Cameron",
)
WOMEN = (
    "Siobhán", "Mairi", "Màiri", "Catriona", "Eilidh", "Fiona", "Karen", "Lorraine", "Nicola", "Gemma", "Lauren",
    "Shannon", "Chloe", "Amy", "Kirsty", "Margaret", "Agnes", "Isobel", "Aoife", "Róisín", "Agnieszka",
    "Małgorzata", "Zofia", "Katarzyna", "Anna", "Zoë", "Ruth", "Jean", "Elizabeth", "Seonaid", "Ayesha",
)
MEN = (
    "Seán", "Ruairidh", "Calum", "Euan", "Iain", "Craig", "Scott", "Ryan", "Jamie", "Darren", "Stephen", "Paul",
    "Gary", "John", "James", "Andrew", "Kyle", "Liam", "Ciarán", "Tomasz", "Łukasz", "Piotr", "Michał", "Jakub",
    "Eòghann", "Aonghas", "Robert", "William", "Thomas", "Mohammed", "Hamza",
)
CHILDREN = (
    "Olivia", "Isla", "Emily", "Freya", "Ava", "Sophie", "Ella", "Amelia", "Zoë", "Róisín", "Lena", "Maja",
    "Jack", "Noah", "Leo", "Harris", "Finlay", "Lewis", "Oscar", "Rory", "Alfie", "Szymon", "Oliwer", "Cillian",
    "Eilidh", "Callum", "Archie", "Lily", "Millie", "Mason",
)
STREETS = ("Main Street", "High Street", "Station Road", "Church Street", "Victoria Road", "Park Avenue",
           "Mill Road", "Burnside Crescent", "Kirk Wynd", "Shore Road")
TOWNS = (("Glasgow", "G"), ("Paisley", "PA"), ("Greenock", "PA"), ("Kilmarnock", "KA"), ("Ayr", "KA"),
         ("Edinburgh", "EH"), ("Livingston", "EH"), ("Dundee", "DD"), ("Inverness", "IV"), ("Stornoway", "HS"),
         ("Aberdeen", "AB"), ("Dumfries", "DG"), ("Motherwell", "ML"), ("Falkirk", "FK"))
SUPPORT_NEEDS = ("Uses a wheelchair", "Autistic child: a quiet space helps", "Hearing aid user",
                 "Needs an easy-read leaflet", "Visually impaired: please read rules aloud",
                 "Anxious first-time visitor: a familiarisation visit helps")
BAN_REASONS = ("passing an item during a visit", "abusive to staff", "drugs found on search",
               "using another person's ID")
