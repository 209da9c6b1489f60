from django.apps import AppConfig


class CoordinatedEntryConfig(AppConfig):
    name = "hearth.coordinated_entry"
    label = "coordinated_entry"
