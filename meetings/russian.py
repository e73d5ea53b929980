"""Russian grammar for the interface: the form of a noun after a number, and the forms of model names.

Django builds admin strings from a model's ``verbose_name`` (nominative singular) and
``verbose_name_plural``: «Выберите встреча», «Добавить персона», «9 бюллетени». Russian wants the
accusative after a verb («Выберите встречу») and one of three forms after a number («1 бюллетень»,
«2 бюллетеня», «5 бюллетеней»). :data:`NOUNS` lists those forms once for every model the admin
shows, keyed by the model's label (``Options.label_lower``); ``newsdesk/admin_site.py`` and the
``russian`` template library (``meetings/templatetags/russian.py``) read them.

Pure: no Django, so any layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol


def is_russian(language: str | None) -> bool:
    """Whether ``language`` (``translation.get_language()``) is Russian: only then are these forms used."""
    return bool(language) and str(language).split("-")[0].lower() == "ru"


def plural(number: int, forms: tuple[str, str, str]) -> str:
    """The form of a noun after ``number``: ``forms`` is (1 бюллетень, 2 бюллетеня, 5 бюллетеней).

    21 бюллетень, 22 бюллетеня, 11–14 and 111–114 бюллетеней.
    """
    n = abs(number)
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def count(number: int, forms: tuple[str, str, str]) -> str:
    """``number`` and the noun in the form it takes: «9 бюллетеней»."""
    return f"{number} {plural(number, forms)}"


@dataclass(frozen=True)
class Noun:
    """The forms of a model's name the interface needs.

    ``one``, ``few`` and ``many`` follow a number (1 встреча, 2 встречи, 5 встреч); ``accusative``
    follows a verb (Выберите встречу); ``plural`` is the nominative plural (встречи). The gender
    agrees verbs and adjectives (встреча создана, участник создан); an animate noun's accusative
    plural is its genitive (удалить выбранных персон, but выбранные встречи).
    """

    one: str
    few: str
    many: str
    accusative: str
    plural: str
    gender: Literal["m", "f", "n"]
    animate: bool = False

    def count(self, number: int) -> str:
        return count(number, (self.one, self.few, self.many))

    def agree(self, *, m: str, f: str, n: str) -> str:
        """The word of the three that agrees with this noun's gender: ``agree(m="создан", ...)``."""
        return {"m": m, "f": f, "n": n}[self.gender]

    @property
    def accusative_plural(self) -> str:
        return self.many if self.animate else self.plural

    def selected(self, number: int) -> str:
        """What is being acted on, after a verb: «выбранную встречу», «выбранные встречи»,
        «выбранных персон»."""
        if number == 1:
            masculine = "выбранного" if self.animate else "выбранный"
            return f"{self.agree(m=masculine, f='выбранную', n='выбранное')} {self.accusative}"
        return f"выбранных {self.many}" if self.animate else f"выбранные {self.plural}"

    def every(self) -> str:
        """Every one of them, after a verb: «все встречи», «всех персон»."""
        return f"всех {self.many}" if self.animate else f"все {self.plural}"


class ModelOptions(Protocol):
    """What :func:`noun_for` reads of a model's ``_meta`` (Django's ``Options``)."""

    @property
    def label_lower(self) -> str: ...

    @property
    def verbose_name(self) -> object: ...

    @property
    def verbose_name_plural(self) -> object: ...


def _noun(
    one: str,
    few: str,
    many: str,
    accusative: str,
    gender: Literal["m", "f", "n"],
    *,
    plural: str | None = None,
    animate: bool = False,
) -> Noun:
    return Noun(one, few, many, accusative, plural or few, gender, animate)


# Every model shown in the admin (registered or inline); tests/meetings/test_russian_admin.py checks
# that each one registered has its entry. The plural is the nominative plural, which is the
# genitive singular (``few``) unless given.
NOUNS: dict[str, Noun] = {
    "newsdesk.bulletin": _noun("бюллетень", "бюллетеня", "бюллетеней", "бюллетень", "m", plural="бюллетени"),
    "meetings.meeting": _noun("встреча", "встречи", "встреч", "встречу", "f"),
    "meetings.person": _noun("персона", "персоны", "персон", "персону", "f", animate=True),
    "meetings.personalias": _noun(
        "вариант имени", "варианта имени", "вариантов имени", "вариант имени", "m", plural="варианты имени"
    ),
    "meetings.participant": _noun(
        "участник", "участника", "участников", "участника", "m", plural="участники", animate=True
    ),
    "meetings.extractorevaluation": _noun(
        "оценка извлечения", "оценки извлечения", "оценок извлечения", "оценку извлечения", "f"
    ),
    # Their versions in the history: named in the permissions' list only.
    "meetings.historicalmeeting": _noun(
        "версия встречи", "версии встречи", "версий встречи", "версию встречи", "f"
    ),
    "meetings.historicalparticipant": _noun(
        "версия участника", "версии участника", "версий участника", "версию участника", "f"
    ),
    "auth.user": _noun(
        "пользователь",
        "пользователя",
        "пользователей",
        "пользователя",
        "m",
        plural="пользователи",
        animate=True,
    ),
    "auth.group": _noun("группа", "группы", "групп", "группу", "f"),
    "authtoken.token": _noun("токен", "токена", "токенов", "токен", "m", plural="токены"),
    "authtoken.tokenproxy": _noun("токен", "токена", "токенов", "токен", "m", plural="токены"),
    "axes.accessattempt": _noun(
        "запись о попытке доступа",
        "записи о попытке доступа",
        "записей о попытке доступа",
        "запись о попытке доступа",
        "f",
    ),
    "axes.accesslog": _noun(
        "запись о доступе", "записи о доступе", "записей о доступе", "запись о доступе", "f"
    ),
    "axes.accessfailurelog": _noun(
        "ошибка доступа", "ошибки доступа", "ошибок доступа", "ошибку доступа", "f"
    ),
}


def noun_for(opts: ModelOptions) -> Noun:
    """The forms of the model's name; a model not in :data:`NOUNS` gets Django's two names
    (nominative singular, and the plural after any other number), as the stock admin does."""
    known = NOUNS.get(opts.label_lower)
    if known is not None:
        return known
    one, many = str(opts.verbose_name), str(opts.verbose_name_plural)
    return Noun(one=one, few=many, many=many, accusative=one, plural=many, gender="m")
