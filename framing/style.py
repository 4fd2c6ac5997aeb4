"""Figure style: themes, journal figure sizes, a colour-blind-safe palette, French numbers.

Everything here is opt-in and scoped: importing the module changes no matplotlib setting,
and :func:`theme` changes them only inside its ``with`` block (or decorated function).

- :func:`theme` — ``with framing.theme("paper"):`` (or ``@framing.theme("paper")``) applies
  one of the shipped ``.mplstyle`` files (``paper``, ``notebook``, ``slides``, ``poster``)
  on top of matplotlib's defaults, so a figure looks the same on every machine whatever
  the user's matplotlibrc says.
- :func:`figure_size` — ``(width, height)`` in inches from journal column widths in
  millimetres (Nature 89/183 mm; Elsevier 90/140/190 mm).
- :func:`palette`, :func:`markers`, :func:`hatches`, :func:`cycle` — the Okabe–Ito colours
  with matching markers and hatches, so categories stay apart in greyscale print.
- :func:`format_number`, :func:`number_formatter`, :func:`apply_locale`, :func:`quote` —
  numbers and quotations in English or French typography (decimal comma, narrow no-break
  space between thousands, « guillemets »), without depending on the OS locale.

How plot functions build on this
--------------------------------
A ``plot_*`` function draws on the Axes it is given (or creates one inside the caller's
theme), takes colours, markers and hatches from :func:`cycle`, and ends with
``apply_locale(ax)``: that installs :func:`number_formatter` for the active theme's locale
on the numeric axes (a percent axis sets ``number_formatter(percent=True)`` itself). The
locale is not an rcParam: :func:`theme` records it in a context variable that
:func:`current_locale` reads, so it follows the ``with`` block exactly like the rcParams.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import numbers
import warnings
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NamedTuple

import matplotlib as mpl
import matplotlib.style
import matplotlib.ticker as mticker

from framing._errors import FramingError, FramingWarning, suggest
from framing._resources import RESOURCES_DIR

__all__ = [
    "JOURNALS",
    "LOCALES",
    "MM_PER_INCH",
    "OKABE_ITO",
    "THEMES",
    "CycleStyle",
    "LocaleFormatter",
    "Theme",
    "apply_locale",
    "current_locale",
    "cycle",
    "figure_size",
    "format_number",
    "hatches",
    "markers",
    "number_formatter",
    "palette",
    "quote",
    "theme",
]

MM_PER_INCH = 25.4
GOLDEN_RATIO = (1 + 5**0.5) / 2

STYLES_DIR = RESOURCES_DIR / "styles"
THEMES = ("paper", "notebook", "slides", "poster")
LOCALES = ("en", "fr")

NBSP = "\u00a0"  # no-break space: before « % » and inside « guillemets »
NNBSP = "\u202f"  # narrow no-break space: between groups of thousands, before « ; »
MINUS = "\u2212"  # typographic minus sign

# --------------------------------------------------------------------------- palette

#: The eight colours of Okabe & Ito (2008), in their published order. The RGB values
#: published there (0–255) are black (0, 0, 0), orange (230, 159, 0), sky blue
#: (86, 180, 233), bluish green (0, 158, 115), yellow (240, 228, 66), blue (0, 114, 178),
#: vermillion (213, 94, 0) and reddish purple (204, 121, 167).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Cycle order: the first two (blue L*≈46, orange L*≈71) differ most in lightness, since
# two-variant contests are the common case; yellow (pale on white) and black (kept for
# reference lines and annotations) come last.
_CYCLE_ORDER = (
    "blue",
    "orange",
    "bluish_green",
    "vermillion",
    "reddish_purple",
    "sky_blue",
    "yellow",
    "black",
)
# Filled markers that stay distinct in greyscale and at 4 pt.
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h")
# The first category is solid; the others get hatches of similar density.
_HATCHES = ("", "////", "\\\\\\\\", "xxxx", "....", "++++", "oo", "--")


class CycleStyle(NamedTuple):
    """One category's look: a colour, a marker (lines, points) and a hatch (bars, areas)."""

    color: str
    marker: str
    hatch: str


def _check_n(n: Any, what: str) -> int:
    size = len(_CYCLE_ORDER)
    if n is None:
        return size
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
        raise FramingError(f"{what}: n must be a non-negative integer; got {n!r}.")
    if n > size:
        raise FramingError(
            f"{what}: the Okabe–Ito palette has {size} colours; got n={n}. Beyond {size} "
            "categories colours cannot be told apart: group the rarest categories into "
            "'other', or draw one panel per group."
        )
    return int(n)


def palette(n: int | None = None) -> list[str]:
    """The Okabe–Ito colours as hex strings, in the theme's cycle order.

    Parameters
    ----------
    n : int, optional
        How many colours (at most 8); all 8 by default.

    Returns
    -------
    list of str
        ``"#0072B2"`` (blue), ``"#E69F00"`` (orange), ``"#009E73"`` (bluish green),
        ``"#D55E00"`` (vermillion), ``"#CC79A7"`` (reddish purple), ``"#56B4E9"`` (sky
        blue), ``"#F0E442"`` (yellow), ``"#000000"`` (black). The published order is
        :data:`OKABE_ITO`.

    Raises
    ------
    FramingError
        ``n`` is not an integer between 0 and 8.

    References
    ----------
    Okabe, M., & Ito, K. (2008). *Color Universal Design (CUD): How to make figures and
    presentations that are friendly to colorblind people*. J*Fly.
    https://jfly.uni-koeln.de/color/ (section "Set of colors that is unambiguous both
    to colorblinds and non-colorblinds").
    Wong, B. (2011). Points of view: Color blindness. *Nature Methods*, 8(6), 441.

    Examples
    --------
    >>> palette(2)
    ['#0072B2', '#E69F00']
    """
    return [OKABE_ITO[name] for name in _CYCLE_ORDER[: _check_n(n, "palette")]]


def markers(n: int | None = None) -> list[str]:
    """Marker codes matching :func:`palette` one to one (``"o"``, ``"s"``, ``"^"``, …).

    Examples
    --------
    >>> markers(3)
    ['o', 's', '^']
    """
    return list(_MARKERS[: _check_n(n, "markers")])


def hatches(n: int | None = None) -> list[str]:
    """Hatch patterns matching :func:`palette` one to one; the first is solid (``""``).

    Examples
    --------
    >>> hatches(2)
    ['', '////']
    """
    return list(_HATCHES[: _check_n(n, "hatches")])


def cycle(n: int) -> list[CycleStyle]:
    """Colour, marker and hatch for each of ``n`` categories, readable in greyscale.

    Plot functions give category *i* the colour, the marker (lines and points) and the
    hatch (bars and areas) of ``cycle(n)[i]``, so a figure printed in black and white
    still tells the categories apart.

    Parameters
    ----------
    n : int
        Number of categories, at most 8.

    Returns
    -------
    list of CycleStyle
        Named tuples ``(color, marker, hatch)``.

    Raises
    ------
    FramingError
        ``n`` is not an integer between 0 and 8.

    Examples
    --------
    >>> cycle(2)[1]
    CycleStyle(color='#E69F00', marker='s', hatch='////')
    """
    n = _check_n(n, "cycle")
    return [CycleStyle(*style) for style in zip(palette(n), markers(n), hatches(n), strict=True)]


# ----------------------------------------------------------------------- figure sizes

#: Printed figure widths (mm) and maximum heights by publisher, with their sources.
JOURNALS: dict[str, dict[str, Any]] = {
    "nature": {
        "widths": {"single": 89.0, "double": 183.0},
        "max_height": 170.0,
        "source": (
            "Nature Research figure guide, 'Building and exporting figure panels': "
            "https://research-figure-guide.nature.com/figures/building-and-exporting-figure-panels"
        ),
    },
    "elsevier": {
        "widths": {"single": 90.0, "onehalf": 140.0, "double": 190.0},
        "max_height": 240.0,
        "source": (
            "Elsevier, 'Artwork sizing': https://www.elsevier.com/about/policies-and-"
            "standards/author/artwork-and-media-instructions/artwork-sizing"
        ),
    },
}


def _positive_mm(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise FramingError(f"{name} must be a number of millimetres; got {value!r}.")
    value = float(value)
    if not math.isfinite(value) or value <= 0:
        raise FramingError(f"{name} must be a positive number of millimetres; got {value!r}.")
    return value


def figure_size(
    width: str | float = "single",
    *,
    aspect: float | None = None,
    height: float | None = None,
    journal: str = "nature",
) -> tuple[float, float]:
    """Figure size in inches for matplotlib, from a journal column or a width in mm.

    Parameters
    ----------
    width : {"single", "onehalf", "double"} or float, default "single"
        A column width of ``journal``, or a width in millimetres.
    aspect : float, optional
        Width divided by height (seaborn's convention). Default: the golden ratio, 1.618.
    height : float, optional
        Height in millimetres, instead of ``aspect``.
    journal : {"nature", "elsevier"}, default "nature"
        Whose column widths ``width`` names (see :data:`JOURNALS`): Nature 89 mm
        (single) and 183 mm (double), figures at most 170 mm high; Elsevier 90 mm
        (single), 140 mm (onehalf) and 190 mm (double), at most 240 mm high.

    Returns
    -------
    tuple of float
        ``(width, height)`` in inches, for ``Figure(figsize=...)``.

    Raises
    ------
    FramingError
        Unknown journal or column name (the message lists the known ones), both
        ``aspect`` and ``height`` given, or a size that is not a positive number.

    Warns
    -----
    FramingWarning
        The height exceeds the journal's maximum figure height (named column widths only).

    References
    ----------
    Nature Research figure guide, "Building and exporting figure panels" (89 mm single,
    183 mm double column; 170 mm maximum height).
    https://research-figure-guide.nature.com/figures/building-and-exporting-figure-panels
    Elsevier, "Artwork sizing" (90 mm single, 140 mm 1.5, 190 mm double column; 240 mm
    maximum height). https://www.elsevier.com/about/policies-and-standards/author/artwork-and-media-instructions/artwork-sizing

    Examples
    --------
    >>> w, h = figure_size("single")
    >>> round(w, 3), round(h, 3)
    (3.504, 2.166)
    >>> [round(v * 25.4, 6) for v in figure_size(120, height=60)]
    [120.0, 60.0]
    """
    if not isinstance(journal, str) or journal not in JOURNALS:
        raise FramingError(
            f"Unknown journal {journal!r}. Known journals: {', '.join(JOURNALS)}; or pass "
            "width in millimetres." + suggest(str(journal), JOURNALS)
        )
    spec = JOURNALS[journal]
    named = isinstance(width, str)
    if named:
        widths = spec["widths"]
        if width not in widths:
            listed = ", ".join(f"{k!r} ({v:g} mm)" for k, v in widths.items())
            raise FramingError(
                f"Unknown width {width!r} for journal {journal!r}. Its columns: {listed}; "
                "or pass a width in millimetres." + suggest(width, widths)
            )
        width_mm = widths[width]
    else:
        width_mm = _positive_mm(width, "width")
    if aspect is not None and height is not None:
        raise FramingError(
            "Give aspect (width / height) or height (mm), not both; "
            f"got aspect={aspect!r} and height={height!r}."
        )
    if height is not None:
        height_mm = _positive_mm(height, "height")
    else:
        ratio = GOLDEN_RATIO if aspect is None else aspect
        if isinstance(ratio, bool) or not isinstance(ratio, numbers.Real) or not ratio > 0:
            raise FramingError(f"aspect must be a positive number; got {aspect!r}.")
        if not math.isfinite(ratio):
            raise FramingError(f"aspect must be a positive number; got {aspect!r}.")
        height_mm = width_mm / float(ratio)
    if named and height_mm > spec["max_height"]:
        warnings.warn(
            f"The figure is {height_mm:.0f} mm high; {journal} prints figures at most "
            f"{spec['max_height']:g} mm high. Pass a smaller height or a larger aspect.",
            FramingWarning,
            stacklevel=2,
        )
    return width_mm / MM_PER_INCH, height_mm / MM_PER_INCH


# ----------------------------------------------------------------------------- theme

_LOCALE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "framing_locale", default=None
)

_FONT_SIZE_KEYS = (
    "font.size",
    "axes.labelsize",
    "axes.titlesize",
    "figure.titlesize",
    "figure.labelsize",
    "xtick.labelsize",
    "ytick.labelsize",
    "legend.fontsize",
    "legend.title_fontsize",
)


def _check_locale(locale: Any) -> str:
    if locale is None:
        return current_locale()
    if locale not in LOCALES:
        raise FramingError(
            f"Unknown locale {locale!r}. Known locales: {', '.join(LOCALES)}."
            + suggest(str(locale), LOCALES)
        )
    return locale


def current_locale() -> str:
    """The locale of the innermost active :func:`theme`, else ``"en"``.

    Examples
    --------
    >>> current_locale()
    'en'
    >>> with theme("paper", locale="fr"):
    ...     current_locale()
    'fr'
    """
    return _LOCALE.get() or "en"


def _style_path(name: Any) -> Path:
    if isinstance(name, str) and name in THEMES:
        return STYLES_DIR / f"{name}.mplstyle"
    if isinstance(name, (str, Path)) and str(name).endswith(".mplstyle"):
        path = Path(name)
        if not path.is_file():
            raise FramingError(f"Style file {str(path)!r} does not exist.")
        return path
    raise FramingError(
        f"Unknown theme {name!r}. Known themes: {', '.join(THEMES)}; or give the path of "
        "a .mplstyle file." + suggest(str(name), THEMES)
    )


def _read_style(path: Path) -> dict[str, Any]:
    try:
        params = mpl.rc_params_from_file(path, fail_on_error=True, use_default_template=False)
    except (OSError, ValueError) as err:
        raise FramingError(f"Cannot read style file {str(path)!r}: {err}") from err
    return dict(params)


def _checked_rc(rc: dict[str, Any]) -> dict[str, Any]:
    known = list(mpl.rcParams)
    for key in rc:
        if key not in mpl.rcParams:
            raise FramingError(
                f"Unknown rcParam {key!r}. Pass matplotlib rcParams by their dotted names, "
                "e.g. theme('paper', **{'axes.grid': True})." + suggest(key, known)
            )
    try:
        validated = mpl.RcParams(rc)  # a free-standing RcParams: validates, sets nothing
    except (ValueError, TypeError) as err:
        raise FramingError(f"Invalid rcParam value: {err}") from err
    return {key: validated[key] for key in rc}


class Theme(contextlib.ContextDecorator):
    """A figure theme: a context manager and decorator that applies rcParams and a locale.

    Built by :func:`theme`; see there. Entering applies matplotlib's defaults, then the
    shared settings, then the theme's ``.mplstyle`` file, the font size and ``rc``;
    leaving restores every rcParam exactly as it was. Instances can be nested and reused.

    Attributes
    ----------
    name : str
        The theme name, or the path of the style file.
    locale : {"en", "fr"}
    params : dict
        The rcParams the theme sets on top of matplotlib's defaults.
    """

    def __init__(
        self,
        name: str | Path = "paper",
        *,
        locale: str = "en",
        font_size: float | None = None,
        rc: dict[str, Any] | None = None,
    ) -> None:
        path = _style_path(name)
        if locale not in LOCALES:
            raise FramingError(
                f"Unknown locale {locale!r}. Known locales: {', '.join(LOCALES)}."
                + suggest(str(locale), LOCALES)
            )
        params = _read_style(STYLES_DIR / "_common.mplstyle")
        params.update(_read_style(path))
        if font_size is not None:
            if (
                isinstance(font_size, bool)
                or not isinstance(font_size, numbers.Real)
                or not math.isfinite(font_size)
                or font_size <= 0
            ):
                raise FramingError(f"font_size must be a positive number (pt); got {font_size!r}.")
            base = float(params.get("font.size", mpl.rcParamsDefault["font.size"]))
            for key in _FONT_SIZE_KEYS:
                value = params.get(key)
                if isinstance(value, numbers.Real):
                    params[key] = round(float(value) * float(font_size) / base, 2)
            params["font.size"] = float(font_size)
        params.update(_checked_rc(dict(rc or {})))
        self.name = str(name)
        self.locale = locale
        self.params = params
        self._stacks: list[tuple[ExitStack, contextvars.Token[str | None]]] = []

    def __enter__(self) -> Theme:
        stack = ExitStack()
        stack.enter_context(mpl.rc_context())  # restores every rcParam on exit
        mpl.style.use("default")  # start from matplotlib's defaults, not the user's rc
        mpl.rcParams.update(self.params)
        token = _LOCALE.set(self.locale)
        self._stacks.append((stack, token))
        return self

    def __exit__(self, *exc: object) -> None:
        stack, token = self._stacks.pop()
        _LOCALE.reset(token)
        # The backend and interactive mode belong to the session, not to the theme: when
        # pyplot is first imported inside the block (Jupyter's inline backend resolves then),
        # restoring them would stop later figures from showing.
        # (_get/_set read and write without resolving an unresolved backend, which would
        # import pyplot.)
        session = {key: mpl.rcParams._get(key) for key in ("backend", "interactive")}
        stack.close()
        for key, value in session.items():
            mpl.rcParams._set(key, value)

    def __repr__(self) -> str:
        return f"Theme({self.name!r}, locale={self.locale!r})"


def theme(
    name: str | Path = "paper",
    *,
    locale: str = "en",
    font_size: float | None = None,
    **rc: Any,
) -> Theme:
    """A publication theme for matplotlib, as a context manager or a decorator.

    ``with theme("paper"):`` (or ``@theme("paper")`` on a function) applies, in order:
    matplotlib's defaults (so the user's matplotlibrc cannot change the output), the
    settings shared by all themes, the theme's own ``.mplstyle`` file, ``font_size`` and
    ``rc``. On exit every rcParam is restored; importing :mod:`framing` changes nothing.
    Create figures inside the block: sizes, fonts and constrained layout are read when a
    figure and its artists are created.

    Shared settings (all themes): DejaVu Sans for text and mathtext (it ships with
    matplotlib: no system or web font, identical text on every machine); the Okabe–Ito
    colour cycle (:func:`palette`); no top/right spines, no grid, frameless legends;
    ``figure.constrained_layout.use: True``; ``savefig.bbox: standard`` (``"tight"``
    would change the physical size of the saved figure); ``pdf.fonttype`` and
    ``ps.fonttype`` 42 (TrueType fonts embedded, text stays editable); ``svg.fonttype:
    path`` (glyphs drawn as paths: the SVG looks the same wherever it is opened, whatever
    fonts are installed — the PDF is the file with editable text); a fixed
    ``svg.hashsalt`` (stable element ids).

    Parameters
    ----------
    name : {"paper", "notebook", "slides", "poster"} or path, default "paper"
        ``paper``: 8 pt text, 7 pt ticks and legend, thin lines, Nature single-column
        size (89 mm, golden ratio). ``notebook``: 10 pt, 6.4 × 4 in. ``slides``: 16 pt,
        16:9. ``poster``: 24 pt. Or the path of your own ``.mplstyle`` file.
    locale : {"en", "fr"}, default "en"
        Number and quotation typography for :func:`apply_locale`, :func:`format_number`
        and :func:`quote` inside the block (see :func:`current_locale`). It sets no
        rcParam: matplotlib's ``axes.formatter.use_locale`` depends on the operating
        system's locales, which are not installed everywhere.
    font_size : float, optional
        Base font size in points; every text size of the theme scales with it.
    **rc
        Further rcParams by their dotted names, e.g. ``**{"axes.grid": True}``.

    Returns
    -------
    Theme
        Use it in a ``with`` statement or as a decorator.

    Raises
    ------
    FramingError
        Unknown theme, locale or rcParam (with a suggestion), an invalid rcParam value,
        or a font size that is not a positive number.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from matplotlib.figure import Figure
    >>> with theme("paper", locale="fr"):
    ...     fig = Figure(figsize=figure_size("single"))
    ...     mpl.rcParams["pdf.fonttype"]
    42
    >>> @theme("slides")
    ... def font():
    ...     return mpl.rcParams["font.size"]
    >>> font()
    16.0
    """
    return Theme(name, locale=locale, font_size=font_size, rc=rc)


# ------------------------------------------------------------------------- numbers


def _separators(locale: str) -> tuple[str, str, str]:
    """(decimal separator, thousands separator, text before a percent sign)."""
    if locale == "fr":
        return ",", NNBSP, NBSP
    return ".", ",", ""


def _auto_grouping(values: Iterable[float]) -> bool:
    # Group thousands from five integer digits on (10 000), as the SI brochure allows and
    # French and English style guides do for tables: four-digit numbers such as years
    # (2023) stay ungrouped, and one axis or column is grouped all or nothing.
    return any(math.isfinite(v) and abs(v) >= 9999.5 for v in values)


def _number(
    value: float,
    decimals: int,
    *,
    decimal_sep: str,
    group_sep: str,
    grouping: bool,
    minus: str,
) -> str:
    """Fixed-point text of one finite or infinite number with the given separators."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return ("" if value > 0 else minus) + "∞"
    text = f"{abs(value):,.{decimals}f}" if grouping else f"{abs(value):.{decimals}f}"
    negative = value < 0 and any(ch not in "0.," for ch in text)  # never "−0.0"
    whole, _, fraction = text.partition(".")
    text = whole.replace(",", group_sep) + (decimal_sep + fraction if fraction else "")
    return (minus if negative else "") + text


def _auto_decimals(values: Sequence[float], max_decimals: int = 6) -> int:
    """Fewest decimals (≤ max) that write every value exactly (to 1e-9 relative)."""
    finite = [v for v in values if math.isfinite(v)]
    for decimals in range(max_decimals + 1):
        if all(abs(round(v, decimals) - v) <= 1e-9 * max(1.0, abs(v)) for v in finite):
            return decimals
    return max_decimals


def _check_decimals(decimals: Any) -> int | None:
    if decimals is None:
        return None
    if isinstance(decimals, bool) or not isinstance(decimals, numbers.Integral):
        raise FramingError(f"decimals must be a non-negative integer or None; got {decimals!r}.")
    if not 0 <= decimals <= 20:
        raise FramingError(f"decimals must be between 0 and 20; got {decimals!r}.")
    return int(decimals)


def _check_real(x: Any) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise FramingError(f"Expected a number; got {x!r} ({type(x).__name__}).")
    return float(x)


def format_number(
    x: float,
    *,
    locale: str | None = None,
    decimals: int | None = None,
    percent: bool = False,
    grouping: bool | None = None,
    unicode_minus: bool = True,
) -> str:
    """Write a number in English or French typography, without the OS locale.

    Parameters
    ----------
    x : float
        The number; with ``percent=True``, a proportion (0.125 → 12.5 %).
    locale : {"en", "fr"}, optional
        Default: the active theme's locale, else ``"en"``. English: ``12,345.6`` and
        ``12.5%``. French: decimal comma, a narrow no-break space (U+202F) between groups
        of thousands, a no-break space (U+00A0) before the percent sign:
        ``12 345,6`` and ``12,5 %``.
    decimals : int, optional
        Digits after the decimal separator. Default: as many as needed, at most 6.
    percent : bool, default False
        Multiply by 100 and add a percent sign.
    grouping : bool, optional
        Separate thousands. Default: only from 10,000 on, so that four-digit numbers
        such as years stay whole.
    unicode_minus : bool, default True
        Write negatives with the minus sign U+2212 (as matplotlib does), else ``-``.

    Returns
    -------
    str
        NaN gives ``"NaN"``, infinities ``"∞"`` and ``"−∞"``. A value that rounds to zero
        has no sign.

    Raises
    ------
    FramingError
        ``x`` is not a number, or an unknown locale or invalid ``decimals``.

    Examples
    --------
    >>> format_number(12345.678, locale="fr", decimals=1)
    '12\\u202f345,7'
    >>> format_number(0.125, locale="fr", percent=True)
    '12,5\\xa0%'
    >>> format_number(0.125, percent=True)
    '12.5%'
    """
    value = _check_real(x)
    locale = _check_locale(locale)
    decimals = _check_decimals(decimals)
    if percent:
        value *= 100
    if decimals is None:
        decimals = _auto_decimals([value])
    decimal_sep, group_sep, before_percent = _separators(locale)
    text = _number(
        value,
        decimals,
        decimal_sep=decimal_sep,
        group_sep=group_sep,
        grouping=_auto_grouping([value]) if grouping is None else bool(grouping),
        minus=MINUS if unicode_minus else "-",
    )
    return text + before_percent + "%" if percent else text


class LocaleFormatter(mticker.Formatter):
    """Tick formatter writing numbers in a locale's typography (see :func:`number_formatter`)."""

    def __init__(
        self,
        locale: str,
        *,
        decimals: int | None = None,
        percent: bool = False,
        xmax: float = 1.0,
        grouping: bool | None = None,
    ) -> None:
        self.locale = locale
        self.decimals = decimals
        self.percent = percent
        self.xmax = xmax
        self.grouping = grouping
        self._tick_decimals: int | None = None
        self._tick_grouping: bool | None = None

    def _scaled(self, x: float) -> float:
        return float(x) * 100.0 / self.xmax if self.percent else float(x)

    def _text(self, value: float, decimals: int, grouping: bool) -> str:
        decimal_sep, group_sep, before_percent = _separators(self.locale)
        text = _number(
            value,
            decimals,
            decimal_sep=decimal_sep,
            group_sep=group_sep,
            grouping=grouping,
            minus=MINUS if mpl.rcParams["axes.unicode_minus"] else "-",
        )
        return text + before_percent + "%" if self.percent else text

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        """Labels for all ticks at once: one number of decimals and one grouping for all."""
        scaled = [self._scaled(v) for v in values]
        self._tick_decimals = (
            self.decimals if self.decimals is not None else _auto_decimals(scaled)
        )
        self._tick_grouping = _auto_grouping(scaled) if self.grouping is None else self.grouping
        return [self(v, i) for i, v in enumerate(values)]

    def __call__(self, x: float, pos: int | None = None) -> str:
        value = self._scaled(x)
        decimals = self._tick_decimals if self._tick_decimals is not None else self.decimals
        if decimals is None:
            decimals = _auto_decimals([value])
        grouping = self._tick_grouping if self._tick_grouping is not None else self.grouping
        if grouping is None:
            grouping = _auto_grouping([value])
        return self._text(value, decimals, grouping)

    def format_data_short(self, value: float) -> str:
        """The cursor read-out: up to 6 decimals, whatever the ticks use."""
        scaled = self._scaled(value)
        return self._text(scaled, _auto_decimals([scaled]), _auto_grouping([scaled]))


def number_formatter(
    locale: str | None = None,
    *,
    decimals: int | None = None,
    percent: bool = False,
    xmax: float = 1.0,
    grouping: bool | None = None,
) -> LocaleFormatter:
    """A matplotlib tick formatter for English or French numbers (no OS locale needed).

    All the labels of an axis get the same number of decimals (the fewest that write
    every tick exactly, unless ``decimals`` is given) and are grouped by thousands all
    or none (from 10,000 on, unless ``grouping`` says otherwise).

    Parameters
    ----------
    locale : {"en", "fr"}, optional
        Default: the active theme's locale, else ``"en"``.
    decimals : int, optional
        Fixed number of decimals.
    percent : bool, default False
        Label ``x`` as ``100 * x / xmax`` percent: ``12.5%`` / ``12,5 %``.
    xmax : float, default 1.0
        The data value that is 100 % (1.0 for proportions, 100 for data already in %).
    grouping : bool, optional
        Force or forbid the thousands separator.

    Returns
    -------
    LocaleFormatter
        For ``ax.xaxis.set_major_formatter(...)``.

    Raises
    ------
    FramingError
        Unknown locale, invalid ``decimals`` or ``xmax``.

    Examples
    --------
    >>> number_formatter("fr").format_ticks([0, 0.25, 0.5])
    ['0,00', '0,25', '0,50']
    >>> number_formatter("fr", percent=True).format_ticks([0, 0.25, 0.5])
    ['0\\xa0%', '25\\xa0%', '50\\xa0%']
    """
    locale = _check_locale(locale)
    decimals = _check_decimals(decimals)
    xmax = _check_real(xmax)
    if not math.isfinite(xmax) or xmax == 0:
        raise FramingError(f"xmax must be a finite, non-zero number; got {xmax!r}.")
    return LocaleFormatter(
        locale, decimals=decimals, percent=bool(percent), xmax=xmax, grouping=grouping
    )


def apply_locale(ax: Any, locale: str | None = None, *, x: bool = True, y: bool = True) -> Any:
    """Write the numeric tick labels of ``ax`` in a locale's typography.

    Plot functions call this last. It replaces matplotlib's default number formatter
    (:class:`~matplotlib.ticker.ScalarFormatter`) with :func:`number_formatter`; an axis
    whose formatter is anything else (categories, dates, log scale, a formatter the plot
    function or the user chose) is left alone, except that an existing
    :class:`LocaleFormatter` (a percent axis, say) is switched to ``locale``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    locale : {"en", "fr"}, optional
        Default: the active theme's locale, else ``"en"``.
    x, y : bool, default True
        Which axes to format.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, for chaining.

    Raises
    ------
    FramingError
        ``ax`` is not an Axes, or an unknown locale.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> _ = ax.plot([0, 1], [0, 0.5])
    >>> _ = apply_locale(ax, "fr")
    >>> ax.yaxis.get_major_formatter().format_ticks([0, 0.25])
    ['0,00', '0,25']
    """
    if not hasattr(ax, "xaxis") or not hasattr(ax, "yaxis"):
        raise FramingError(f"apply_locale expects a matplotlib Axes; got {type(ax).__name__}.")
    locale = _check_locale(locale)
    axes = [a for a, wanted in ((ax.xaxis, x), (ax.yaxis, y)) if wanted]
    for axis in axes:
        current = axis.get_major_formatter()
        if type(current) is mticker.ScalarFormatter:
            axis.set_major_formatter(number_formatter(locale))
        elif isinstance(current, LocaleFormatter):
            axis.set_major_formatter(
                LocaleFormatter(
                    locale,
                    decimals=current.decimals,
                    percent=current.percent,
                    xmax=current.xmax,
                    grouping=current.grouping,
                )
            )
    return ax


def quote(text: str, *, locale: str | None = None) -> str:
    """Put ``text`` in quotation marks: « text » (French, no-break spaces) or “text”.

    Parameters
    ----------
    text : str
    locale : {"en", "fr"}, optional
        Default: the active theme's locale, else ``"en"``.

    Returns
    -------
    str

    Raises
    ------
    FramingError
        ``text`` is not a str, or an unknown locale.

    Examples
    --------
    >>> quote("offensive", locale="fr")
    '«\\xa0offensive\\xa0»'
    >>> quote("offensive", locale="en")
    '“offensive”'
    """
    if not isinstance(text, str):
        raise FramingError(f"quote expects a str; got {type(text).__name__}.")
    if _check_locale(locale) == "fr":
        return f"«{NBSP}{text}{NBSP}»"
    return f"“{text}”"
