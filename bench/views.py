"""The floor: the cheapest signed-in page this site could serve.

It goes through the same middleware as every page, is rendered in the same
layout (navigation, messages, footer), and makes one query of its own. Every
main page is measured against its throughput: what a page costs above this
is the page's own work.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from visions.models import Vision


@login_required
def floor(request):
    count = Vision.objects.filter(owner=request.user).count()
    return render(request, "bench/floor.html", {"count": count})
