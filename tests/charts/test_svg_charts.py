"""kit.charts draws SVG on the server: parseable, titled and described for screen readers,
no inline style, and the same data in its table."""

from __future__ import annotations

from decimal import Decimal
from xml.etree import ElementTree

from kit.charts import Bar, Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    return ElementTree.fromstring(str(chart.svg))


def ratings_chart(**overrides):
    arguments = {
        "key": "objective-1", "title": "Objective 1: Delegate", "description": "Ratings from 0 to 10.",
        "labels": ["Start", "3 Feb 2026", "End"],
        "series": [Series("Coach", {"Start": 3, "3 Feb 2026": 5, "End": 8}), Series("You", {"Start": 4, "End": 7})],
        "top": 10,
    } | overrides
    return line_chart(**arguments)


def test_a_line_chart_is_an_image_labelled_by_its_title_and_description():
    svg = parse(ratings_chart())

    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "objective-1-t objective-1-d"
    assert svg.find(f"{SVG}title").text == "Objective 1: Delegate"
    assert svg.find(f"{SVG}title").get("id") == "objective-1-t"
    assert svg.find(f"{SVG}desc").text == "Ratings from 0 to 10."


def test_each_series_is_a_line_through_its_own_points_only():
    svg = parse(ratings_chart())

    lines = svg.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [3, 2]
    assert lines[0].get("stroke") != lines[1].get("stroke")
    assert lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")  # told apart without colour


def test_higher_ratings_are_drawn_higher():
    svg = parse(ratings_chart())

    coach = [tuple(map(float, point.split(","))) for point in svg.findall(f"{SVG}polyline")[0].get("points").split()]
    start, middle, end = (y for _, y in coach)
    assert start > middle > end  # SVG's y grows downwards


def test_every_point_says_its_value_on_hover():
    svg = parse(ratings_chart())

    tips = [title.text for title in svg.iter(f"{SVG}title")][1:]
    assert "Coach, 3 Feb 2026: 5" in tips
    assert "You, End: 7" in tips


def test_the_table_holds_the_same_data_with_a_dash_where_a_series_has_no_value():
    chart = ratings_chart()

    assert chart.headers == ("", "Coach", "You")
    assert chart.rows == (("Start", "3", "4"), ("3 Feb 2026", "5", "—"), ("End", "8", "7"))


def test_a_reference_level_is_drawn_and_named():
    chart = line_chart(
        key="hours", title="Hours used against planned", description="6 h used of 12 planned.",
        labels=["Opened", "Session 1", "Session 2"], series=[Series("Hours used", {"Opened": 0, "Session 1": Decimal("1.5"), "Session 2": 3})],
        top=Decimal("12"), unit=" h", reference=("Planned", Decimal("12")),
    )

    texts = [text.text for text in parse(chart).iter(f"{SVG}text")]
    assert "Planned: 12 h" in texts
    assert chart.rows[1] == ("Session 1", "1.5 h")


def test_labels_and_titles_are_escaped():
    chart = ratings_chart(title='<script>alert("x")</script> & co', series=[Series("A <b>", {"Start": 1})])

    svg = parse(chart)  # would not parse if anything were left unescaped
    assert svg.find(f"{SVG}title").text == '<script>alert("x")</script> & co'
    assert "<script>" not in str(chart.svg)


def test_no_chart_carries_a_style_attribute_or_element():
    charts = [ratings_chart(), bar_chart(key="b", title="Milestones", description="d", bars=[Bar("One", 0.5, "50%")], value_header="Progress")]

    for chart in charts:
        svg = parse(chart)
        assert all("style" not in element.attrib for element in svg.iter())
        assert svg.find(f".//{SVG}style") is None


def test_many_x_labels_are_thinned_so_they_never_overlap():
    labels = [f"Session {n}" for n in range(1, 31)]
    chart = line_chart(key="k", title="t", description="d", labels=labels, series=[Series("s", {label: 1 for label in labels})], top=2)

    drawn = [text.text for text in parse(chart).iter(f"{SVG}text") if (text.text or "").startswith("Session")]
    assert len(drawn) <= 5
    assert drawn[0] == "Session 1" and drawn[-1] == "Session 30"
    assert len(chart.rows) == 30  # the table keeps them all


def test_a_bar_is_as_long_as_its_share_and_clamped_to_full():
    chart = bar_chart(
        key="mpc", title="Milestones and indicators", description="How far each has come.",
        bars=[Bar("Milestone: half", Decimal("0.5"), "50%"), Bar("Indicator: sales", Decimal("1.4"), "140 of 100 EUR")],
        value_header="Where it stands",
    )

    svg = parse(chart)
    tracks = [rect for rect in svg.findall(f"{SVG}rect") if rect.find(f"{SVG}title") is None]
    fills = [rect for rect in svg.findall(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert float(fills[0].get("width")) == float(tracks[0].get("width")) / 2
    assert float(fills[1].get("width")) == float(tracks[1].get("width"))
    assert chart.rows == (("Milestone: half", "50%"), ("Indicator: sales", "140 of 100 EUR"))


def test_a_team_chart_keeps_every_legend_entry_inside_the_drawing():
    series = [Series(name, {"Start": 3}) for name in ("Coach", "Ann (own)", "Ben (own)", "Cleo (own)", "Dan (own)")]
    svg = parse(ratings_chart(series=series))

    width, height = (float(n) for n in svg.get("viewBox").split()[2:])
    legend = [(float(text.get("x")), float(text.get("y"))) for text in svg.iter(f"{SVG}text") if (text.text or "").endswith("(own)")]
    assert len(legend) == 4
    assert all(x < width - 100 and y < height for x, y in legend)
