from django.shortcuts import render


def home(request):
    """Strangers see what CareerVision is; a signed-in person sees their own start page."""
    if not request.user.is_authenticated:
        return render(request, "pages/landing.html")
    return render(request, "pages/home.html")
