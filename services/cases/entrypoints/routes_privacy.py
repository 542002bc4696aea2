"""The privacy officer's routes of the cases service (``shared.privacy.routes``): erasure
of a citizen or a relative (GDPR art. 17), its status, and insight (art. 15)."""

from __future__ import annotations

from services.cases.adapters.insight import SubjectInsight
from services.cases.adapters.privacy import NAMING, case_eraser
from shared.privacy.routes import privacy_router

router = privacy_router(
    NAMING,
    case_eraser,
    SubjectInsight,
    erase_doc="Erase a subject: destroy their data key and record SubjectErased on the case.",
    status_doc=f"Whether a subject ({NAMING.forms}) is erased.",
)
