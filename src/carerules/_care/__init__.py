"""Care boundaries: personal care, medication and physical contact (Buddies policy)."""

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
