"""The Django admin's change list of goals: the well-known peer every main
page is measured against. Registered in the bench app only; the product's
admin does not show people's goals."""

from django.contrib import admin

from goals.models import Goal


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "target_date")
    list_filter = ("status", "kind")
    search_fields = ("title",)
