app_name = "api"
urlpatterns: list = []  # type: ignore[type-arg]
