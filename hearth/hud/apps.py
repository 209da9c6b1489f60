from django.apps import AppConfig


class HudConfig(AppConfig):
    name = "hearth.hud"
    label = "hud"
