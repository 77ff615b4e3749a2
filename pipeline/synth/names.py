"""Word lists for synthetic identities: invented combinations of common US first names, surnames and places.

Lists are whitespace-separated strings so they stay compact; multi-word surnames use "_" for the space.
"""

from __future__ import annotations

_MALE = """
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan
Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander
Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle
Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan
Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent
Ralph Eugene Russell Bobby Mason Philip Louis Harry Howard Luis Carlos Miguel Jorge Alejandro Ricardo
Francisco Manuel Javier Rafael Hector Minh Anh Duc Wei Jun Hiroshi Kenji Raj Arjun Vikram Sanjay Omar
Ahmed Hassan Tariq Dmitri Ivan Stanislaw Mateo Santiago Theodore Frederick Leonard Stanley Clarence
Herbert Eddie Marvin Curtis Darnell Tyrone DeShawn Malik Andre Jamal Kwame
"""

_FEMALE = """
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra
Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura
Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine
Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly
Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara
Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle
Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Josephine Guadalupe
Rosa Carmen Lucia Yolanda Alejandra Ximena Esperanza Mei Ling Xiu Yuki Keiko Hana Priya Anjali Sunita
Thi Lan Huong Fatima Aisha Layla Olga Svetlana Agnieszka Valentina Harper Chloe Zoe Penelope Eleanor
Florence Mildred Edna Gladys Irene Lillian Louise Ethel Bernice Peggy Dolores Imani Keisha Latoya Shanice
"""

_SURNAMES = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes
Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard
Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price
Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell
Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton
Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar
Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells
Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez
Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone
Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan
Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley
Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry
Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero
George Chapman Rios Estrada Ortega Watkins Greene Nunez Wheeler Valdez Harper Burke Larson Santiago
Maldonado Morrison Franklin Carlson Austin Dominguez Carr Lawson Jacobs OBrien Lynch Singh Vega Bishop
Montgomery Oliver Jensen Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le
McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks Padilla
Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May Holland Juarez Newman Pearson
Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller Avila Wade Molina Stanley Hopkins
Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd Craig Ayala Lowe Frazier Powers Neal
Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran Walters Cohen
McDaniel Moran Parks Steele Vaughn Becker Holt DeLeon Barker Terry Hale Leon Hail Benson Haynes Horton
Miles Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher
Page McCarthy Love Robles Cervantes Solis Erickson Reeves Chang Klein Salinas Fuentes Baldwin Daniel
Simon Velasquez Hardy Higgins Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa Dennis Robbins Liu
Ramsey Francis Griffith Paul Blair OConnor Cardenas Pacheco Cross Calderon Quinn Moss Swanson Chan
Rivas Khan Rodgers Serrano Fitzgerald Rosales Stevenson Christensen Manning Gill Curry McLaughlin
Harmon McGee Gross Doyle Garner Newton Burgess Reese Walton Blake Trujillo Adkins Brady Goodman Roman
Webster Goodwin Fischer Huang Potter Delacruz Montoya Todd Wu Hines Mullins Castaneda Malone Cannon Tate
Mack Sherman Hubbard Hodges Zhang Guerra Wolf Valencia Saunders Franco Rowe Gallagher Farmer Hammond
Hampton Townsend Ingram Wise Gallegos Clarke Barton Schroeder Maxwell Waters Logan Camacho Strickland
Norman Person Colon Parsons Frank Harrington Glover Osborne Buchanan Casey Floyd Patton Ibarra Ball
Tanaka Yamamoto Nakamura Suzuki Sato Watanabe Choi Cho Jung Kang Yoon Hoang Phan Vu Dang Bui Do Ngo
Shah Kumar Gupta Sharma Mehta Desai Iyer Reddy Rao Ali Hussain Ahmed Kowalski Nowak Ivanov Petrov
Rossi Russo Esposito Romano Bianchi Muller Schmitt Fontaine Dubois Moreau Okafor Mensah Adeyemi Osei
De_La_Cruz De_La_Rosa Del_Rio Van_Dyke Van_Buren St._John Garcia-Lopez Martinez-Ruiz Smith-Jones
Hernandez-Vega Lopez-Ortiz Perez-Santos Rivera-Diaz Taylor-Brown Williams-Scott Cruz-Morales
Nguyen-Tran Kim-Park Sanchez-Reyes Ortega-Flores Johnson-Hall Ramirez-Castillo
"""

# Forms a clerk commonly sees written in place of the legal first name.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "William": ("Bill", "Will", "Billy"),
    "Robert": ("Bob", "Rob", "Bobby"),
    "Richard": ("Rick", "Dick", "Rich"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "John": ("Jack", "Johnny"),
    "Joseph": ("Joe", "Joey"),
    "Thomas": ("Tom", "Tommy"),
    "Charles": ("Charlie", "Chuck"),
    "Christopher": ("Chris",),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Anthony": ("Tony",),
    "Michael": ("Mike", "Mikey"),
    "David": ("Dave",),
    "Steven": ("Steve",),
    "Andrew": ("Andy", "Drew"),
    "Kenneth": ("Ken", "Kenny"),
    "Edward": ("Ed", "Eddie", "Ted"),
    "Timothy": ("Tim",),
    "Ronald": ("Ron", "Ronnie"),
    "Gregory": ("Greg",),
    "Samuel": ("Sam",),
    "Benjamin": ("Ben",),
    "Alexander": ("Alex",),
    "Nicholas": ("Nick",),
    "Jonathan": ("Jon",),
    "Patrick": ("Pat",),
    "Lawrence": ("Larry",),
    "Theodore": ("Ted", "Teddy"),
    "Frederick": ("Fred",),
    "Leonard": ("Len", "Lenny"),
    "Albert": ("Al",),
    "Raymond": ("Ray",),
    "Gerald": ("Jerry",),
    "Zachary": ("Zach",),
    "Elizabeth": ("Liz", "Beth", "Betty", "Lizzie"),
    "Margaret": ("Peggy", "Maggie", "Meg"),
    "Katherine": ("Kate", "Kathy", "Katie"),
    "Kathleen": ("Kathy", "Kate"),
    "Catherine": ("Cathy", "Cate"),
    "Kathryn": ("Kathy", "Katie"),
    "Patricia": ("Pat", "Patty", "Trish"),
    "Jennifer": ("Jen", "Jenny"),
    "Susan": ("Sue", "Susie"),
    "Deborah": ("Debbie", "Deb"),
    "Debra": ("Debbie",),
    "Rebecca": ("Becky",),
    "Victoria": ("Vicky", "Tori"),
    "Christine": ("Chris", "Chrissy"),
    "Christina": ("Tina",),
    "Jessica": ("Jess",),
    "Samantha": ("Sam",),
    "Abigail": ("Abby",),
    "Pamela": ("Pam",),
    "Judith": ("Judy",),
    "Dorothy": ("Dot", "Dottie"),
    "Barbara": ("Barb",),
    "Cynthia": ("Cindy",),
    "Theresa": ("Terri",),
    "Teresa": ("Terri",),
    "Alexandra": ("Alex",),
    "Josephine": ("Jo", "Josie"),
    "Virginia": ("Ginny",),
    "Frances": ("Fran",),
    "Eleanor": ("Ellie",),
    "Jacqueline": ("Jackie",),
    "Stephanie": ("Steph",),
}


def _split(block: str) -> tuple[str, ...]:
    words = [w.replace("_", " ") for w in block.split()]
    return tuple(dict.fromkeys(words))  # drop accidental repeats, keep order


MALE_FIRST = _split(_MALE)
FEMALE_FIRST = _split(_FEMALE)
SURNAMES = tuple(s.replace("OBrien", "O'Brien").replace("OConnor", "O'Connor") for s in _split(_SURNAMES))

STREET_NAMES = _split("""
Main Oak Maple Cedar Pine Elm Washington Lake Hill Park Walnut Sunset Lincoln Jackson Church River
Highland Willow Spring Center Franklin Chestnut Meadow Forest Madison Ridge Valley Jefferson Adams
Cherry Dogwood Hickory Magnolia Laurel Birch Aspen Lakeview Orchard Mill Bridge Prospect Union
Broad Market College Academy Grove Heritage Fairview Woodland Riverside Summit Canyon Mesa Bayview
""")
STREET_SUFFIXES = ("St", "Ave", "Rd", "Dr", "Ln", "Blvd", "Ct", "Way", "Pl", "Ter", "Street", "Avenue", "Road", "Drive")
UNIT_FORMS = ("Apt", "Unit", "#", "Apt.", "Ste")

# (city, state, 3-digit ZIP prefix, area codes)
PLACES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Springfield", "IL", "627", ("217",)),
    ("Peoria", "IL", "616", ("309",)),
    ("Chicago", "IL", "606", ("312", "773")),
    ("Madison", "WI", "537", ("608",)),
    ("Milwaukee", "WI", "532", ("414",)),
    ("Columbus", "OH", "432", ("614",)),
    ("Dayton", "OH", "454", ("937",)),
    ("Toledo", "OH", "436", ("419",)),
    ("Indianapolis", "IN", "462", ("317",)),
    ("Fort Wayne", "IN", "468", ("260",)),
    ("Ann Arbor", "MI", "481", ("734",)),
    ("Grand Rapids", "MI", "495", ("616",)),
    ("Minneapolis", "MN", "554", ("612",)),
    ("Rochester", "MN", "559", ("507",)),
    ("Des Moines", "IA", "503", ("515",)),
    ("Omaha", "NE", "681", ("402",)),
    ("Kansas City", "MO", "641", ("816",)),
    ("St. Louis", "MO", "631", ("314",)),
    ("Louisville", "KY", "402", ("502",)),
    ("Nashville", "TN", "372", ("615",)),
    ("Memphis", "TN", "381", ("901",)),
    ("Atlanta", "GA", "303", ("404", "678")),
    ("Savannah", "GA", "314", ("912",)),
    ("Charlotte", "NC", "282", ("704",)),
    ("Raleigh", "NC", "276", ("919",)),
    ("Richmond", "VA", "232", ("804",)),
    ("Norfolk", "VA", "235", ("757",)),
    ("Baltimore", "MD", "212", ("410",)),
    ("Philadelphia", "PA", "191", ("215", "267")),
    ("Pittsburgh", "PA", "152", ("412",)),
    ("Newark", "NJ", "071", ("973",)),
    ("Trenton", "NJ", "086", ("609",)),
    ("Albany", "NY", "122", ("518",)),
    ("Buffalo", "NY", "142", ("716",)),
    ("Brooklyn", "NY", "112", ("718", "347")),
    ("Hartford", "CT", "061", ("860",)),
    ("Worcester", "MA", "016", ("508",)),
    ("Boston", "MA", "021", ("617",)),
    ("Providence", "RI", "029", ("401",)),
    ("Portland", "ME", "041", ("207",)),
    ("Burlington", "VT", "054", ("802",)),
    ("Manchester", "NH", "031", ("603",)),
    ("Miami", "FL", "331", ("305", "786")),
    ("Orlando", "FL", "328", ("407",)),
    ("Tampa", "FL", "336", ("813",)),
    ("Birmingham", "AL", "352", ("205",)),
    ("Jackson", "MS", "392", ("601",)),
    ("New Orleans", "LA", "701", ("504",)),
    ("Little Rock", "AR", "722", ("501",)),
    ("Houston", "TX", "770", ("713", "832")),
    ("San Antonio", "TX", "782", ("210",)),
    ("El Paso", "TX", "799", ("915",)),
    ("Austin", "TX", "787", ("512",)),
    ("Oklahoma City", "OK", "731", ("405",)),
    ("Albuquerque", "NM", "871", ("505",)),
    ("Phoenix", "AZ", "850", ("602", "480")),
    ("Tucson", "AZ", "857", ("520",)),
    ("Denver", "CO", "802", ("303", "720")),
    ("Salt Lake City", "UT", "841", ("801",)),
    ("Boise", "ID", "837", ("208",)),
    ("Las Vegas", "NV", "891", ("702",)),
    ("Sacramento", "CA", "958", ("916",)),
    ("Fresno", "CA", "937", ("559",)),
    ("San Diego", "CA", "921", ("619", "858")),
    ("Oakland", "CA", "946", ("510",)),
    ("Los Angeles", "CA", "900", ("213", "323")),
    ("Portland", "OR", "972", ("503", "971")),
    ("Spokane", "WA", "992", ("509",)),
    ("Seattle", "WA", "981", ("206",)),
    ("Anchorage", "AK", "995", ("907",)),
    ("Honolulu", "HI", "968", ("808",)),
)
