"""khabar: read Arabic news natively and turn it into structured, searchable event data."""

from khabar.document import Document
from khabar.errors import InputError, KhabarError, ResourceError, StoreError
from khabar.output import to_record
from khabar.pipeline import STAGES, extract

__all__ = ["STAGES", "Document", "InputError", "KhabarError", "ResourceError", "StoreError", "extract",
           "to_record"]
__version__ = "0.1.0"
