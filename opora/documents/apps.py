import importlib
import importlib.util

from django.apps import AppConfig

# The groups of document kinds; each registers its kinds when imported.
KIND_MODULES = (
    "opora.documents.kinds.intake",
    "opora.documents.kinds.assessment",
    "opora.documents.kinds.sessions",
    "opora.documents.kinds.casework",
)


class DocumentsConfig(AppConfig):
    name = "opora.documents"
    label = "documents"
    verbose_name = "Документи"

    def ready(self) -> None:
        for module in KIND_MODULES:
            if importlib.util.find_spec(module) is not None:
                importlib.import_module(module)
