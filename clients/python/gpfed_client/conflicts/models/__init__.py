"""Contains all the data models used in inputs/outputs"""

from .affected_out import AffectedOut
from .affiliation_in import AffiliationIn
from .affiliation_out import AffiliationOut
from .affiliation_out_status import AffiliationOutStatus
from .asyncapi_response_asyncapi import AsyncapiResponseAsyncapi
from .category import Category
from .committee_compliance import CommitteeCompliance
from .committee_kind import CommitteeKind
from .committee_out import CommitteeOut
from .committee_out_conflict_policy import CommitteeOutConflictPolicy
from .committee_role import CommitteeRole
from .compliance_summary import ComplianceSummary
from .conflict_action import ConflictAction
from .conflict_kind import ConflictKind
from .conflict_out import ConflictOut
from .course import Course
from .created import Created
from .criterion import Criterion
from .criterion_out import CriterionOut
from .decision_out import DecisionOut
from .end_affiliation import EndAffiliation
from .escalation_out import EscalationOut
from .evidence_out import EvidenceOut
from .field_error import FieldError
from .gift_decision import GiftDecision
from .gift_decision_out import GiftDecisionOut
from .gift_kind import GiftKind
from .gift_out import GiftOut
from .gift_status import GiftStatus
from .ground import Ground
from .held_by import HeldBy
from .item_out import ItemOut
from .item_out_subject import ItemOutSubject
from .live_response_live import LiveResponseLive
from .member_in import MemberIn
from .new_breach import NewBreach
from .new_committee import NewCommittee
from .new_committee_conflict_policy import NewCommitteeConflictPolicy
from .new_decision import NewDecision
from .new_declaration import NewDeclaration
from .new_escalation import NewEscalation
from .new_gift import NewGift
from .new_gift_decision import NewGiftDecision
from .new_person import NewPerson
from .new_roles import NewRoles
from .new_sign_off import NewSignOff
from .new_training import NewTraining
from .outcome import Outcome
from .overdue_out import OverdueOut
from .overdue_page import OverduePage
from .overdue_reason import OverdueReason
from .page_item_out import PageItemOut
from .person_out import PersonOut
from .problem import Problem
from .public_register_format import PublicRegisterFormat
from .public_register_register import PublicRegisterRegister
from .quorum_in import QuorumIn
from .raised_conflict import RaisedConflict
from .rating import Rating
from .relationship import Relationship
from .role_clause_in import RoleClauseIn
from .screening_out import ScreeningOut
from .self_certification_format import SelfCertificationFormat
from .self_certification_out import SelfCertificationOut
from .self_certification_out_status import SelfCertificationOutStatus
from .signed_off import SignedOff
from .training_out import TrainingOut
from .trigger import Trigger
from .vote import Vote
from .vote_in import VoteIn
from .warning_code import WarningCode
from .warning_out import WarningOut

__all__ = (
    "AffectedOut",
    "AffiliationIn",
    "AffiliationOut",
    "AffiliationOutStatus",
    "AsyncapiResponseAsyncapi",
    "Category",
    "CommitteeCompliance",
    "CommitteeKind",
    "CommitteeOut",
    "CommitteeOutConflictPolicy",
    "CommitteeRole",
    "ComplianceSummary",
    "ConflictAction",
    "ConflictKind",
    "ConflictOut",
    "Course",
    "Created",
    "Criterion",
    "CriterionOut",
    "DecisionOut",
    "EndAffiliation",
    "EscalationOut",
    "EvidenceOut",
    "FieldError",
    "GiftDecision",
    "GiftDecisionOut",
    "GiftKind",
    "GiftOut",
    "GiftStatus",
    "Ground",
    "HeldBy",
    "ItemOut",
    "ItemOutSubject",
    "LiveResponseLive",
    "MemberIn",
    "NewBreach",
    "NewCommittee",
    "NewCommitteeConflictPolicy",
    "NewDecision",
    "NewDeclaration",
    "NewEscalation",
    "NewGift",
    "NewGiftDecision",
    "NewPerson",
    "NewRoles",
    "NewSignOff",
    "NewTraining",
    "Outcome",
    "OverdueOut",
    "OverduePage",
    "OverdueReason",
    "PageItemOut",
    "PersonOut",
    "Problem",
    "PublicRegisterFormat",
    "PublicRegisterRegister",
    "QuorumIn",
    "RaisedConflict",
    "Rating",
    "Relationship",
    "RoleClauseIn",
    "ScreeningOut",
    "SelfCertificationFormat",
    "SelfCertificationOut",
    "SelfCertificationOutStatus",
    "SignedOff",
    "TrainingOut",
    "Trigger",
    "Vote",
    "VoteIn",
    "WarningCode",
    "WarningOut",
)
