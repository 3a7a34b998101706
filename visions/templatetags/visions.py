from django import template

from visions.charts import chart_bars, chart_geometry

register = template.Library()


@register.inclusion_tag("visions/_values_chart.html")
def values_chart(profile, chart_id: str = "values-chart"):
    return {
        "profile": profile,
        "bars": chart_bars(profile),
        "geometry": chart_geometry(),
        "chart_id": chart_id,
    }
