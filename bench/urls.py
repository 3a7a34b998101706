"""The product's URLs, plus the floor page that exists only in benchmark runs."""

from django.urls import path

from bench import views
from careervision.urls import handler500 as handler500
from careervision.urls import urlpatterns as product_urlpatterns

urlpatterns = [path("bench/floor/", views.floor, name="bench_floor"), *product_urlpatterns]
