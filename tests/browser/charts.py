"""What the chart tests check: the canvas is drawn, and its figures are the table's."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def drawn_figures(page: Page, name: str) -> dict[str, list[str]]:
    """The chart ``name``'s figures by series, written as the table writes pounds ("" where
    none), once its canvas is drawn."""
    expect(page.locator(f"#{name}-chart[data-rendered='true']")).to_be_visible()
    found: dict[str, list[str]] = page.evaluate(
        """(name) => {
          const c = document.getElementById(name + '-chart');
          const chart = window.Chart.getChart(c);
          if (!(c.width > 0 && c.height > 0 && chart)) return null;
          const pounds = (v) => v === null ? '' : (v < 0 ? '-' : '') + '£' + Math.abs(v)
            .toLocaleString('en-GB', {minimumFractionDigits: 2, maximumFractionDigits: 2});
          return Object.fromEntries(chart.data.datasets.map(s => [s.label, s.data.map(pounds)]));
        }""",
        name,
    )
    assert found, f"the {name} chart is not drawn"
    return found


def table_columns(page: Page, table: str) -> dict[str, list[str]]:
    """A table's columns by heading, one value a row."""
    headings = page.locator(f"{table} thead th").all_inner_texts()
    rows = [r.locator("th, td").all_inner_texts() for r in page.locator(f"{table} tbody tr").all()]
    return {h.strip(): [" ".join(row[i].split()) for row in rows] for i, h in enumerate(headings)}


def assert_chart_matches_table(page: Page, name: str) -> dict[str, list[str]]:
    figures = drawn_figures(page, name)
    columns = table_columns(page, f"#{name}-table")
    for series, values in figures.items():
        assert columns[series] == values, (series, columns[series], values)
    return columns
