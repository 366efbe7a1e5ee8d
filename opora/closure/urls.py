app_name = "closure"
urlpatterns = []
