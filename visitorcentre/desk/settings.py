"""``desk.settings``: what this desk is set to: establishment, printers, text size, language (services)."""

from __future__ import annotations

from visitorcentre.desk.area import Area, action, query, same_as
from visitorcentre.services import desk_settings


class DeskSettings(Area):
    """This desk's own settings."""

    establishments = query(desk_settings.establishments)
    printer_for = query(desk_settings.printer_for)
    remember_printer = action(desk_settings.remember_printer)
    text_size = query(desk_settings.text_size)
    use_text_size = action(desk_settings.use_text_size)
    language = query(desk_settings.language)
    use_language = action(desk_settings.use_language)

    def establishment_name(self) -> str:
        """The name of the establishment this desk serves (its code if the records do not name it)."""
        return dict(self.establishments()).get(self.ctx.establishment, self.ctx.establishment)

    @same_as(desk_settings.use_establishment)
    def use_establishment(self, code: str) -> None:
        desk_settings.use_establishment(self.ctx.unit_of_work(), code)
        self.ctx.establishment = code
