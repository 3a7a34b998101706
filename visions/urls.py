from django.urls import path

from visions import views

urlpatterns = [
    path("new/", views.vision_new, name="vision_new"),
    path("<int:vision_id>/", views.vision_detail, name="vision_detail"),
    path("<int:vision_id>/profile/", views.vision_profile, name="vision_profile"),
    path(
        "<int:vision_id>/questionnaire/",
        views.questionnaire_resume,
        name="questionnaire_resume",
    ),
    path(
        "<int:vision_id>/questionnaire/<slug:slug>/",
        views.questionnaire_step,
        name="questionnaire_step",
    ),
]
