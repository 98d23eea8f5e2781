"""Numbers, percentages and dates: real phrasings from the seed articles, then the grammar."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.compare.numbers import MONTHS, Quantity, date_fields, extract_quantities
from tests.compare import seed_text

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def kv(text: str) -> list[tuple[str, str]]:
    return [(q.kind, q.value) for q in extract_quantities(text)]


# (seed, phrase exactly as the seed writes it, [(kind, value, surface text)])
SEED_VECTORS = [
    ("000", "15 مارس 2023", [("date", "2023-03-15", "15 مارس 2023")]),
    ("000", "وبلغ النمو خلال العام الماضي 7 بالمائة", [("percent", "7%", "7 بالمائة")]),
    ("000", "منذ بدء الثورة السورية عام 2011", [("year", "2011", "2011")]),
    ("001", "الثلاثاء 23 كانون الأول", [("date", "--12-23", "23 كانون الأول")]),
    ("001", "الأربعاء 24 من كانون الأول", [("date", "--12-24", "24 من كانون الأول")]),
    ("001", "وجود نحو أربعة ملايين منزل مدمر", [("number", "4000000", "أربعة ملايين")]),
    ("001", "في 15 من تشرين الأول الماضي", [("date", "--10-15", "15 من تشرين الأول")]),
    ("001", "تمتد إلى سبعينيات القرن الماضي", []),
    ("002", "اليوم الأربعاء 15 مارس/آذار", [("date", "--03-15", "15 مارس/آذار")]),
    ("002", "حيث بلغ النمو العام الماضي 7٪", [("percent", "7%", "7٪")]),
    ("002", "سُجلت زيادة بنسبة 7 في المائة في التجارة", [("percent", "7%", "7 في المائة")]),
    ("002", "في يوليو/ تموز عام 1944", [("date", "1944-07", "يوليو/ تموز عام 1944")]),
    (
        "002",
        "المؤرخة في 8 أكتوبر / تشرين الأول 1980",
        [("date", "1980-10-08", "8 أكتوبر / تشرين الأول 1980")],
    ),
    ("002", "في مارس / آذار عام 2011", [("date", "2011-03", "مارس / آذار عام 2011")]),
    (
        "002",
        "وفي 30 سبتمبر/ أيلول عام 2015",
        [("date", "2015-09-30", "30 سبتمبر/ أيلول عام 2015")],
    ),
    (
        "002",
        "أكثر من 63 ألف عسكري روسي منذ عام 2015، وقتل أكثر من 100 أشخاص",
        [("number", "63000", "63 ألف"), ("year", "2015", "2015"), ("number", "100", "100")],
    ),
    (
        "002",
        "بتاريخ 10-11 مايو / أيار عام 2010",
        [("date", "2010-05-10/2010-05-11", "10-11 مايو / أيار عام 2010")],
    ),
    (
        "002",
        "وفي 7 يناير / كانون الثاني 2020",
        [("date", "2020-01-07", "7 يناير / كانون الثاني 2020")],
    ),
    (
        "002",
        "ونوفمبر/ تشرين الثاني عام 2017 ومايو / أيار عام 2018",
        [
            ("date", "2017-11", "نوفمبر/ تشرين الثاني عام 2017"),
            ("date", "2018-05", "مايو / أيار عام 2018"),
        ],
    ),
    (
        "002",
        "و17 ديسمبر / كانون الأول 2020",
        [("date", "2020-12-17", "17 ديسمبر / كانون الأول 2020")],
    ),
    (
        "002",
        "من 22 إلى 23 نوفمبر/ تشرين الثاني عام 2022",
        [("date", "2022-11-22/2022-11-23", "22 إلى 23 نوفمبر/ تشرين الثاني عام 2022")],
    ),
    ("002", "وفي 21 فبراير/شباط", [("date", "--02-21", "21 فبراير/شباط")]),
    ("002", "وحضرت الجولة التاسعة عشرة من المشاورات", []),  # an ordinal
    ("002", "على عقد الاجتماع الدولي العشرين", []),  # an ordinal
    ("002", "يصادف الذكرى الثمانين", []),
    ("003", "الثلاثاء 14 سبتمبر 2021", [("date", "2021-09-14", "14 سبتمبر 2021")]),
    ("003", "يوم الاثنين 13 سبتمبر", [("date", "--09-13", "13 سبتمبر")]),
    ("003", "على حوالي %90 من البلاد", [("percent", "90%", "%90")]),
    ("003", "بمقدار 3.5 مرات", [("number", "3.5", "3.5")]),
    (
        "003",
        "من سبتمبر 2019 إلى سبتمبر 2020",
        [("date", "2019-09", "سبتمبر 2019"), ("date", "2020-09", "سبتمبر 2020")],
    ),
    ("003", "بلغ 313 مليون دولار", [("money", "313000000 USD", "313 مليون دولار")]),
    ("003", "إلى 17 يناير 2020", [("date", "2020-01-17", "17 يناير 2020")]),
    ("003", "قد زار سوريا في ديسمبر 2017", [("date", "2017-12", "ديسمبر 2017")]),
    ("004", "(الـ80)", [("number", "80", "80")]),
    ("004", "في 23 مارس الماضي", [("date", "--03-23", "23 مارس")]),
    ("004", "في 15 مارس من العام الماضي", [("date", "--03-15", "15 مارس")]),
]


@pytest.mark.parametrize(("seed", "phrase", "expected"), SEED_VECTORS)
def test_seed_phrasings(seed, phrase, expected):
    assert phrase in seed_text(seed), "the vector must be the seed's own wording"
    found = extract_quantities(phrase)
    assert [(q.kind, q.value, q.text) for q in found] == expected
    for q in found:
        assert phrase[q.start : q.end] == q.text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_whole_seed_offsets_point_into_the_stored_text(seed):
    text = seed_text(seed)
    found = extract_quantities(text)
    assert found
    prev_end = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        assert prev_end <= q.start < q.end
        prev_end = q.end


def test_the_two_dates_of_putins_first_visit_to_damascus():
    sputnik = extract_quantities(seed_text("002"))
    italiani = extract_quantities(seed_text("003"))
    assert ("date", "2020-01-07") in [(q.kind, q.value) for q in sputnik]
    assert ("date", "2020-01-17") in [(q.kind, q.value) for q in italiani]


def test_the_two_outlets_write_seven_percent_three_ways():
    araby = [q.value for q in extract_quantities(seed_text("000")) if q.kind == "percent"]
    sputnik = [q.value for q in extract_quantities(seed_text("002")) if q.kind == "percent"]
    assert araby == ["7%"]
    assert sputnik == ["7%", "7%"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # percent, in every spelling
        ("بـ7٪", [("percent", "7%")]),
        ("7%", [("percent", "7%")]),
        ("٧٪", [("percent", "7%")]),
        ("۷ ٪", [("percent", "7%")]),
        ("7 بالمئة", [("percent", "7%")]),
        ("7 في المئة", [("percent", "7%")]),
        ("سبعة بالمائة", [("percent", "7%")]),
        ("سَبْعَةٌ في المِئَةِ", [("percent", "7%")]),
        ("بنسبة 7", [("percent", "7%")]),
        ("بنسبة ٧ في المائة", [("percent", "7%")]),
        ("١٢٫٥٪", [("percent", "12.5%")]),
        # numbers in words
        ("واحد", [("number", "1")]),
        ("ثلاثة عشر", [("number", "13")]),
        ("اثنا عشر شهرا", [("number", "12")]),
        ("إحدى عشرة دولة", [("number", "11")]),
        ("خمسة وعشرين", [("number", "25")]),
        ("خمسةٌ وعشرون ألفاً", [("number", "25000")]),
        ("عشرين ألفًا", [("number", "20000")]),
        ("تسعين", [("number", "90")]),
        ("مئة", [("number", "100")]),
        ("مائتين", [("number", "200")]),
        ("ثلاثمائة", [("number", "300")]),
        ("ثلاث مئة", [("number", "300")]),
        ("مئتي ألف", [("number", "200000")]),
        ("ثلاثة آلاف", [("number", "3000")]),
        ("ألفين", [("number", "2000")]),
        ("مليون وخمسمائة ألف", [("number", "1500000")]),
        ("وبخمسة ملايين", [("number", "5000000")]),
        ("ثلاثة وأربعة", [("number", "3"), ("number", "4")]),  # a list, not 43
        # digits
        ("١٬٠٠٠ جندي", [("number", "1000")]),
        ("1,000,000", [("number", "1000000")]),
        ("٣٫٥ مليار دولار", [("money", "3500000000 USD")]),
        ("$5", [("money", "5 USD")]),
        ("50 ألف روبل", [("money", "50000 RUB")]),
        ("7،8", [("number", "7"), ("number", "8")]),
        ("1800", [("number", "1800")]),
        ("عام 2024", [("year", "2024")]),
        # dates
        ("7 كانون الثاني/يناير 2020", [("date", "2020-01-07")]),
        ("٧ كـانـون الثانـي ٢٠٢٠", [("date", "2020-01-07")]),
        ("۷ ژانویه", [("number", "7")]),  # Persian month names are not dates here
        ("في 7 يناير", [("date", "--01-07")]),
        ("الأربعاء 24 من كانون الأول", [("date", "--12-24")]),
        ("15 إبريل 2023", [("date", "2023-04-15")]),
        ("15 أبريل 2023", [("date", "2023-04-15")]),
        ("15 يونيه 2023", [("date", "2023-06-15")]),
        ("15 يوليه 2023", [("date", "2023-07-15")]),
        ("15 آب 2023", [("date", "2023-08-15")]),
        ("15 جوان 2023", [("date", "2023-06-15")]),
        ("أيار 2023", [("date", "2023-05")]),
        ("15/3/2023", [("date", "2023-03-15")]),
        ("2023-03-15", [("date", "2023-03-15")]),
        # not quantities
        ("الجولة التاسعة عشرة", []),
        ("القرن التاسع عشر", []),
        ("لست أدري", []),
        ("أحد المسؤولين", []),
        ("آلاف الجنود", []),
        ("مارس الضغط على الحكومة", []),
        ("الأب والابن", []),
    ],
)
def test_grammar(text, expected):
    assert kv(text) == expected


def test_proclitics_stay_outside_the_span():
    for text, surface in [
        ("و١٧ كانون الثاني", "١٧ كانون الثاني"),
        ("بـ7٪", "7٪"),
        ("وبخمسة ملايين", "خمسة ملايين"),
        ("ومايو 2018", "مايو 2018"),
    ]:
        (q,) = extract_quantities(text)
        assert q.text == surface
        assert text[q.start : q.end] == surface


def test_offsets_skip_bidi_controls_and_keep_harakat():
    text = "قال \u200f٧٪ وسَبْعَةٌ"
    q1, q2 = extract_quantities(text)
    assert (q1.kind, q1.value, q1.text) == ("percent", "7%", "٧٪")
    assert q1.start == text.index("٧")
    assert (q2.value, q2.text) == ("7", "سَبْعَةٌ")


def test_quantity_is_a_frozen_value():
    q = extract_quantities("7٪")[0]
    assert q == Quantity("percent", "7%", "7٪", 0, 2)
    with pytest.raises(AttributeError):
        q.value = "8%"  # type: ignore[misc]


def test_date_fields():
    assert date_fields("2020-01-07") == (2020, 1, 7)
    assert date_fields("2020-01") == (2020, 1, None)
    assert date_fields("2020") == (2020, None, None)
    assert date_fields("--03-15") == (None, 3, 15)
    assert date_fields("2010-05-10/2010-05-11") == (2010, 5, 10)
    assert date_fields("7%") is None


def test_every_month_name_is_known():
    assert sorted(set(MONTHS.values())) == list(range(1, 13))


# --- properties ----------------------------------------------------------------------------------

PIECES = [
    "7",
    "٧",
    "2020",
    "٢٠٢٣",
    "15",
    " ",
    " ",
    "٪",
    "%",
    "بالمائة",
    "في",
    "المئة",
    "مارس",
    "كانون",
    "الثاني",
    "/",
    "آذار",
    "عام",
    "و",
    "بـ",
    "خمسة",
    "عشر",
    "وعشرين",
    "ألف",
    "ملايين",
    "نسبة",
    "\u064e",
    "\u0640",
    "\u200f",
    "،",
    ".",
    "3.5",
    "دولار",
    "-",
    "من",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_spans_are_ordered_disjoint_and_exact(pieces):
    text = "".join(pieces)
    prev = 0
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text
        assert prev <= q.start < q.end <= len(text)
        assert q.kind in ("number", "percent", "money", "date", "year")
        prev = q.end


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 28),
    st.sampled_from(sorted(MONTHS)),
    st.integers(1900, 2099),
    st.sampled_from([ARABIC_DIGITS, PERSIAN_DIGITS, None]),
)
def test_dates_do_not_depend_on_the_digit_system(day, month_key, year, digits):
    text = f"في {day} {month_key} {year}"
    if digits is not None:
        text = text.translate(digits)
    ((kind, value),) = kv(text)
    assert kind == "date"
    assert value == f"{year}-{MONTHS[month_key]:02d}-{day:02d}"


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 10_000),
    st.sampled_from(["{}٪", "{}%", "{} بالمائة", "{} بالمئة", "{} في المائة", "بنسبة {}"]),
    st.booleans(),
)
def test_percent_spellings_agree(n, template, arabic):
    number = str(n).translate(ARABIC_DIGITS) if arabic else str(n)
    assert kv(template.format(number)) == [("percent", f"{n}%")]
