"""Geometry for the small server-drawn SVG charts (no Django imports: test it without a database).

The template draws what these functions return with SVG presentation attributes (``x``, ``y``,
``width``, ``height``), which a strict CSP allows, unlike inline ``style`` attributes.
"""

import datetime
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1–4

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def next(self) -> "Quarter":
        return Quarter(self.year + (self.number == 4), self.number % 4 + 1)

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"

    def __lt__(self, other: "Quarter") -> bool:
        return (self.year, self.number) < (other.year, other.number)


def quarterly_counts(days: Iterable[datetime.date]) -> list[tuple[Quarter, int]]:
    """Meetings per quarter, every quarter from the first to the last present (zeros
    included, so the bars sit on a true time axis)."""
    counts = Counter(Quarter.of(day) for day in days)
    if not counts:
        return []
    quarter, last = min(counts), max(counts)
    series = [(quarter, counts[quarter])]
    while quarter < last:
        quarter = quarter.next()
        series.append((quarter, counts[quarter]))
    return series


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass
class Tick:
    x: float = 0
    y: float = 0
    label: str = ""


@dataclass
class BarChart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    baseline: float
    bars: list[Bar] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    max_value: int = 0


def nice_step(maximum: int, *, target_ticks: int = 4) -> int:
    """A round gridline step (1, 2, 5, 10, 20…) giving about ``target_ticks`` lines."""
    if maximum <= target_ticks:
        return 1
    raw = maximum / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw:
            return int(multiple * magnitude)
    return int(10 * magnitude)  # pragma: no cover - the loop always returns


def quarterly_bar_chart(
    series: list[tuple[Quarter, int]], *, height: float = 220, bar_step: float = 14
) -> BarChart | None:
    """Bars for ``quarterly_counts`` output, with y gridlines and one x label per year (fewer
    when the record spans decades)."""
    if not series:
        return None
    left, right, top, bottom = 34.0, 8.0, 10.0, 26.0
    width = max(960.0, left + right + bar_step * len(series))
    step = (width - left - right) / len(series)
    baseline = height - bottom
    plot_height = baseline - top
    maximum = max(value for _quarter, value in series)
    y_step = nice_step(maximum)
    y_max = max(y_step * math.ceil(maximum / y_step), 1)
    chart = BarChart(
        width=width,
        height=height,
        plot_left=left,
        plot_right=width - right,
        plot_top=top,
        baseline=baseline,
        max_value=maximum,
    )
    for index, (quarter, value) in enumerate(series):
        bar_height = plot_height * value / y_max
        chart.bars.append(
            Bar(
                x=round(left + index * step + step * 0.15, 2),
                y=round(baseline - bar_height, 2),
                width=round(step * 0.7, 2),
                height=round(bar_height, 2),
                label=quarter.label,
                value=value,
            )
        )
    for value in range(0, y_max + 1, y_step):
        chart.y_ticks.append(
            Tick(y=round(baseline - plot_height * value / y_max, 2), label=str(value))
        )
    years = sorted({quarter.year for quarter, _value in series})
    # Keep year labels at least ~40 units apart.
    every = max(1, math.ceil(40 / (step * 4)))
    for index, (quarter, _value) in enumerate(series):
        if quarter.number == 1 and (quarter.year - years[0]) % every == 0:
            chart.x_ticks.append(Tick(x=round(left + index * step, 2), label=str(quarter.year)))
    if not chart.x_ticks:  # a short series inside one year
        chart.x_ticks.append(Tick(x=left, label=str(years[0])))
    return chart
