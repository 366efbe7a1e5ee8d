from django.urls import path  # noqa: F401

# Roll-ups over the centres an official oversees (mounted at /oversight/reports/).
app_name = "rollups"
urlpatterns: list = []
