"""Care boundaries: personal care, medication and physical contact (Buddies policy).

The names load on first use (PEP 562): ``carerules._policy`` builds
``Policy`` from :mod:`carerules._care._model`, and the rest of this package
needs ``Policy``, so importing it all here would make ``import
carerules._policy`` circular.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carerules._care._contact import ContactAnswer, ContactChecks, check_contact, check_contacts
    from carerules._care._medication import (
        MedicationAnswer,
        MedicationFile,
        MedicationForm,
        MedicationOutcome,
        MedicationProcedure,
        MedicationRequest,
        MedicationRoute,
        MedicationSupport,
        decide_medication,
        epilepsy_procedure_ready,
    )
    from carerules._care._medication_record import (
        MedicationEvent,
        MedicationRecord,
        MedicationRecordCheck,
        ResponsibilityWindow,
        check_medication_records,
    )
    from carerules._care._model import (
        Activity,
        AwayFromHome,
        AwayReading,
        CanDecide,
        CareAnswer,
        CareArea,
        CareBoundaries,
        ContactKind,
        ContactPlan,
        HelpKind,
        PermittedTask,
        Place,
        Task,
    )
    from carerules._care._personal import ClassifiedTasks, care_table, classify_task, classify_tasks
    from carerules._care._report import CareCase, CareReport, care_report
    from carerules._care._rules import RULES

__all__ = [
    "RULES",
    "Activity",
    "AwayFromHome",
    "AwayReading",
    "CareCase",
    "CareReport",
    "CanDecide",
    "CareAnswer",
    "CareArea",
    "CareBoundaries",
    "ClassifiedTasks",
    "ContactAnswer",
    "ContactChecks",
    "ContactKind",
    "ContactPlan",
    "HelpKind",
    "MedicationAnswer",
    "MedicationEvent",
    "MedicationFile",
    "MedicationForm",
    "MedicationOutcome",
    "MedicationProcedure",
    "MedicationRecord",
    "MedicationRecordCheck",
    "MedicationRequest",
    "MedicationRoute",
    "MedicationSupport",
    "PermittedTask",
    "Place",
    "ResponsibilityWindow",
    "Task",
    "care_report",
    "care_table",
    "check_contact",
    "check_contacts",
    "check_medication_records",
    "classify_task",
    "classify_tasks",
    "decide_medication",
    "epilepsy_procedure_ready",
]

if not TYPE_CHECKING:  # type checkers read the imports above, and no catch-all __getattr__
    _PARTS = ("_contact", "_medication", "_medication_record", "_model", "_personal", "_report", "_rules")

    def __getattr__(name: str) -> Any:
        if name in __all__:
            for part in _PARTS:
                found = vars(import_module(f"{__name__}.{part}"))
                if name in found:
                    globals()[name] = found[name]
                    return found[name]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
