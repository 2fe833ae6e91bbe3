from django.contrib import admin

from concerto.rights.models import LocalAid, Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "quartier", "active")
    filter_horizontal = ("agents",)


@admin.register(LocalAid)
class LocalAidAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "amount", "max_reste_a_vivre", "min_age", "max_age", "valid_from",
                    "valid_until", "invented")  # fmt: skip
