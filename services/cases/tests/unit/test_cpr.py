from datetime import date

import pytest

from services.cases.domain.cpr import birth_date, mask_cpr, validate_cpr
from services.cases.tests.unit.builders import expect_error


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("0101901234", "0101901234"),
        ("010190-1234", "0101901234"),
        (" 010190-1234 ", "0101901234"),
        ("2902004000", "2902004000"),  # 2000 is a leap year (digit 7 = 4, yy 00)
    ],
)
def test_accepts_ten_digits_with_optional_hyphen(value: str, digits: str) -> None:
    assert validate_cpr(value) == digits


def test_does_not_require_modulus_11() -> None:
    # 010190-1235 fails the old modulus 11 check; valid since 2007.
    assert validate_cpr("010190-1235") == "0101901235"


@pytest.mark.parametrize(
    ("value", "born"),
    [
        ("010190-0000", date(1990, 1, 1)),  # 7th digit 0-3: 1900s
        ("010190-3999", date(1990, 1, 1)),
        ("010136-4000", date(2036, 1, 1)),  # 4: 00-36 -> 2000s
        ("010137-4000", date(1937, 1, 1)),  # 4: 37-99 -> 1900s
        ("010157-5000", date(2057, 1, 1)),  # 5-8: 00-57 -> 2000s
        ("010158-8000", date(1858, 1, 1)),  # 5-8: 58-99 -> 1800s
        ("010136-9000", date(2036, 1, 1)),  # 9: 00-36 -> 2000s
        ("010137-9000", date(1937, 1, 1)),  # 9: 37-99 -> 1900s
    ],
)
def test_century_from_seventh_digit(value: str, born: date) -> None:
    assert birth_date(value) == born


@pytest.mark.parametrize(
    "value",
    [
        "",
        "123",
        "01019012345",
        "010190--1234",
        "0101-901234",
        "01019O1234",
        "٠١٠١٩٠١٢٣٤",  # Arabic-Indic digits are not CPR digits
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "000190-1234",  # day 0
        "290200-0000",  # 1900 is not a leap year (digit 7 = 0)
        "290258-5000",  # 1858 is not a leap year
    ],
)
def test_rejects_bad_format_or_date(value: str) -> None:
    error = expect_error("invalid_cpr", None, validate_cpr, value)
    digits = value.replace("-", "").strip()
    if digits:
        assert digits not in error.message
        assert value not in error.message
        assert value not in str(error.details)


def test_rejects_non_string() -> None:
    expect_error("invalid_cpr", None, validate_cpr, 101901234)


def test_mask_hides_the_sequence_number() -> None:
    assert mask_cpr("0101901234") == "010190-****"
    assert mask_cpr("010190-1234") == "010190-****"
    assert mask_cpr("garbage") == "******-****"
