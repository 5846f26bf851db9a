"""Contains all the data models used in inputs/outputs"""

from .asyncapi_response_asyncapi import AsyncapiResponseAsyncapi
from .batch_result import BatchResult
from .bundle import Bundle
from .bundle_type import BundleType
from .chain import Chain
from .change_out import ChangeOut
from .change_out_action import ChangeOutAction
from .change_out_after_type_0 import ChangeOutAfterType0
from .change_out_before import ChangeOutBefore
from .consultation_batch import ConsultationBatch
from .consultation_out import ConsultationOut
from .consultation_out_status import ConsultationOutStatus
from .correction import Correction
from .correction_kind_type_0 import CorrectionKindType0
from .distribution_out import DistributionOut
from .distribution_out_lines_item import DistributionOutLinesItem
from .entry import Entry
from .federation_out import FederationOut
from .field_error import FieldError
from .hub_out import HubOut
from .hub_out_distribution_type_0 import HubOutDistributionType0
from .hub_out_payment import HubOutPayment
from .join import Join
from .leave import Leave
from .live_response_live import LiveResponseLive
from .membership_out import MembershipOut
from .metadata_response_200 import MetadataResponse200
from .new_subcontract import NewSubcontract
from .page_membership_out import PageMembershipOut
from .page_subcontract_out import PageSubcontractOut
from .parent_contract import ParentContract
from .period_out import PeriodOut
from .period_status import PeriodStatus
from .post_bundle_response_200 import PostBundleResponse200
from .post_bundle_response_400 import PostBundleResponse400
from .post_bundle_response_415 import PostBundleResponse415
from .post_bundle_response_422 import PostBundleResponse422
from .practice_out import PracticeOut
from .problem import Problem
from .rejected_out import RejectedOut
from .rejection import Rejection
from .service_count_out import ServiceCountOut
from .service_period_out import ServicePeriodOut
from .statement_line import StatementLine
from .statement_out import StatementOut
from .subcontract_out import SubcontractOut
from .subcontract_role import SubcontractRole
from .void import Void

__all__ = (
    "AsyncapiResponseAsyncapi",
    "BatchResult",
    "Bundle",
    "BundleType",
    "Chain",
    "ChangeOut",
    "ChangeOutAction",
    "ChangeOutAfterType0",
    "ChangeOutBefore",
    "ConsultationBatch",
    "ConsultationOut",
    "ConsultationOutStatus",
    "Correction",
    "CorrectionKindType0",
    "DistributionOut",
    "DistributionOutLinesItem",
    "Entry",
    "FederationOut",
    "FieldError",
    "HubOut",
    "HubOutDistributionType0",
    "HubOutPayment",
    "Join",
    "Leave",
    "LiveResponseLive",
    "MembershipOut",
    "MetadataResponse200",
    "NewSubcontract",
    "PageMembershipOut",
    "PageSubcontractOut",
    "ParentContract",
    "PeriodOut",
    "PeriodStatus",
    "PostBundleResponse200",
    "PostBundleResponse400",
    "PostBundleResponse415",
    "PostBundleResponse422",
    "PracticeOut",
    "Problem",
    "RejectedOut",
    "Rejection",
    "ServiceCountOut",
    "ServicePeriodOut",
    "StatementLine",
    "StatementOut",
    "SubcontractOut",
    "SubcontractRole",
    "Void",
)
